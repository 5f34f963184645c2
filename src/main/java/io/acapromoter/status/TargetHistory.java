package io.acapromoter.status;

import io.acapromoter.domain.PinnedImage;
import io.acapromoter.ports.AuditLog;
import io.acapromoter.ports.ProductionRecord;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A target's production history from the audit trail, newest first, a page at a time. A production
 * runs until it was rolled back (its own record says when) or until the next production that stuck
 * began; the continuation carries that time across pages, so page two knows when its newest row ended.
 */
public final class TargetHistory {

    /** The most rows one page may ask for. */
    public static final int MAX = 100;
    private static final String VERSION = "h1";

    private final AuditLog audit;

    public TargetHistory(AuditLog audit) {
        this.audit = audit;
    }

    /** The audit trail the history is read from (also where a target's freeze is). */
    AuditLog audit() {
        return audit;
    }

    /** One page of history and, when more follow, the token that asks for the next one. */
    public record Page(String target, List<ProductionRun> productions, String next) {
        public Page {
            productions = List.copyOf(productions);
        }
    }

    /**
     * @throws IllegalArgumentException when {@code limit} is not 1 to {@value #MAX} or {@code continuation}
     *                                  is not a token this class returned
     */
    public Page page(String target, int limit, Optional<String> continuation) {
        if (limit < 1 || limit > MAX) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX + ", found " + limit);
        }
        String[] token = continuation.map(TargetHistory::decode).orElse(new String[]{"", null});
        String endedAt = token[0].isEmpty() ? null : token[0];
        AuditLog.ProductionPage page = audit.productions(target, limit, Optional.ofNullable(token[1]));
        List<ProductionRun> rows = new ArrayList<>();
        for (ProductionRecord r : page.records()) {
            rows.add(new ProductionRun(PinnedImage.tryParse(r.image()).map(p -> p.digest().toString()).orElse(null), r.image(),
                    r.from(), r.to() != null ? r.to() : endedAt, r.promotion(), r.approvers(), r.outcome(), r.previousImage()));
            if (r.to() == null) {
                // It stuck: whatever ran before it stopped when it began.
                endedAt = r.from();
            }
        }
        String ended = endedAt;
        return new Page(target, rows, page.continuation().map(next -> encode(ended, next)).orElse(null));
    }

    private static String encode(String endedAt, String next) {
        String raw = VERSION + "\n" + (endedAt == null ? "" : endedAt) + "\n" + next;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String token) {
        String bad = "continuation '" + (token.length() > 80 ? token.substring(0, 80) + "…" : token).replaceAll("\\p{Cntrl}", "?")
                + "' is not a token this endpoint returned (use the 'next' of the previous page)";
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(bad);
        }
        String[] parts = raw.split("\n", 3);
        if (parts.length != 3 || !parts[0].equals(VERSION) || parts[2].isEmpty()) {
            throw new IllegalArgumentException(bad);
        }
        if (!parts[1].isEmpty()) {
            try {
                Instant.parse(parts[1]);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(bad);
            }
        }
        return new String[]{parts[1], parts[2]};
    }
}
