package io.acapromoter.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.acapromoter.domain.Phase;
import io.acapromoter.approval.Response;
import io.acapromoter.ports.Orchestrations;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/promotions[?target=&phase=&limit=]} and {@code GET /api/promotions/{id}}: JSON
 * by default, HTML for browsers ({@code Accept: text/html} or {@code ?format=html}).
 */
public final class StatusEndpoint {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PromotionQueries queries;

    public StatusEndpoint(Orchestrations orchestrations) {
        this.queries = new PromotionQueries(orchestrations);
    }

    public Response list(Map<String, String> query, String accept) {
        Optional<String> phase = param(query, "phase");
        if (phase.isPresent() && Arrays.stream(Phase.values()).noneMatch(p -> p.name().equalsIgnoreCase(phase.get()))) {
            return answer(400, "text/plain; charset=utf-8", "unknown phase '" + phase.get() + "'; one of "
                    + Arrays.toString(Phase.values()) + "\n");
        }
        int limit;
        try {
            limit = param(query, "limit").map(Integer::parseInt).orElse(50);
        } catch (NumberFormatException e) {
            return answer(400, "text/plain; charset=utf-8", "limit must be a number\n");
        }
        var views = queries.list(param(query, "target"), phase, limit);
        return html(query, accept) ? answer(200, "text/html; charset=utf-8", StatusPages.list(views))
                : answer(200, "application/json", json(views));
    }

    public Response get(String id, Map<String, String> query, String accept) {
        return queries.get(id)
                .map(v -> html(query, accept) ? answer(200, "text/html; charset=utf-8", StatusPages.detail(v))
                        : answer(200, "application/json", json(v)))
                .orElseGet(() -> answer(404, "application/json", "{\"error\":\"no promotion with this id\"}"));
    }

    static Response answer(int status, String contentType, String body) {
        return new Response(status, Map.of("Content-Type", contentType, "Cache-Control", "no-store",
                "X-Content-Type-Options", "nosniff"), body);
    }

    private static boolean html(Map<String, String> query, String accept) {
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
