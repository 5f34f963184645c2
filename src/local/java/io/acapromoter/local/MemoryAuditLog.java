package io.acapromoter.local;

import io.acapromoter.ports.AuditLog;
import io.acapromoter.ports.AuditRecord;
import io.acapromoter.ports.ProductionRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    @Override
    public synchronized ProductionPage productions(String target, int limit, Optional<String> continuation) {
        return page(records, target, limit, continuation);
    }

    /**
     * A page of {@code target}'s production records among {@code all}, newest first; the same record
     * appended twice counts once (as the table's content-derived key makes it). The continuation is the
     * offset of the next page.
     */
    public static ProductionPage page(List<AuditRecord> all, String target, int limit, Optional<String> continuation) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be 1 or more, found " + limit);
        }
        int offset = continuation.map(MemoryAuditLog::offset).orElse(0);
        Map<String, ProductionRecord> unique = new LinkedHashMap<>();
        all.stream().map(ProductionRecord::of).flatMap(Optional::stream).filter(p -> p.target().equals(target))
                .forEach(p -> unique.putIfAbsent(p.from() + " " + p.promotion(), p));
        List<ProductionRecord> newestFirst = unique.values().stream()
                .sorted(Comparator.comparing(ProductionRecord::fromInstant).reversed()).toList();
        int from = Math.min(offset, newestFirst.size());
        int to = Math.min(newestFirst.size(), from + limit);
        return new ProductionPage(newestFirst.subList(from, to),
                to < newestFirst.size() ? Optional.of(String.valueOf(to)) : Optional.empty());
    }

    private static int offset(String token) {
        try {
            int offset = Integer.parseInt(token);
            if (offset >= 0) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal below
        }
        throw new IllegalArgumentException("continuation '" + token + "' is not one this audit log returned");
    }

    public synchronized List<AuditRecord> all() {
        return List.copyOf(records);
    }
}
