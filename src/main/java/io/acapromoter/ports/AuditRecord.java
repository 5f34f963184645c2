package io.acapromoter.ports;

import java.util.Map;

/**
 * One audit entry.
 *
 * @param promotionId the promotion it belongs to
 * @param at          ISO-8601 time
 * @param kind        e.g. {@code approval.requested}, {@code approval.reminded}, {@code decision}, {@code outcome}, {@code rollback}
 * @param actor       who did it (approver, {@code system}), never a token
 * @param detail      a sentence for people
 * @param fields      further values (decision, reason, source address, digest, phase…)
 */
public record AuditRecord(String promotionId, String at, String kind, String actor, String detail,
                          Map<String, String> fields) {

    public AuditRecord {
        // Sorted, so the same record always serializes the same way (it is an activity input).
        fields = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(fields == null ? Map.of() : fields));
    }
}
