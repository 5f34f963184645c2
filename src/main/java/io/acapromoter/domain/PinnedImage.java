package io.acapromoter.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * An image named by its digest: {@code registry/repository@sha256:…}. Every API that deploys takes
 * this type, so a moving tag cannot reach staging or production.
 */
public record PinnedImage(String registry, String repository, Digest digest) {

    public PinnedImage {
        Objects.requireNonNull(digest, "digest");
        String shown = ImageRef.format(registry, repository, null, digest);
        ImageRef.checkRegistry(shown, registry);
        ImageRef.checkRepository(shown, repository);
    }

    /** Parses a reference that must carry a digest; a tag, if present, is dropped (the digest wins). */
    public static PinnedImage parse(String text) {
        return ImageRef.parse(text).pinned();
    }

    /**
     * The same as {@link #parse}, under the name Jackson looks for: payloads that carried the image
     * as a string ({@code registry/repository@sha256:…}, as Durable histories written before the
     * type existed do) read into a {@code PinnedImage} field; payloads now carry its components.
     */
    public static PinnedImage valueOf(String text) {
        return parse(text);
    }

    /** The pinned image {@code text} names, or empty when it is blank, invalid or has no digest (e.g. a tag). */
    public static Optional<PinnedImage> tryParse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            ImageRef ref = ImageRef.parse(text);
            return ref.isPinned() ? Optional.of(ref.pinned()) : Optional.empty();
        } catch (InvalidReferenceException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return ImageRef.format(registry, repository, null, digest);
    }
}
