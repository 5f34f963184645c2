package io.acapromoter.operations;

import io.acapromoter.ports.AuditKind;
import io.acapromoter.ports.AuditLog;
import io.acapromoter.ports.AuditRecord;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A target's freeze: while it holds, approved promotions of the target wait and nothing new reaches its
 * production (the build side, staging, smoke tests and approvals go on). Stored as audit records in
 * the partition {@link #partition(String)}: {@code operator.freeze} and {@code operator.unfreeze}, the
 * newest one deciding (in Azure an append-only Table Storage row each, locally in memory).
 *
 * @param by     who froze it
 * @param at     when (ISO-8601)
 * @param reason why
 */
public record TargetFreeze(String by, String at, String reason) {


    public TargetFreeze {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        reason = reason == null ? "" : reason;
    }

    /** The audit partition of operators' actions on {@code target} (table keys allow {@code :}). */
    public static String partition(String target) {
        return "target:" + target;
    }

    /** The freeze of {@code target} now, if any. */
    public static Optional<TargetFreeze> current(AuditLog audit, String target) {
        return current(audit.history(partition(target)));
    }

    /** The freeze the newest freeze or unfreeze record of {@code records} (oldest first) leaves in place. */
    public static Optional<TargetFreeze> current(List<AuditRecord> records) {
        for (int i = records.size() - 1; i >= 0; i--) {
            AuditRecord r = records.get(i);
            if (r.kind() == AuditKind.OPERATOR_FREEZE) {
                return Optional.of(new TargetFreeze(r.actor(), r.at(), r.fields().getOrDefault("reason", "")));
            }
            if (r.kind() == AuditKind.OPERATOR_UNFREEZE) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
