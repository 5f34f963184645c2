package io.acapromoter.local.sim;

/**
 * A manifest the simulated registry accepted.
 *
 * @param loginServer e.g. {@code myreg.azurecr.io}
 * @param repository repository name
 * @param tag the tag pushed, or null for a push by digest
 * @param digest {@code sha256:<64 hex>}
 * @param mediaType the manifest media type
 */
public record PushedImage(String loginServer, String repository, String tag, String digest, String mediaType) {
    /** The digest-pinned reference, {@code loginServer/repository@digest}. */
    public String reference() {
        return loginServer + "/" + repository + "@" + digest;
    }
}
