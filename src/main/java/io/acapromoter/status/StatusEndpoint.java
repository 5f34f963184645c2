package io.acapromoter.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.acapromoter.domain.Phase;
import io.acapromoter.approval.Response;
import io.acapromoter.ports.Orchestrations;
import io.acapromoter.ports.AuditLog;
import io.acapromoter.ports.AuditRecord;
import io.acapromoter.approval.ApprovalLinks;
import io.acapromoter.domain.PromotionStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/promotions[?target=&phase=&limit=]} and {@code GET /api/promotions/{id}}: JSON
 * by default, HTML for browsers ({@code Accept: text/html} or {@code ?format=html}).
 */
public final class StatusEndpoint {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            // enums in their wire words (decisions as `approve`, like links, forms and the audit trail)
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING);

    private final PromotionQueries queries;
    private final AuditLog audit;
    private final Optional<ApprovalLinks> links;
    private final Clock clock;

    /** Without the audit trail and approval links: the promotion page shows the orchestration's status only. */
    public StatusEndpoint(Orchestrations orchestrations) {
        this(orchestrations, null, Optional.empty(), Clock.systemUTC());
    }

    /**
     * @param audit the audit trail the promotion page shows (decisions, requests, changes in Azure)
     * @param links signs the approval page's links, shown while a promotion awaits approval
     */
    public StatusEndpoint(Orchestrations orchestrations, AuditLog audit, Optional<ApprovalLinks> links, Clock clock) {
        this.queries = new PromotionQueries(orchestrations);
        this.audit = audit;
        this.links = links;
        this.clock = clock;
    }

    public Response list(Map<String, String> query, String accept) {
        Optional<String> phase = param(query, "phase");
        if (phase.isPresent() && Arrays.stream(Phase.values()).noneMatch(p -> p.name().equalsIgnoreCase(phase.get()))) {
            return answer(400, "text/plain; charset=utf-8", "unknown phase '" + phase.get() + "'; one of "
                    + Arrays.toString(Phase.values()) + "\n");
        }
        int limit;
        int offset;
        try {
            limit = param(query, "limit").map(Integer::parseInt).orElse(50);
            offset = param(query, "offset").map(Integer::parseInt).orElse(0);
        } catch (NumberFormatException e) {
            return answer(400, "text/plain; charset=utf-8", "limit and offset must be numbers\n");
        }
        if (limit < 1 || limit > PromotionQueries.MAX || offset < 0) {
            return answer(400, "text/plain; charset=utf-8", "limit must be 1 to " + PromotionQueries.MAX
                    + " and offset 0 or more (page with offset)\n");
        }
        PromotionQueries.Page page = queries.list(param(query, "target"), phase, limit, offset);
        Response r = html(query, accept) ? answer(200, "text/html; charset=utf-8", StatusPages.list(page.views(),
                page.truncated() ? Optional.of(TRUNCATED) : Optional.empty()))
                : answer(200, "application/json", json(page.views()));
        if (page.nextOffset().isEmpty() && !page.truncated()) {
            return r;
        }
        Map<String, String> headers = new java.util.HashMap<>(r.headers());
        page.nextOffset().ifPresent(next -> headers.put("X-Next-Offset", String.valueOf(next)));
        if (page.truncated()) {
            headers.put(TRUNCATED_HEADER, String.valueOf(PromotionQueries.SCAN));
        }
        return new Response(r.status(), headers, r.body());
    }

    /** Set (to how many were searched) when the store held more promotions than the filters looked at. */
    public static final String TRUNCATED_HEADER = "X-Searched-Only";
    static final String TRUNCATED = "Only the newest " + PromotionQueries.SCAN + " promotions were searched (the store holds more):"
            + " filter by target to search one target's.";

    public Response get(String id, Map<String, String> query, String accept) {
        return queries.get(id)
                .map(v -> html(query, accept) ? answer(200, "text/html; charset=utf-8", page(v))
                        : answer(200, "application/json", json(v)))
                .orElseGet(() -> answer(404, "application/json", "{\"error\":\"no promotion with this id\"}"));
    }

    private String page(PromotionView v) {
        List<AuditRecord> trail = List.of();
        String problem = audit == null ? "the audit trail is not configured here" : null;
        if (audit != null) {
            try {
                trail = audit.history(v.id());
            } catch (RuntimeException e) {
                problem = "the audit trail could not be read: " + e.getMessage();
            }
        }
        PromotionStatus p = v.promotion();
        Optional<ApprovalLinks.Pair> open = p.phase() == Phase.AWAITING_APPROVAL && p.deadline() != null && !p.deadline().isBlank()
                ? links.map(l -> l.forStatus(p, Duration.ZERO)) : Optional.empty();
        return PromotionPage.render(v, trail, problem, open, clock.instant());
    }

    /** The approval page's protections too: no script, no framing, no referrer, styles only inline. */
    static Response answer(int status, String contentType, String body) {
        return new Response(status, Map.of("Content-Type", contentType, "Cache-Control", "no-store",
                "X-Content-Type-Options", "nosniff", "X-Frame-Options", "DENY", "Referrer-Policy", "no-referrer",
                "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; "
                        + "base-uri 'none'; form-action 'none'"), body);
    }

    static boolean html(Map<String, String> query, String accept) {
        String format = query.getOrDefault("format", "");
        if (!format.isEmpty()) {
            return format.equalsIgnoreCase("html");
        }
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
    }

    private static Optional<String> param(Map<String, String> query, String name) {
        return Optional.ofNullable(query.get(name)).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write status as JSON", e);
        }
    }
}
