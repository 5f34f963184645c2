package io.acapromoter.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.acapromoter.domain.Digest;
import io.acapromoter.local.DemoWorld;
import io.acapromoter.orchestration.Names;
import io.acapromoter.orchestration.RebuildInput;
import io.acapromoter.policy.PromotionFile;
import io.acapromoter.policy.PromotionFileLoader;
import io.acapromoter.policy.RebuildHistory;
import io.acapromoter.ports.InstanceView;
import io.acapromoter.ports.Orchestrations;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The rebuild history a finding is judged against is read exactly, however much history the store holds. */
class FindingIntakeHistoryTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final PromotionFile FILE = PromotionFileLoader.parse(DemoWorld.demoConfig(), "demo-promotion.yaml");
    static final String REGISTRY = "/subscriptions/00000000-0000-0000-0000-0000000000a1/resourceGroups/demo-rg/providers/"
            + "Microsoft.ContainerRegistry/registries/demoacr";

    /** A store that lists newest first and answers at most {@code limit}, as a capped listing does. */
    record Store(List<InstanceView> views) implements Orchestrations {
        @Override
        public <I> StartResult startIfAbsent(Orchestrator<I> orchestrator, String instanceId, I input) {
            throw new AssertionError("not used");
        }

        @Override
        public Optional<InstanceView> get(String instanceId) {
            return views.stream().filter(v -> v.instanceId().equals(instanceId)).findFirst();
        }

        @Override
        public List<InstanceView> list(String orchestrator, String idPrefix, int limit) {
            return views.stream().filter(v -> v.instanceId().startsWith(idPrefix))
                    .sorted(Comparator.comparing(InstanceView::createdAt).reversed()).limit(limit).toList();
        }

        @Override
        public <P> void raiseEvent(String instanceId, Event<P> event, P payload) {
            throw new AssertionError("not used");
        }

        @Override
        public void terminate(String instanceId, String reason) {
            throw new AssertionError("not used");
        }
    }

    static InstanceView rebuild(int n, Instant created, InstanceView.RuntimeState state) throws Exception {
        Digest digest = Digest.parse("sha256:" + String.format("%064x", n));
        RebuildInput input = new RebuildInput("rebuild-shop-web-" + n, "shop-web", REGISTRY, "patch-shop-web", Map.of(),
                "demoacr.azurecr.io", "shop/web", digest.toString(), List.of("CVE-2024-6387"), created.toString(), created.toString());
        return new InstanceView(input.rebuildId(), Names.REBUILD_ORCHESTRATOR, state, Optional.empty(),
                Optional.of(new ObjectMapper().writeValueAsString(input)), Optional.empty(), Optional.empty(), created, created);
    }

    @Test
    void aRebuildWithinTheWindowBehindMoreThanFiveHundredNewerOnes_stillCounts() throws Exception {
        List<InstanceView> store = new ArrayList<>();
        store.add(rebuild(0, NOW.minus(Duration.ofHours(20)), InstanceView.RuntimeState.COMPLETED));
        store.add(rebuild(1, NOW.minus(Duration.ofDays(3)), InstanceView.RuntimeState.RUNNING));
        for (int i = 2; i < 700; i++) {
            store.add(rebuild(i, NOW.minus(Duration.ofMinutes(700 - i)), InstanceView.RuntimeState.COMPLETED));
        }

        RebuildHistory history = FindingIntake.history(new Store(store), FILE, NOW);

        assertThat(history.lastRebuilt()).containsKey(new RebuildHistory.Rebuild("shop-web", Digest.parse("sha256:" + String.format("%064x", 0))));
        assertThat(history.rebuilding()).containsExactly(new RebuildHistory.Rebuild("shop-web",
                Digest.parse("sha256:" + String.format("%064x", 1))));
        assertThat(history.runningPerRegistry()).containsEntry(REGISTRY.toLowerCase(java.util.Locale.ROOT), 1);
    }
}
