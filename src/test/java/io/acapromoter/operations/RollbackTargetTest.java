package io.acapromoter.operations;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.acapromoter.domain.Phase;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.local.MemoryAuditLog;
import io.acapromoter.orchestration.Names;
import io.acapromoter.ports.InstanceView;
import io.acapromoter.ports.Orchestrations;
import io.acapromoter.ports.ProductionRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RollbackTargetTest {

    static final String TARGET = "web";

    static String image(char c) {
        return "contoso.azurecr.io/web@sha256:" + String.valueOf(c).repeat(64);
    }

    static ProductionRecord record(String promotion, char image, String from, String outcome, Character previous) {
        return new ProductionRecord(TARGET, promotion, image(image), from,
                outcome.equals("ROLLED_BACK") ? Instant.parse(from).plusSeconds(60).toString() : null, List.of("bob"), outcome,
                previous == null ? null : image(previous));
    }

    /** A Durable store that holds the given promotions' statuses (none: retention purged them). */
    static Orchestrations store(PromotionStatus... statuses) {
        ObjectMapper json = new ObjectMapper();
        List<InstanceView> views = new ArrayList<>();
        for (PromotionStatus s : statuses) {
            try {
                views.add(new InstanceView(s.promotionId(), Names.PROMOTION_ORCHESTRATOR, InstanceView.RuntimeState.COMPLETED,
                        Optional.of(json.writeValueAsString(s)), Optional.empty(), Optional.empty(), Optional.empty(),
                        Instant.EPOCH, Instant.EPOCH));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return new Orchestrations() {
            @Override
            public <I> StartResult startIfAbsent(Orchestrator<I> orchestrator, String instanceId, I input) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<InstanceView> get(String instanceId) {
                return views.stream().filter(v -> v.instanceId().equals(instanceId)).findFirst();
            }

            @Override
            public List<InstanceView> list(String orchestrator, String idPrefix, int limit) {
                return views.stream().filter(v -> v.instanceId().startsWith(idPrefix)).limit(limit).toList();
            }

            @Override
            public <P> void raiseEvent(String instanceId, Event<P> event, P payload) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void terminate(String instanceId, String reason) {
                throw new UnsupportedOperationException();
            }
        };
    }

    static MemoryAuditLog history(ProductionRecord... records) {
        MemoryAuditLog audit = new MemoryAuditLog();
        for (ProductionRecord r : records) {
            audit.append(r.toAudit());
        }
        return audit;
    }

    @Test
    void goesToWhatRanBeforeTheCurrentProduction_fromTheHistory_whenTheDurableStoreForgotEveryPromotion() {
        MemoryAuditLog audit = history(record("web-b", 'b', "2026-11-01T10:00:00Z", "SUCCEEDED", 'a'),
                record("web-c", 'c', "2026-11-10T10:00:00Z", "SUCCEEDED", 'b'));

        RollbackTarget.Plan plan = RollbackTarget.find(audit, store(), TARGET);

        assertThat(plan.refusal()).isNull();
        RollbackTarget back = plan.target().orElseThrow();
        assertThat(back.previous().toString()).isEqualTo(image('b'));
        assertThat(back.current()).isEqualTo(image('c'));
        assertThat(back.after()).isEqualTo("web-c");
    }

    @Test
    void aRolledBackCandidateIsNotProduction_soTheRollbackUndoesTheNewestProductionThatStuck() {
        MemoryAuditLog audit = history(record("web-b", 'b', "2026-11-01T10:00:00Z", "SUCCEEDED", 'a'),
                record("web-c", 'c', "2026-11-10T10:00:00Z", "ROLLED_BACK", 'b'));

        RollbackTarget back = RollbackTarget.find(audit, store(), TARGET).target().orElseThrow();

        assertThat(back.after()).isEqualTo("web-b");
        assertThat(back.previous().toString()).isEqualTo(image('a'));
    }

    @Test
    void neverGoesOntoADigestWhoseProductionEndedRolledBack_butFurtherBack() {
        // b failed in production once (rolled back), was released again later and stuck; then c replaced it.
        MemoryAuditLog audit = history(record("web-a", 'a', "2026-10-01T10:00:00Z", "SUCCEEDED", 'd'),
                record("web-b1", 'b', "2026-10-05T10:00:00Z", "ROLLED_BACK", 'a'),
                record("web-b2", 'b', "2026-10-20T10:00:00Z", "SUCCEEDED", 'a'),
                record("web-c", 'c', "2026-11-10T10:00:00Z", "SUCCEEDED", 'b'));

        RollbackTarget back = RollbackTarget.find(audit, store(), TARGET).target().orElseThrow();

        assertThat(back.previous().toString()).isEqualTo(image('a'));
        assertThat(back.after()).isEqualTo("web-c");
    }

    @Test
    void whenEveryEarlierProductionFailed_itIsRefused_namingThem() {
        MemoryAuditLog audit = history(record("web-b1", 'b', "2026-10-05T10:00:00Z", "ROLLED_BACK", null),
                record("web-b2", 'b', "2026-10-20T10:00:00Z", "SUCCEEDED", null),
                record("web-c", 'c', "2026-11-10T10:00:00Z", "SUCCEEDED", 'b'));

        RollbackTarget.Plan plan = RollbackTarget.find(audit, store(), TARGET);

        assertThat(plan.target()).isEmpty();
        assertThat(plan.refusal()).isEqualTo("no earlier production of web is on record that did not fail (" + image('b')
                + " rolled back in production: never rolled back onto)");
    }

    @Test
    void theHistoryWins_overWhatTheDurableStoreStillHolds() {
        MemoryAuditLog audit = history(record("web-c", 'c', "2026-11-10T10:00:00Z", "SUCCEEDED", 'b'));
        PromotionStatus older = PromotionStatus.builder("web-x", TARGET, image('e')).phase(Phase.SUCCEEDED)
                .productionImage(image('f')).build();

        assertThat(RollbackTarget.find(audit, store(older), TARGET).target().orElseThrow().previous().toString())
                .isEqualTo(image('b'));
    }

    @Test
    void withAnEmptyHistory_theDurableStoreIsAsked() {
        PromotionStatus released = PromotionStatus.builder("web-x", TARGET, image('e')).phase(Phase.SUCCEEDED)
                .productionImage(image('f')).build();

        RollbackTarget back = RollbackTarget.find(new MemoryAuditLog(), store(released), TARGET).target().orElseThrow();

        assertThat(back.previous().toString()).isEqualTo(image('f'));
        assertThat(back.after()).isEqualTo("web-x");
        assertThat(RollbackTarget.find(new MemoryAuditLog(), store(), TARGET).refusal())
                .startsWith("no successful promotion of web with an earlier production image is on record");
    }
}
