package io.acapromoter.policy;

import java.util.List;
import java.util.Optional;

/**
 * One decision per finding and target that runs its digest (one for a finding no target runs), in input order;
 * {@link #rebuilds()} lists each rebuild to start once.
 */
public record RebuildPlan(List<RebuildDecision> decisions) {

    public RebuildPlan {
        decisions = List.copyOf(decisions);
    }

    public List<RebuildRequest> rebuilds() {
        return decisions.stream().map(RebuildDecision::rebuild).flatMap(Optional::stream).distinct().toList();
    }

    public long count(RebuildOutcome outcome) {
        return decisions.stream().filter(d -> d.outcome() == outcome).count();
    }
}
