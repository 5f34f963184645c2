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
 */
public record PromotionRef(String promotionId, String target, PinnedImage image) {

    public PromotionRef {
        Objects.requireNonNull(promotionId, "promotionId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(image, "image");
    }

    static PromotionRef of(PromotionInput input) {
        return new PromotionRef(input.promotionId(), input.target(), PinnedImage.parse(input.image()));
    }
}
