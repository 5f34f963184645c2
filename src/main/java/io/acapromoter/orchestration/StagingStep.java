package io.acapromoter.orchestration;

import java.util.Objects;

/**
 * The input of {@code CheckStaging}, {@code RunSmokeTests} and {@code CleanUpStaging}: what
 * {@code DeployStaging} created.
 *
 * @param promotion which promotion
 * @param revision  the staging revision, or the staging job's execution
 * @param url       the staging URL, or null when staging has no ingress (jobs, internal apps)
 * @param operation the ARM operation that creates the revision, still to watch ({@code PendingOperation} text), or null
 * @param operationOnly a readiness check may read the operation alone while it runs (fewer reads)
 */
public record StagingStep(PromotionRef promotion, String revision, String url, String operation, boolean operationOnly) {

    public StagingStep {
        Objects.requireNonNull(promotion, "promotion");
        Objects.requireNonNull(revision, "revision");
    }

    StagingStep watching(String op, boolean onlyTheOperation) {
        return new StagingStep(promotion, revision, url, op, onlyTheOperation);
    }
}
