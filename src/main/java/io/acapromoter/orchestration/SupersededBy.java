package io.acapromoter.orchestration;

import io.acapromoter.domain.PinnedImage;

import java.util.Objects;

/**
 * The payload of the {@link Names#SUPERSEDED_EVENT} external event: the newer candidate that
 * supersedes the promotion it is raised on.
 *
 * @param promotionId the newer promotion
 * @param image       its image (events raised before the type existed hold it as a string; it reads the same)
 * @param pushedAt    ISO-8601 time it was pushed
 */
public record SupersededBy(String promotionId, PinnedImage image, String pushedAt) {

    public SupersededBy {
        Objects.requireNonNull(promotionId, "promotionId");
        Objects.requireNonNull(image, "image");
    }
}
