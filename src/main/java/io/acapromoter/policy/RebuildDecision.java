package io.acapromoter.policy;

import io.acapromoter.domain.Finding;

import java.util.Objects;
import java.util.Optional;

/**
 * The planner's decision for one finding, with its reason. Every finding on a digest that is rebuilt
 * carries the same {@link RebuildRequest}; start each request once (see {@link RebuildPlan#rebuilds()}).
 *
 * @param finding the finding decided on
 * @param outcome what happens
 * @param target  the target the decision was made for, when one applies
 * @param reason  why, in words for logs and people
 * @param rebuild the rebuild to start, for {@link RebuildOutcome#REBUILD} only
 */
public record RebuildDecision(Finding finding, RebuildOutcome outcome, Optional<String> target, String reason,
                              Optional<RebuildRequest> rebuild) {

    public RebuildDecision {
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(rebuild, "rebuild");
        if (rebuild.isPresent() != (outcome == RebuildOutcome.REBUILD)) {
            throw new IllegalArgumentException("a rebuild request goes with the outcome rebuild and only with it");
        }
    }
}
