package io.acapromoter.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.durabletask.TaskOrchestrationContext;
import io.acapromoter.domain.Phase;
import io.acapromoter.ports.AuditRecord;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What operators' actions mean to a running promotion: the payload of {@link Names#CANCEL_EVENT} and
 * {@link Names#RERUN_SMOKE_EVENT} ({@code {"by": …, "reason": …}}), and the decision an operator's
 * rollback stands on instead of an approval.
 */
public final class Operator {

    private Operator() {
    }

    /** The payload of an operator's event. */
    public static Map<String, String> event(String by, String reason, String at) {
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put("by", by);
        payload.put("reason", reason);
        payload.put("at", at);
        return payload;
    }

    static String cancelledBy(JsonNode payload) {
        return "cancelled by " + who(payload) + why(payload);
    }

    static String who(JsonNode payload) {
        String by = payload == null ? "" : payload.path("by").asText("");
        return by.isBlank() ? "an operator" : by;
    }

    static String why(JsonNode payload) {
        String reason = payload == null ? "" : payload.path("reason").asText("");
        return reason.isBlank() ? "" : ": " + reason;
    }

    /** An operator's rollback needs no approval: the operator decided, and the audit trail says so. */
    static ApprovalWait.Outcome ordered(TaskOrchestrationContext ctx, PromotionInput input, StatusTracker status) {
        String detail = "rollback to " + input.image() + " ordered by " + input.orderedBy()
                + (input.orderReason() == null || input.orderReason().isBlank() ? "" : ": " + input.orderReason());
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("decision", "rollback");
        fields.put("reason", input.orderReason() == null ? "" : input.orderReason());
        Activities.RECORD_AUDIT.call(ctx, new AuditRecord(input.promotionId(), ctx.getCurrentInstant().toString(),
                "decision", input.orderedBy(), detail, fields), Retries.NOTIFY).await();
        status.move(Phase.AWAITING_APPROVAL, detail);
        return new ApprovalWait.Outcome(Phase.ROLLING_OUT, detail);
    }
}
