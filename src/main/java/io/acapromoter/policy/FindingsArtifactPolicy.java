package io.acapromoter.policy;

/**
 * Whether Defender's vulnerability findings artifact attached to an image counts as evidence that Defender scanned
 * it. Defender records a scan that found nothing in Resource Graph only where a model keeps a healthy record; the
 * artifact (an OCI referrer of the image: an in-toto vulnerability report by MDVM) is written for every scanned
 * image. Its Microsoft signature is not verified here, so anyone who may push to the repository could attach one.
 */
public enum FindingsArtifactPolicy {
    /** Only Resource Graph says whether Defender scanned the candidate. */
    IGNORE("ignore"),
    /**
     * With no Defender record in Resource Graph, a findings artifact whose report lists no vulnerabilities makes the
     * candidate "scanned, clean"; one that lists vulnerabilities Resource Graph does not show yet keeps it waiting.
     */
    ACCEPT("accept");

    private final String key;

    FindingsArtifactPolicy(String key) {
        this.key = key;
    }

    /** As written in the promotion file. */
    public String key() {
        return key;
    }
}
