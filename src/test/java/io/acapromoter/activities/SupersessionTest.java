package io.acapromoter.activities;

import io.acapromoter.ports.Orchestrations.Event;
import io.acapromoter.ports.Orchestrations.Orchestrator;
import io.acapromoter.orchestration.Names;
import io.acapromoter.domain.PinnedImage;
import io.acapromoter.orchestration.Check;
import io.acapromoter.orchestration.PromotionRef;
import io.acapromoter.ports.InstanceView;
import io.acapromoter.ports.Orchestrations;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Who supersedes whom: only verified, undecided candidates of one target, by push time, over every live instance. */
class SupersessionTest {

    final Store store = new Store();

    @Test
    void aVerifiedNewerCandidate_supersedesAnOlderOneWaitingForApproval() {
        store.put("shop-web-old", "2026-11-23T10:00:00Z", "AWAITING_APPROVAL", InstanceView.RuntimeState.RUNNING);
        store.put("shop-web-new", "2026-11-23T11:00:00Z", "STAGING", InstanceView.RuntimeState.RUNNING);

        Check result = Supersession.apply(request("shop-web-new"), store);

        assertThat(result.passed()).isTrue();
        assertThat(store.raised).containsExactly("shop-web-old " + Names.SUPERSEDED_EVENT);
    }

    @Test
    void aVerifiedOlderCandidate_isSupersededByANewerVerifiedOne_andTellsNobody() {
        store.put("shop-web-old", "2026-11-23T10:00:00Z", "STAGING", InstanceView.RuntimeState.RUNNING);
        store.put("shop-web-new", "2026-11-23T11:00:00Z", "SMOKE_TESTING", InstanceView.RuntimeState.RUNNING);

        Check result = Supersession.apply(request("shop-web-old"), store);

        assertThat(result.passed()).isFalse();
        assertThat(result.detail()).contains("superseded by a newer candidate").contains("shop-web-new");
        assertThat(store.raised).isEmpty();
    }

    @Test
    void aRejectedPromotionStillCleaningUp_neverSupersedesAnotherAndIsLeftAlone() {
        store.put("shop-web-rejected", "2026-11-23T11:00:00Z", "REJECTED", InstanceView.RuntimeState.RUNNING);
        store.put("shop-web-posted", "2026-11-23T10:30:00Z", "STAGING", InstanceView.RuntimeState.RUNNING);

        Check result = Supersession.apply(request("shop-web-posted"), store);

        assertThat(result.passed()).isTrue();
        assertThat(store.raised).isEmpty();
    }

    @Test
    void aCandidateStillVerifying_neitherSupersedesNorIsSuperseded() {
        store.put("shop-web-unverified", "2026-11-23T12:00:00Z", "VERIFYING", InstanceView.RuntimeState.RUNNING);
        store.put("shop-web-older", "2026-11-23T09:00:00Z", "VERIFYING", InstanceView.RuntimeState.RUNNING);
        store.put("shop-web-verified", "2026-11-23T10:00:00Z", "STAGING", InstanceView.RuntimeState.RUNNING);

        Check result = Supersession.apply(request("shop-web-verified"), store);

        assertThat(result.passed()).isTrue();
        assertThat(store.raised).isEmpty();
    }

    @Test
    void anApprovedPromotionWaitingForProduction_isNotContested() {
        store.put("shop-web-approved", "2026-11-23T10:00:00Z", "AWAITING_APPROVAL", InstanceView.RuntimeState.RUNNING,
                "approved; waiting for shop-web-x (ROLLING_OUT) to finish with production");
        store.put("shop-web-new", "2026-11-23T11:00:00Z", "STAGING", InstanceView.RuntimeState.RUNNING);

        assertThat(Supersession.apply(request("shop-web-new"), store).passed()).isTrue();
        assertThat(store.raised).isEmpty();
    }

    @Test
    void anOldLivePromotionBehindManyFinishedOnes_isStillFound() {
        store.put("shop-web-live", "2026-11-23T10:00:00Z", "AWAITING_APPROVAL", InstanceView.RuntimeState.RUNNING);
        for (int i = 0; i < 120; i++) {
            store.put("shop-web-done-" + i, "2026-11-23T10:30:00Z", "SUCCEEDED", InstanceView.RuntimeState.COMPLETED);
        }
        store.put("shop-web-new", "2026-11-23T11:00:00Z", "STAGING", InstanceView.RuntimeState.RUNNING);

        Supersession.apply(request("shop-web-new"), store);

        assertThat(store.raised).containsExactly("shop-web-live " + Names.SUPERSEDED_EVENT);
    }

    @Test
    void anotherTargetWithTheSamePrefix_isNeverTouched() {
        store.put("shop-web-old", "2026-11-23T10:00:00Z", "AWAITING_APPROVAL", InstanceView.RuntimeState.RUNNING, "waiting",
                "shop-web-eu");
        store.put("shop-web-new", "2026-11-23T11:00:00Z", "STAGING", InstanceView.RuntimeState.RUNNING);

        Supersession.apply(request("shop-web-new"), store);

        assertThat(store.raised).isEmpty();
    }

    private static PromotionRef request(String id) {
        return new PromotionRef(id, "shop-web", PinnedImage.parse("demoacr.azurecr.io/shop/web@sha256:" + "a".repeat(64)), "a1");
    }

    /**
     * Instances newest first; {@code list} caps like a store listing does, {@code listLive} is exact.
     */
    static final class Store implements Orchestrations {
        final Map<String, InstanceView> instances = new LinkedHashMap<>();
        final List<String> raised = new ArrayList<>();

        void put(String id, String pushedAt, String phase, InstanceView.RuntimeState state) {
            put(id, pushedAt, phase, state, "working", "shop-web");
        }

        void put(String id, String pushedAt, String phase, InstanceView.RuntimeState state, String detail) {
            put(id, pushedAt, phase, state, detail, "shop-web");
        }

        void put(String id, String pushedAt, String phase, InstanceView.RuntimeState state, String detail, String target) {
            String image = "demoacr.azurecr.io/shop/web@sha256:" + "b".repeat(64);
            String input = "{\"promotionId\":\"" + id + "\",\"target\":\"" + target + "\",\"image\":\"" + image
                    + "\",\"pushedAt\":\"" + pushedAt + "\"}";
            String status = "{\"promotionId\":\"" + id + "\",\"target\":\"" + target + "\",\"image\":\"" + image
                    + "\",\"phase\":\"" + phase + "\",\"detail\":\"" + detail + "\"}";
            instances.put(id, new InstanceView(id, Names.PROMOTION_ORCHESTRATOR, state, Optional.of(status), Optional.of(input),
                    Optional.empty(), Optional.empty(), Instant.EPOCH, Instant.EPOCH));
        }

        @Override
        public <I> StartResult startIfAbsent(Orchestrator<I> orchestrator, String instanceId, I input) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<InstanceView> get(String instanceId) {
            return Optional.ofNullable(instances.get(instanceId));
        }

        @Override
        public List<InstanceView> list(String orchestrator, String idPrefix, int limit) {
            List<InstanceView> newestFirst = new ArrayList<>(instances.values());
            java.util.Collections.reverse(newestFirst);
            return newestFirst.stream().filter(v -> v.instanceId().startsWith(idPrefix)).limit(Math.min(limit, 50)).toList();
        }

        @Override
        public List<InstanceView> listLive(String orchestrator, String idPrefix) {
            return instances.values().stream().filter(v -> v.instanceId().startsWith(idPrefix) && !v.state().isFinished()).toList();
        }

        @Override
        public <P> void raiseEvent(String instanceId, Event<P> event, P payload) {
            raised.add(instanceId + " " + event.name());
        }

        @Override
        public void terminate(String instanceId, String reason) {
            throw new UnsupportedOperationException();
        }
    }
}
