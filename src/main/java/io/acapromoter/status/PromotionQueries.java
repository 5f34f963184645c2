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
    /** How many of the newest instances the filters look at. */
    static final int SCAN = 5000;

    private final Orchestrations orchestrations;

    public PromotionQueries(Orchestrations orchestrations) {
        this.orchestrations = orchestrations;
    }

    /**
     * The newest promotions matching the filters, {@code offset} of them skipped, at most {@code limit}: filters
     * apply before the limit, over at most {@value #SCAN} instances of the store (one target's only, with a
     * target filter). When the store holds more, the page says so ({@link Page#truncated()}).
     */
    public Page list(Optional<String> target, Optional<String> phase, int limit, int offset) {
        String prefix = target.map(t -> t + "-").orElse("");
        List<InstanceView> read = orchestrations.list(Names.PROMOTION_ORCHESTRATOR, prefix, SCAN + 1);
        boolean truncated = read.size() > SCAN;
        List<PromotionView> matching = read.stream().limit(SCAN)
                .map(PromotionQueries::view)
                .filter(v -> target.map(t -> t.equals(v.promotion().target())).orElse(true))
                .filter(v -> phase.map(p -> v.promotion().phase() != null && p.equalsIgnoreCase(v.promotion().phase().name())).orElse(true))
                .toList();
        int from = Math.min(offset, matching.size());
        int to = Math.min(matching.size(), from + Math.max(limit, 1));
        return new Page(matching.subList(from, to), to < matching.size() ? Optional.of(to) : Optional.empty(), truncated);
    }

    /**
     * One page of promotions, and the offset of the next page if there is one.
     *
     * @param truncated the store holds more than {@value #SCAN} promotions (of the target): older ones were not searched
     */
    public record Page(List<PromotionView> views, Optional<Integer> nextOffset, boolean truncated) {
        public Page {
            views = List.copyOf(views);
        }
    }

    public Optional<PromotionView> get(String id) {
        return orchestrations.get(id).filter(v -> Names.PROMOTION_ORCHESTRATOR.equals(v.name())).map(PromotionQueries::view);
    }

    static PromotionView view(InstanceView instance) {
        PromotionStatus status = InstanceJson.read(instance.instanceId(), instance.customStatus(), PromotionStatus.class)
                .or(() -> InstanceJson.read(instance.instanceId(), instance.output(), PromotionStatus.class))
                .orElseGet(() -> fromInput(instance));
        return new PromotionView(instance.instanceId(), instance.state().name(), String.valueOf(instance.createdAt()),
                String.valueOf(instance.lastUpdatedAt()), instance.failure().orElse(null), status);
    }

    private static PromotionStatus fromInput(InstanceView instance) {
        PromotionInput input = InstanceJson.read(instance.instanceId(), instance.input(), PromotionInput.class).orElse(null);
        PromotionStatus.Builder status = PromotionStatus.builder(instance.instanceId(), null, null).detail("not started yet");
        if (input != null) {
            status.target(input.target()).image(input.image().toString()).tag(input.tag()).pushedBy(input.pushedBy())
                    .pushedAt(input.pushedAt());
        }
        return status.build();
    }
}
