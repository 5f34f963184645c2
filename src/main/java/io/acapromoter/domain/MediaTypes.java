package io.acapromoter.domain;

import java.util.Set;

/** Manifest media types, and which of them are runnable images. */
public final class MediaTypes {

    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String NOTATION_SIGNATURE = "application/vnd.cncf.notary.signature";

    /** Single-platform manifests and multi-platform indexes: both can run on Container Apps. */
    private static final Set<String> IMAGES = Set.of(DOCKER_MANIFEST, DOCKER_MANIFEST_LIST, OCI_MANIFEST, OCI_INDEX);

    private MediaTypes() {
    }

    /** An image index or Docker manifest list: it names platform manifests, it is not scanned itself. */
    public static boolean isIndex(String mediaType) {
        return mediaType != null && (mediaType.equalsIgnoreCase(OCI_INDEX) || mediaType.equalsIgnoreCase(DOCKER_MANIFEST_LIST));
    }

    public static boolean isImage(String mediaType) {
        return mediaType != null && IMAGES.contains(mediaType.toLowerCase(java.util.Locale.ROOT));
    }
}
