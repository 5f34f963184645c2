package io.acapromoter.local;

import io.acapromoter.ports.AuditLog;
import io.acapromoter.ports.AuditRecord;

import java.util.ArrayList;
import java.util.List;

/** The audit trail of a local run: append-only, in memory. */
public final class MemoryAuditLog implements AuditLog {

    private final List<AuditRecord> records = new ArrayList<>();

    @Override
    public synchronized void append(AuditRecord record) {
        records.add(record);
    }

    @Override
    public synchronized List<AuditRecord> history(String promotionId) {
        return records.stream().filter(r -> r.promotionId().equals(promotionId)).toList();
    }

    public synchronized List<AuditRecord> all() {
        return List.copyOf(records);
    }
}
