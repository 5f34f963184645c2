package io.acapromoter.orchestration;

import java.util.Objects;

/**
 * The input of {@code CheckStaging}, {@code RunSmokeTests} and {@code CleanUpStaging}: what
 * {@code DeployStaging} created.
 *
 * @param promotion which promotion
 * @param revision  the staging revision, or the staging job's execution
 * @param url       the staging URL, or null when staging has no ingress (jobs, internal apps)
 */
public record StagingStep(PromotionRef promotion, String revision, String url) {

    public StagingStep {
        Objects.requireNonNull(promotion, "promotion");
        Objects.requireNonNull(revision, "revision");
    }
}
