package io.acapromoter.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An image that may be promoted to one target: the exact digest, plus where it came from.
 *
 * @param target   the target name in the promotion file
 * @param image    the digest-pinned image
 * @param tag      the tag it was pushed with
 * @param pushedAt when the registry received it (orders candidates of one target)
 * @param pushedBy who pushed it, when the event names someone (may not approve it)
 * @param eventId  the Event Grid event that announced it
 */
public record Candidate(String target, PinnedImage image, String tag, Instant pushedAt,
                        Optional<String> pushedBy, String eventId) {

    public Candidate {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(pushedAt, "pushedAt");
        Objects.requireNonNull(pushedBy, "pushedBy");
        Objects.requireNonNull(eventId, "eventId");
    }

    public PromotionId promotionId() {
        return PromotionId.of(target, image.digest());
    }
}
