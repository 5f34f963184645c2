package io.acapromoter.orchestration;

import java.util.Map;
import java.util.Objects;

/**
 * The input of {@code RollOut}, {@code CheckProduction}, {@code RollBack} and {@code FinishRollout}.
 *
 * @param promotion        which promotion
 * @param revision         the revision being released: the staging revision before {@code RollOut},
 *                         the one {@code RollOut} reported after; null for jobs, which have none
 * @param previousRevision the revision production served before, or null (jobs, nothing served)
 * @param previousImage    the image production ran before, as Azure reported it (may be a tag), or null
 * @param weight           the traffic share in percent this step gives the new revision (canary; else 100)
 * @param operation        the ARM operation that creates the released revision (replace), still to watch, or null
 * @param operationOnly    a readiness check may read the operation alone while it runs (fewer reads)
 * @param checkProduction  {@code RollOut} writes only if production still serves {@code previousRevision} /
 *                         {@code previousImage} (what was verified), read in the same request as the write needs;
 *                         otherwise it writes nothing and says why ({@link Deployment#notMade()}). Set for the first
 *                         write to production; false in inputs queued before this field existed (they were preceded by
 *                         a full {@code RecheckCandidate}).
 * @param url              the released revision's own URL, as {@code RollOut} reported it, for production probes; null
 *                         in steps queued before {@code RollOut} reported it, or without ingress (a check with probes
 *                         then reads the revision's host name)
 * @param keptLabels       the labels of other revisions (label → revision) the first traffic write found and kept; a
 *                         later canary step writes them again without reading the app when no other promotion that
 *                         could label a revision of the app is live. Null: the step reads the app (inputs queued before
 *                         this field existed, and every step before the first write)
 */
public record ReleaseStep(PromotionRef promotion, String revision, String previousRevision, String previousImage,
                          int weight, String operation, boolean operationOnly, boolean checkProduction, String url,
                          Map<String, String> keptLabels) {

    public ReleaseStep {
        Objects.requireNonNull(promotion, "promotion");
        keptLabels = keptLabels == null ? null : Map.copyOf(keptLabels);
        if (weight < 0 || weight > 100) {
            throw new IllegalArgumentException("weight must be 0..100 percent, got " + weight);
        }
    }

    public ReleaseStep(PromotionRef promotion, String revision, String previousRevision, String previousImage, int weight,
                       String operation, boolean operationOnly) {
        this(promotion, revision, previousRevision, previousImage, weight, operation, operationOnly, false, null, null);
    }

    /** The step for what {@code RollOut} reported: its revision, that revision's URL and the other labels it kept. */
    ReleaseStep released(Deployment rollout) {
        return new ReleaseStep(promotion, rollout.revision(), previousRevision, previousImage, weight, operation, operationOnly,
                checkProduction, rollout.url(), rollout.keptLabels() != null ? rollout.keptLabels() : keptLabels);
    }

    ReleaseStep withWeight(int percent) {
        return new ReleaseStep(promotion, revision, previousRevision, previousImage, percent, operation, operationOnly,
                checkProduction, url, keptLabels);
    }

    ReleaseStep watching(String op, boolean onlyTheOperation) {
        return new ReleaseStep(promotion, revision, previousRevision, previousImage, weight, op, onlyTheOperation,
                checkProduction, url, keptLabels);
    }

    ReleaseStep checkingProduction(boolean check) {
        return new ReleaseStep(promotion, revision, previousRevision, previousImage, weight, operation, operationOnly,
                check, url, keptLabels);
    }
}
