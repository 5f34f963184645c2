package io.acapromoter.status;

import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.orchestration.InstanceJson;
import io.acapromoter.orchestration.Names;
import io.acapromoter.orchestration.PromotionInput;
import io.acapromoter.ports.InstanceView;
import io.acapromoter.ports.Orchestrations;

import java.util.List;
import java.util.Optional;

/** Reads promotions for ops: list with filters, one by id. */
public final class PromotionQueries {

    static final int MAX = 200;

    private final Orchestrations orchestrations;

    public PromotionQueries(Orchestrations orchestrations) {
        this.orchestrations = orchestrations;
    }

    public List<PromotionView> list(Optional<String> target, Optional<String> phase, int limit) {
        String prefix = target.map(t -> t + "-").orElse("");
        return orchestrations.list(Names.PROMOTION_ORCHESTRATOR, prefix, Math.min(Math.max(limit, 1), MAX)).stream()
                .map(PromotionQueries::view)
                .filter(v -> target.map(t -> t.equals(v.promotion().target())).orElse(true))
                .filter(v -> phase.map(p -> v.promotion().phase() != null && p.equalsIgnoreCase(v.promotion().phase().name())).orElse(true))
                .toList();
    }

    public Optional<PromotionView> get(String id) {
        return orchestrations.get(id).filter(v -> Names.PROMOTION_ORCHESTRATOR.equals(v.name())).map(PromotionQueries::view);
    }

    static PromotionView view(InstanceView instance) {
        PromotionStatus status = InstanceJson.read(instance.customStatus(), PromotionStatus.class)
                .or(() -> InstanceJson.read(instance.output(), PromotionStatus.class))
                .orElseGet(() -> fromInput(instance));
        return new PromotionView(instance.instanceId(), instance.state().name(), String.valueOf(instance.createdAt()),
                String.valueOf(instance.lastUpdatedAt()), instance.failure().orElse(null), status);
    }

    private static PromotionStatus fromInput(InstanceView instance) {
        PromotionInput input = InstanceJson.read(instance.input(), PromotionInput.class).orElse(null);
        PromotionStatus.Builder status = PromotionStatus.builder(instance.instanceId(), null, null).detail("not started yet");
        if (input != null) {
            status.target(input.target()).image(input.image()).tag(input.tag()).pushedBy(input.pushedBy())
                    .pushedAt(input.pushedAt());
        }
        return status.build();
    }
}
