package io.acapromoter.orchestration;

import io.acapromoter.domain.PinnedImage;

import java.util.Objects;

/**
 * Which promotion a step is about: the input of {@code LoadPlan}, {@code VerifyCandidate},
 * {@code DeployStaging} and {@code ClaimRollout}, and the start of every other step's input.
 *
 * @param promotionId instance id
 * @param target      target name
 * @param image       the candidate, digest-pinned (parsed once, at intake)
 * @param attempt     what makes this promotion's revision suffixes new: the orchestration's start time,
 *                    seconds since the epoch in base 36; a digest promoted again (a retry, a rollback onto
 *                    it) never reuses a suffix, which Azure answers with a silent no-op or a failed operation
 */
public record PromotionRef(String promotionId, String target, PinnedImage image, String attempt) {

    public PromotionRef {
        Objects.requireNonNull(promotionId, "promotionId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(image, "image");
        if (attempt == null || !attempt.matches("[0-9a-z]{1,12}")) {
            throw new IllegalArgumentException("attempt must be 1-12 lower-case letters or digits, got '" + attempt + "'");
        }
    }

    static PromotionRef of(PromotionInput input, java.time.Instant started) {
        return new PromotionRef(input.promotionId(), input.target(), input.image(),
                Long.toString(started.getEpochSecond(), 36));
    }
}
