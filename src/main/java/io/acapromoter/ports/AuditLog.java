package io.acapromoter.ports;

import java.util.List;

/**
 * The append-only audit trail (Azure Table Storage in Azure). Records are never updated or
 * deleted by the app, and outlive the Durable history.
 */
public interface AuditLog {

    void append(AuditRecord record);

    /** Every record of one promotion, oldest first. */
    List<AuditRecord> history(String promotionId);
}
