package io.acapromoter.ports;

import java.util.List;
import java.util.Optional;

/**
 * The append-only audit trail (Azure Table Storage in Azure). Records are never updated or
 * deleted by the app, and outlive the Durable history.
 */
public interface AuditLog {

    /**
     * Appends a record. A {@link ProductionRecord} (kind {@link AuditKind#PRODUCTION}) is also listed by
     * {@link #productions}; appending the same one again (a retried activity) lists it once.
     */
    void append(AuditRecord record);

    /** Every record of one promotion, oldest first. */
    List<AuditRecord> history(String promotionId);

    /**
     * One page of a target's production records, newest first (by {@link ProductionRecord#from}).
     *
     * @param limit        at most this many (1 or more)
     * @param continuation where the previous page stopped, as it returned it; empty for the first page
     * @throws IllegalArgumentException when {@code continuation} is not one this log returned
     */
    ProductionPage productions(String target, int limit, Optional<String> continuation);

    /** A page of production records and, when more follow, where the next page starts. */
    record ProductionPage(List<ProductionRecord> records, Optional<String> continuation) {
        public ProductionPage {
            records = List.copyOf(records);
        }
    }
}
