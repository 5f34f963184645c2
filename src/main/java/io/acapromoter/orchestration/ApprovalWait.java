package io.acapromoter.orchestration;

import io.acapromoter.logging.Log;
import io.acapromoter.logging.LogLine;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.microsoft.durabletask.Task;
import com.microsoft.durabletask.TaskCanceledException;
import com.microsoft.durabletask.TaskFailedException;
import com.microsoft.durabletask.TaskOrchestrationContext;
import io.acapromoter.domain.Phase;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.ports.AuditKind;
import io.acapromoter.ports.AuditRecord;
import io.acapromoter.ports.Notifier;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks for approval and waits for decisions until the deadline, reminding approvers on the way.
 * Decisions arrive as {@link Names#APPROVAL_DECISION_EVENT}; payloads are received as a
 * {@link JsonNode} (which any JSON deserializes to) and read here, so that a malformed payload is
 * audited and ignored instead of failing the wait. Each wait is
 * {@code waitForExternalEvent(name, timeout, type)}; a timeout surfaces as
 * {@link TaskCanceledException} (durabletask 1.4.0 guidance: no continueAsNew after a wait).
 */
final class ApprovalWait {

    /**
     * Decisions read in any case ({@code "approve"}, as events raised before the type existed hold
     * it, or {@code "APPROVE"}); a word that names no decision reads as null and is refused as invalid.
     */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
            .build();

    private final TaskOrchestrationContext ctx;
    private final Plan plan;
    private final PromotionInput input;
    private final StatusTracker status;
    private final Task<JsonNode> superseded;

    ApprovalWait(TaskOrchestrationContext ctx, Plan plan, PromotionInput input, StatusTracker status, Task<JsonNode> superseded) {
        this.ctx = ctx;
        this.plan = plan;
        this.input = input;
        this.status = status;
        this.superseded = superseded;
    }

    /** {@code ROLLING_OUT} when approved, else the terminal phase and why. */
    record Outcome(Phase phase, String detail) {
    }

    Outcome await() {
        Instant deadline = ctx.getCurrentInstant().plusSeconds(plan.deadlineSeconds());
        status.deadline(deadline.toString());
        status.move(Phase.AWAITING_APPROVAL, plan.approvalsRequired() + " approval(s) needed from "
                + String.join(", ", plan.approvers()) + " before " + deadline);
        List<Notifier.Delivery> sent = notify(Activities.REQUEST_APPROVAL);
        audit(AuditKind.APPROVAL_REQUESTED, "approval requested from " + String.join(", ", plan.approvers()),
                Map.of("deadline", deadline.toString(), "channels", describe(sent)));
        if (sent.stream().noneMatch(Notifier.Delivery::delivered)) {
            status.warn(List.of("no notification channel reached the approvers: " + describe(sent)));
            if (!ctx.getIsReplaying()) {
                Log.of(ApprovalWait.class).severe(LogLine.of("approval.undelivered").with("promotion", input.promotionId())
                        .with("target", input.target()).with("outcome", "alert").with("reason", describe(sent)).toString());
            }
        }

        ApprovalTally tally = new ApprovalTally(plan.approvers(), plan.approvalsRequired(), input.pushedBy(),
                input.image().digest().toString());
        Instant nextReminder = ctx.getCurrentInstant().plusSeconds(plan.reminderSeconds());
        while (true) {
            Instant now = ctx.getCurrentInstant();
            if (!now.isBefore(deadline)) {
                return new Outcome(Phase.EXPIRED, "no decision before the deadline " + deadline);
            }
            Instant wakeUp = nextReminder.isBefore(deadline) ? nextReminder : deadline;
            Task<JsonNode> decision = ctx.waitForExternalEvent(Names.APPROVAL_DECISION_EVENT, Duration.between(now, wakeUp), JsonNode.class);
            Task<?> first;
            try {
                first = ctx.anyOf(decision, superseded).await();
            } catch (RuntimeException timedOut) {
                // durabletask 1.4.0: anyOf rethrows (wrapped) when the first task to finish is a wait
                // that timed out, instead of returning it. Blocking signals are rethrown untouched.
                if (!decision.isDone()) {
                    throw timedOut;
                }
                first = decision;
            }
            if (first == superseded) {
                return new Outcome(Phase.SUPERSEDED, PromotionOrchestrator.describeSupersede(superseded.await()));
            }
            JsonNode payload;
            try {
                payload = decision.await();
            } catch (TaskCanceledException timeout) {
                if (ctx.getCurrentInstant().isBefore(deadline)) {
                    notify(Activities.SEND_REMINDER);
                    audit(AuditKind.APPROVAL_REMINDED, "reminder sent", Map.of("deadline", deadline.toString()));
                    nextReminder = ctx.getCurrentInstant().plusSeconds(plan.reminderSeconds());
                }
                continue;
            }
            Outcome outcome = count(tally, payload);
            if (outcome != null) {
                return outcome;
            }
        }
    }

    private Outcome count(ApprovalTally tally, JsonNode payload) {
        DecisionEvent event;
        try {
            event = readDecision(payload);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            audit(AuditKind.DECISION_REFUSED, "unreadable decision payload", Map.of("problem", String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
            return null;
        }
        String refusal = tally.count(event).orElse(null);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("decision", String.valueOf(event.decision()));
        fields.put("reason", event.reason() == null ? "" : event.reason());
        fields.put("source", event.source() == null ? "" : event.source());
        fields.put("digest", String.valueOf(event.digest()));
        if (refusal != null) {
            fields.put("refused", refusal);
            audit(AuditKind.DECISION_REFUSED, refusal, fields, event.approver());
            return null;
        }
        audit(AuditKind.DECISION, event.approver() + " decided " + event.decision(), fields, event.approver());
        status.decisions(tally.decisions());
        if (tally.rejected()) {
            return new Outcome(Phase.REJECTED, "rejected by " + event.approver()
                    + (event.reason() == null || event.reason().isBlank() ? "" : ": " + event.reason()));
        }
        if (tally.approved()) {
            return new Outcome(Phase.ROLLING_OUT, "approved by " + tally.decisions().stream()
                    .map(d -> d.approver()).reduce((a, b) -> a + ", " + b).orElse(""));
        }
        status.move(Phase.AWAITING_APPROVAL, tally.decisions().size() + " of " + plan.approvalsRequired()
                + " approvals so far");
        return null;
    }

    /** The decision an event carries, as JSON or as a JSON string holding it; old lower-case words read too. */
    static DecisionEvent readDecision(JsonNode payload) throws JsonProcessingException {
        return payload != null && payload.isTextual() ? JSON.readValue(payload.asText(), DecisionEvent.class)
                : JSON.treeToValue(payload, DecisionEvent.class);
    }

    private List<Notifier.Delivery> notify(Activity<PromotionStatus, Notifier.Delivery[]> activity) {
        try {
            Notifier.Delivery[] sent = activity.call(ctx, status.current(), Retries.NOTIFY).await();
            return sent == null ? List.of() : List.of(sent);
        } catch (TaskFailedException e) {
            return List.of(new Notifier.Delivery("all", false, e.getErrorDetails().getErrorMessage()));
        }
    }

    private void audit(AuditKind kind, String detail, Map<String, String> fields) {
        audit(kind, detail, fields, "system");
    }

    private void audit(AuditKind kind, String detail, Map<String, String> fields, String actor) {
        Activities.RECORD_AUDIT.call(ctx, new AuditRecord(input.promotionId(), ctx.getCurrentInstant().toString(),
                kind, actor == null ? "unknown" : actor, detail, fields), Retries.NOTIFY).await();
    }

    private static String describe(List<Notifier.Delivery> sent) {
        return sent.stream().map(d -> d.channel() + "=" + (d.delivered() ? "sent" : "failed (" + d.detail() + ")"))
                .reduce((a, b) -> a + ", " + b).orElse("none");
    }
}
