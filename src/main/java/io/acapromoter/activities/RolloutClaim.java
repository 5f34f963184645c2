package io.acapromoter.activities;

import io.acapromoter.orchestration.PromotionRef;
import io.acapromoter.orchestration.InstanceJson;
import io.acapromoter.orchestration.Names;
import io.acapromoter.orchestration.Check;
import io.acapromoter.domain.Phase;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.ports.InstanceView;
import io.acapromoter.ports.Orchestrations;

/**
 * One promotion per target in production at a time: a promotion may start its rollout only when
 * no other promotion of the same target is rolling out or monitoring. Read from the orchestration
 * store; two claims in the same instant could both pass (Durable entities would close that gap,
 * the in-memory driver does not run them), which approvals by people make unlikely.
 */
final class RolloutClaim {

    private RolloutClaim() {
    }

    static Check check(PromotionRef request, Orchestrations orchestrations) {
        for (InstanceView other : orchestrations.listLive(Names.PROMOTION_ORCHESTRATOR, request.target() + "-")) {
            if (other.instanceId().equals(request.promotionId()) || other.state().isFinished()) {
                continue;
            }
            PromotionStatus status = InstanceJson.read(other.instanceId(), other.customStatus(), PromotionStatus.class).orElse(null);
            if (status != null && request.target().equals(status.target())
                    && (status.phase() == Phase.ROLLING_OUT || status.phase() == Phase.MONITORING)) {
                return Check.waiting("waiting for " + other.instanceId() + " (" + status.phase()
                        + ") to finish with production");
            }
        }
        return Check.passed("production of " + request.target() + " is free");
    }
}
