package io.acapromoter.ports;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One production run of a target, as the audit trail keeps it (kind {@link AuditKind#PRODUCTION}): which image a
 * promotion released, from when, until when if it did not stick, who approved it, how it ended. The
 * trail outlives the Durable history, so this is where a target's past comes from.
 *
 * @param target        target name
 * @param promotion     the promotion that released it
 * @param image         the image released (digest-pinned)
 * @param from          ISO-8601 time its rollout began
 * @param to            ISO-8601 time it stopped serving (rolled back), or null while nothing says it stopped
 * @param approvers     who approved it
 * @param outcome       how the promotion ended ({@code SUCCEEDED}, {@code ROLLED_BACK}, {@code ERRORED})
 * @param previousImage what production ran before, or null
 */
public record ProductionRecord(String target, String promotion, String image, String from, String to,
                               List<String> approvers, String outcome, String previousImage) {

    public ProductionRecord {
        require(target, "target");
        require(promotion, "promotion");
        require(image, "image");
        require(outcome, "outcome");
        time(from, "from");
        if (to != null) {
            time(to, "to");
        }
        approvers = approvers == null ? List.of() : List.copyOf(approvers);
    }

    /** The audit record that carries it, in the promotion's own trail. */
    public AuditRecord toAudit() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("target", target);
        fields.put("image", image);
        fields.put("from", from);
        if (to != null) {
            fields.put("to", to);
        }
        fields.put("approvers", String.join(",", approvers));
        fields.put("outcome", outcome);
        if (previousImage != null) {
            fields.put("previous", previousImage);
        }
        return new AuditRecord(promotion, to == null ? from : to, AuditKind.PRODUCTION, "system",
                image + " in production of " + target + " from " + from + (to == null ? "" : " to " + to) + ": " + outcome,
                fields);
    }

    /** The production record an audit record carries, if it is one. */
    public static Optional<ProductionRecord> of(AuditRecord record) {
        if (record.kind() != AuditKind.PRODUCTION) {
            return Optional.empty();
        }
        Map<String, String> f = record.fields();
        String approvers = f.getOrDefault("approvers", "");
        try {
            return Optional.of(new ProductionRecord(f.get("target"), record.promotionId(), f.get("image"), f.get("from"),
                    f.get("to"), approvers.isBlank() ? List.of() : Arrays.stream(approvers.split(",")).map(String::strip).toList(),
                    f.get("outcome"), f.get("previous")));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    public Instant fromInstant() {
        return Instant.parse(from);
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("production record needs a " + name);
        }
    }

    private static void time(String value, String name) {
        Objects.requireNonNull(value, () -> "production record needs '" + name + "'");
        try {
            Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("production record '" + name + "' is not an ISO-8601 instant: '" + value + "'", e);
        }
    }
}
