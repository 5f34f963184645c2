package io.acapromoter.orchestration;

import io.acapromoter.domain.PinnedImage;

/**
 * The input of {@code DeployStaging}: which promotion ({@link PromotionRef}'s fields, so that an input queued as a
 * {@code PromotionRef} before this type existed still reads), and whether the deployment also checks production.
 *
 * @param promotionId       as {@link PromotionRef}
 * @param target            as {@link PromotionRef}
 * @param image             as {@link PromotionRef}
 * @param attempt           as {@link PromotionRef}
 * @param rollback          as {@link PromotionRef}
 * @param checkProduction   label staging (a new revision of the production app) checks production on the read it makes
 *                          right before its write, instead of {@code VerifyCandidate} reading the same app a moment
 *                          before ({@link Deployment#production()}). False in inputs queued before this field existed:
 *                          their verification read production
 * @param candidatePushedAt when the registry says the candidate was pushed ({@link Verification#candidatePushedAt()}),
 *                          for the never-older-push check; null when it does not say
 */
public record StagingOrder(String promotionId, String target, PinnedImage image, String attempt, boolean rollback,
                           boolean checkProduction, String candidatePushedAt) {

    public StagingOrder {
        promotion(promotionId, target, image, attempt, rollback);
    }

    /** Staging for {@code promotion}, checking production there when the target stages on the production app. */
    static StagingOrder of(PromotionRef promotion, Verification verified) {
        return new StagingOrder(promotion.promotionId(), promotion.target(), promotion.image(), promotion.attempt(),
                promotion.rollback(), true, verified.candidatePushedAt());
    }

    /** Which promotion this is. */
    public PromotionRef promotion() {
        return promotion(promotionId, target, image, attempt, rollback);
    }

    private static PromotionRef promotion(String promotionId, String target, PinnedImage image, String attempt, boolean rollback) {
        return new PromotionRef(promotionId, target, image, attempt, rollback);
    }
}
