package io.acapromoter.orchestration;

import io.acapromoter.ports.Orchestrations.Event;
import io.acapromoter.ports.Orchestrations.Orchestrator;

/**
 * The orchestrators with the input each takes, and the external events they wait for with the
 * payload each carries: what callers of {@link io.acapromoter.ports.Orchestrations} start and raise.
 */
public final class Orchestrators {

    public static final Orchestrator<PromotionInput> PROMOTION =
            new Orchestrator<>(Names.PROMOTION_ORCHESTRATOR, PromotionInput.class);
    public static final Orchestrator<RebuildInput> REBUILD =
            new Orchestrator<>(Names.REBUILD_ORCHESTRATOR, RebuildInput.class);

    /** An approver's decision, raised by the approval page on the promotion. */
    public static final Event<DecisionEvent> APPROVAL_DECISION =
            new Event<>(Names.APPROVAL_DECISION_EVENT, DecisionEvent.class);
    /** A newer candidate of the same target, raised on an older promotion still waiting. */
    public static final Event<SupersededBy> SUPERSEDED =
            new Event<>(Names.SUPERSEDED_EVENT, SupersededBy.class);

    private Orchestrators() {
    }
}
