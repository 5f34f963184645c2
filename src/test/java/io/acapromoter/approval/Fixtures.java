package io.acapromoter.approval;

import io.acapromoter.ports.Orchestrations.Event;
import io.acapromoter.ports.Orchestrations.Orchestrator;
import io.acapromoter.domain.Phase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.domain.PromotionStatus.DecisionEntry;
import io.acapromoter.domain.PromotionStatus.ProbeOutcome;
import io.acapromoter.ports.AuditLog;
import io.acapromoter.ports.AuditRecord;
import io.acapromoter.ports.InstanceView;
import io.acapromoter.ports.Orchestrations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Statuses, a fake orchestration store and an in-memory audit log for the approval tests. */
final class Fixtures {

    static final String DIGEST = "sha256:" + "ab12".repeat(16);
    static final String INSTANCE = "web-sha256-" + "ab12".repeat(16);
    static final String IMAGE = "contoso.azurecr.io/shop/web@" + DIGEST;
    static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    static PromotionStatus awaiting(List<DecisionEntry> decisions) {
        return new PromotionStatus(INSTANCE, "web", IMAGE, "1.4.2", "mallory@contoso.com", "2026-11-23T11:00:00Z",
                Phase.AWAITING_APPROVAL, "waiting for 2 approvals", List.of(),
                "contoso.azurecr.io/shop/web@sha256:" + "cd34".repeat(16), "web--s-ab12ab12",
                "https://web---staging.happyhill.westeurope.azurecontainerapps.io",
                List.of(new ProbeOutcome("health", "https://web---staging/healthz", true, 200, 42, 1, null),
                        new ProbeOutcome("home", "https://web---staging/", true, 200, 120, 2, null)),
                2, List.of("alice@contoso.com", "bob@contoso.com", "group:0f0f0f0f-0000-4000-8000-000000000001"),
                "2026-11-24T12:00:00Z", decisions, "sha256:" + "ef56".repeat(16), List.of("CVE-2026-1234", "CVE-2026-5678"),
                List.of("single-revision app: two revisions may consume messages during the switch"));
    }

    static PromotionStatus withPhase(PromotionStatus s, Phase phase, String detail) {
        return s.toBuilder().phase(phase).detail(detail).build();
    }

    /** Holds one status per instance and records raised events. */
    static final class Store implements Orchestrations {
        final Map<String, PromotionStatus> statuses = new ConcurrentHashMap<>();
        final List<Raised> raised = new CopyOnWriteArrayList<>();

        Store with(PromotionStatus s) {
            statuses.put(s.promotionId(), s);
            return this;
        }

        @Override
        public <I> StartResult startIfAbsent(Orchestrator<I> orchestrator, String instanceId, I input) {
            throw new UnsupportedOperationException("not used by approvals");
        }

        @Override
        public Optional<InstanceView> get(String instanceId) {
            PromotionStatus s = statuses.get(instanceId);
            if (s == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(new InstanceView(instanceId, "PromotionOrchestrator", InstanceView.RuntimeState.RUNNING,
                        Optional.of(JSON.writeValueAsString(s)), Optional.empty(), Optional.empty(), Optional.empty(),
                        Instant.EPOCH, Instant.EPOCH));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public List<InstanceView> list(String orchestrator, String idPrefix, int limit) {
            return statuses.keySet().stream().filter(id -> id.startsWith(idPrefix)).map(id -> get(id).orElseThrow())
                    .limit(limit).toList();
        }

        @Override
        public <P> void raiseEvent(String instanceId, Event<P> event, P payload) {
            raised.add(new Raised(instanceId, event.name(), payload));
        }

        @Override
        public void terminate(String instanceId, String reason) {
            throw new UnsupportedOperationException("not used by approvals");
        }
    }

    record Raised(String instanceId, String eventName, Object payload) {
    }

    static final class MemoryAudit implements AuditLog {
        final List<AuditRecord> records = new CopyOnWriteArrayList<>();

        @Override
        public void append(AuditRecord record) {
            records.add(record);
        }

        @Override
        public List<AuditRecord> history(String promotionId) {
            List<AuditRecord> out = new ArrayList<>();
            for (AuditRecord r : records) {
                if (r.promotionId().equals(promotionId)) {
                    out.add(r);
                }
            }
            return out;
        }
    }
}
