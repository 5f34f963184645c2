package io.acapromoter.ports;

import io.acapromoter.domain.Digest;
import io.acapromoter.domain.PinnedImage;

import java.util.List;
import java.util.Optional;

/** The container registry's data plane (ACR), with the app's identity. */
public interface Registry {

    /** The manifest's media type, or empty when the digest does not exist in the repository. */
    Optional<String> manifestMediaType(PinnedImage image);

    /** The digest a tag points at now, or empty when the tag does not exist. */
    Optional<Digest> digestOf(String registry, String repository, String tag);

    /** When the registry received the manifest, or empty when the digest does not exist. */
    Optional<java.time.Instant> pushedAt(PinnedImage image);

    /**
     * Existence, media type and push time of a digest in one read (ACR's manifest attributes), or
     * empty when the digest does not exist in the repository.
     */
    default Optional<ManifestFacts> manifestFacts(PinnedImage image) {
        Optional<String> mediaType = manifestMediaType(image);
        return mediaType.isEmpty() ? Optional.empty() : Optional.of(new ManifestFacts(mediaType, pushedAt(image)));
    }

    /** Referrers of the digest with the given artifact type (OCI referrers API), e.g. Notation signatures. */
    List<Digest> referrers(PinnedImage image, String artifactType);

    /** The manifest as stored (checked against its digest), or empty when the digest does not exist. */
    Optional<byte[]> manifest(PinnedImage image);

    /**
     * A blob of {@code repository} (checked against its digest), e.g. a signature envelope; fails
     * with an {@link AzureOperationException} when it is missing or larger than {@code maxBytes}.
     */
    byte[] blob(String registry, String repository, Digest digest, int maxBytes);
}
