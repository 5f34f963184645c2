package io.acapromoter.ports;

import java.util.Map;

/**
 * One audit entry.
 *
 * @param promotionId the promotion it belongs to
 * @param at          ISO-8601 time
 * @param kind        what happened (approval requested or reminded, a decision counted or refused, an outcome…)
 * @param actor       who did it (approver, {@code system}), never a token
 * @param detail      a sentence for people
 * @param fields      further values (decision, reason, source address, digest, phase…)
 */
public record AuditRecord(String promotionId, String at, AuditKind kind, String actor, String detail,
                          Map<String, String> fields) {

    public AuditRecord {
        java.util.Objects.requireNonNull(kind, "kind");
        // Sorted, so the same record always serializes the same way (it is an activity input).
        fields = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(fields == null ? Map.of() : fields));
    }
}
