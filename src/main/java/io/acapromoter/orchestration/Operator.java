package io.acapromoter.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.durabletask.TaskOrchestrationContext;
import io.acapromoter.domain.Phase;
import io.acapromoter.ports.AuditKind;
import io.acapromoter.ports.AuditRecord;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What operators' actions mean to a running promotion: how an {@link OperatorRequest} (read as JSON, so a
 * malformed one cannot fail the wait) is told, and the decision an operator's rollback stands on instead of
 * an approval.
 */
public final class Operator {

    private Operator() {
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
                AuditKind.DECISION, input.orderedBy(), detail, fields), Retries.NOTIFY).await();
        status.move(Phase.AWAITING_APPROVAL, detail);
        return new ApprovalWait.Outcome(Phase.ROLLING_OUT, detail);
    }
}
