package io.acapromoter.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acapromoter.approval.ApprovalEndpoint;
import io.acapromoter.approval.FormBody;
import io.acapromoter.approval.OperatorEndpoint;
import io.acapromoter.approval.Response;
import io.acapromoter.events.BoundedJson;
import io.acapromoter.events.ParsedFinding;
import io.acapromoter.local.server.EventGridWebhook;
import io.acapromoter.local.server.LocalServer;
import io.acapromoter.intake.FindingIntake;
import io.acapromoter.intake.Intake;
import io.acapromoter.orchestration.Names;
import io.acapromoter.policy.IntakeDecision;
import io.acapromoter.policy.RebuildDecision;
import io.acapromoter.ports.Orchestrations;
import io.acapromoter.status.BoardEndpoint;
import io.acapromoter.status.BoardPage;
import io.acapromoter.status.BoardQueries;
import io.acapromoter.status.ProductionReader;
import io.acapromoter.status.StatusEndpoint;
import io.acapromoter.status.TargetHistory;
import io.acapromoter.activities.PipelinePorts;
import java.time.Clock;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The Function App's routes on the local server, calling the same collaborators as the Functions
 * entry points: the Event Grid webhook (with the validation handshake) for {@code OnImagePushed}
 * and {@code OnVulnerabilityFinding}, the status endpoint, the approval page and decision, health.
 */
public final class LocalHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalHttp() {
    }

    public static LocalServer server(int port, Intake intake, FindingIntake findings, Orchestrations orchestrations,
                                     ApprovalEndpoint approvals, OperatorEndpoint operators, BoardEndpoint board) throws IOException {
        return server(port, intake, findings, orchestrations, approvals, operators, board, new StatusEndpoint(orchestrations), Map.of());
    }

    /** As above, with the status endpoint given (one that shows the audit trail and the approval links). */
    public static LocalServer server(int port, Intake intake, FindingIntake findings, Orchestrations orchestrations,
                                     ApprovalEndpoint approvals, OperatorEndpoint operators, BoardEndpoint board,
                                     StatusEndpoint status) throws IOException {
        return server(port, intake, findings, orchestrations, approvals, operators, board, status, Map.of());
    }

    /** As above, with {@code extra} routes by prefix (the simulator's admin routes). */
    public static LocalServer server(int port, Intake intake, FindingIntake findings, Orchestrations orchestrations,
                                     ApprovalEndpoint approvals, OperatorEndpoint operators, BoardEndpoint board,
                                     StatusEndpoint status, Map<String, LocalServer.Route> extra) throws IOException {
        Map<String, LocalServer.Route> routes = new LinkedHashMap<>();
        routes.put("/api/board", r -> r.method().equals("GET") ? board.board(r.query(), r.headers().get("accept"))
                : new Response(405, Map.of("Content-Type", "text/plain", "Allow", "GET"), "GET only\n"));
        routes.put(OperatorEndpoint.ROUTE, r -> {
            String path = r.path().startsWith("/") ? r.path().substring(1) : r.path();
            if (path.contains("/actions")) {
                return operatorRoute(r, operators);
            }
            if (!r.method().equals("GET")) {
                return new Response(405, Map.of("Content-Type", "text/plain", "Allow", "GET"), "GET only\n");
            }
            if (path.endsWith("/history")) {
                return board.history(path.substring(0, path.length() - "/history".length()), r.query());
            }
            return board.target(path, r.query(), r.headers().get("accept"));
        });
        routes.put("/runtime/webhooks/EventGrid", r -> eventGrid(r, intake, findings, orchestrations));
        routes.put("/api/promotions", r -> {
            if (!r.method().equals("GET")) {
                return new Response(405, Map.of("Content-Type", "text/plain", "Allow", "GET"), "GET only\n");
            }
            String id = r.path().startsWith("/") ? r.path().substring(1) : r.path();
            return id.isEmpty() ? status.list(r.query(), r.headers().get("accept")) : status.get(id, r.query(), r.headers().get("accept"));
        });
        routes.put("/api/approvals/", r -> switch (r.method()) {
            case "GET" -> approvals.get(r.path(), r.headers());
            case "POST" -> approvals.post(r.path(), FormBody.parse(r.body()), r.headers(), r.remoteAddress());
            default -> new Response(405, Map.of("Content-Type", "text/plain", "Allow", "GET, POST"), "GET or POST\n");
        });
        routes.put("/api/health", r -> LocalServer.text(200, "OK\n"));
        routes.putAll(extra);
        return new LocalServer(port, routes);
    }

    /**
     * The board routes on the ports of a local run, as the Function App builds them on its own. Production
     * reads are kept {@link #PRODUCTION_TTL} only: the simulator is cheap to ask, and a test on a manual
     * clock sees a step of a few seconds.
     */
    public static BoardEndpoint board(PipelinePorts ports, Orchestrations orchestrations, Clock clock) {
        TargetHistory history = new TargetHistory(ports.auditLog());
        return new BoardEndpoint(new BoardQueries(ports.file(), orchestrations,
                new ProductionReader(ports.containerApps(), clock, PRODUCTION_TTL), history, clock), history, BoardPage.standard());
    }

    static final java.time.Duration PRODUCTION_TTL = java.time.Duration.ofSeconds(2);

    /** {@code GET /api/targets/{name}/actions} (the page) and {@code POST /api/targets/{name}/actions/{action}}. */
    static Response operatorRoute(LocalServer.Request r, OperatorEndpoint operators) {
        String[] parts = r.path().split("/", -1);
        if (parts.length == 2 && parts[1].equals("actions")) {
            return r.method().equals("GET") ? operators.page(parts[0], r.headers())
                    : new Response(405, Map.of("Content-Type", "text/plain", "Allow", "GET"), "GET only: each action posts to its own route\n");
        }
        if (parts.length == 3 && parts[1].equals("actions")) {
            return r.method().equals("POST")
                    ? operators.post(parts[0], parts[2], FormBody.parse(r.body()), r.headers(), r.remoteAddress())
                    : new Response(405, Map.of("Content-Type", "text/plain", "Allow", "POST"),
                    "POST only: a GET never acts (open /api/targets/" + shown(parts[0]) + "/actions)\n");
        }
        return LocalServer.text(404, "no such route: /api/targets/{name}/actions or /api/targets/{name}/actions/{action}\n");
    }

    static Response eventGrid(LocalServer.Request r, Intake intake, FindingIntake findings, Orchestrations orchestrations) {
        return eventGrid(r, intake, findings, orchestrations, LocalRuntime.LOG);
    }

    /**
     * The Functions host's Event Grid webhook: the {@code aeg-event-type} header says what the request is
     * ({@code SubscriptionValidation} is answered with the code, {@code Notification} is delivered to the
     * function, {@code Unsubscribe} is acknowledged); every event of a notification is handled, whatever
     * comes first. A body that is not JSON at all gets 400 with the reason.
     */
    public static Response eventGrid(LocalServer.Request r, Intake intake, FindingIntake findings, Orchestrations orchestrations,
                                     Logger log) {
        if (r.method().equals("OPTIONS")) {
            return EventGridWebhook.options(r.headers().get("webhook-request-origin"));
        }
        if (!r.method().equals("POST")) {
            return new Response(405, Map.of("Content-Type", "text/plain", "Allow", "POST, OPTIONS"), "POST only\n");
        }
        String function = r.query().getOrDefault("functionName", "");
        if (!function.equals(Names.ON_IMAGE_PUSHED) && !function.equals(Names.ON_VULNERABILITY_FINDING)) {
            return LocalServer.text(404, "no Event Grid function '" + shown(function) + "' (use "
                    + Names.ON_IMAGE_PUSHED + " or " + Names.ON_VULNERABILITY_FINDING + ")\n");
        }
        String kind = r.headers().getOrDefault("aeg-event-type", "");
        switch (kind.toLowerCase(Locale.ROOT)) {
            case "subscriptionvalidation" -> {
                return EventGridWebhook.validation(r.body()).orElseGet(() -> LocalServer.text(400,
                        "aeg-event-type is SubscriptionValidation but the body holds no "
                                + "Microsoft.EventGrid.SubscriptionValidationEvent with a validationCode\n"));
            }
            case "unsubscribe" -> {
                return new Response(202, Map.of("Content-Type", "text/plain"), "");
            }
            case "notification" -> {
            }
            default -> {
                return LocalServer.text(400, (kind.isEmpty() ? "the aeg-event-type header is missing"
                        : "unknown aeg-event-type '" + shown(kind) + "'")
                        + ": Event Grid sends SubscriptionValidation, Notification or Unsubscribe"
                        + " (with curl: -H 'aeg-event-type: Notification')\n");
            }
        }
        ArrayNode out = JSON.createArrayNode();
        if (function.equals(Names.ON_IMAGE_PUSHED)) {
            // Read once: the body's own problem (400) and the events come from the same pass.
            Intake.Delivery delivery = intake.handleDelivery(r.body(), orchestrations, log);
            if (delivery.unreadable().isPresent()) {
                return LocalServer.text(400, "not an event delivery: " + delivery.unreadable().get() + "\n");
            }
            for (Intake.IntakeResult result : delivery.results()) {
                IntakeDecision d = result.decision();
                ObjectNode line = out.addObject().put("eventId", d.eventId()).put("decision", d.outcome())
                        .put("reason", d.reason()).put("target", d.target().orElse(null));
                if (d instanceof IntakeDecision.Promote p) {
                    line.put("promotion", p.candidate().promotionId().value()).put("image", p.candidate().image().toString())
                            .put("started", result.started().map(s -> s == Orchestrations.StartResult.STARTED).orElse(false));
                }
            }
            return json(200, out);
        }
        Optional<String> unreadable = BoundedJson.problem(r.body());
        if (unreadable.isPresent()) {
            return LocalServer.text(400, "not an event delivery: " + unreadable.get() + "\n");
        }
        FindingIntake.Delivery delivery = findings.handleDelivery(r.body(), orchestrations, log);
        for (RebuildDecision d : delivery.decisions()) {
            out.addObject().put("finding", d.finding().id()).put("cve", d.finding().cve())
                    .put("digest", d.finding().digest().toString()).put("decision", d.outcome().label())
                    .put("reason", d.reason()).put("target", d.target().orElse(null));
        }
        for (ParsedFinding.Unreadable bad : delivery.refused()) {
            out.addObject().put("finding", bad.id()).put("decision", "refuse").put("reason", bad.problem());
        }
        boolean nothingRead = delivery.decisions().isEmpty() && !delivery.refused().isEmpty();
        return json(nothingRead ? 400 : 200, out);
    }

    /** One line of JSON (a machine reads it; {@code jq} or a browser shows it indented). */
    private static Response json(int status, ArrayNode out) {
        return new Response(status, Map.of("Content-Type", "application/json"), out.toString() + "\n");
    }

    /** A request value echoed in an answer: control characters dropped, at most 100 characters. */
    private static String shown(String value) {
        String clean = value.replaceAll("\\p{Cntrl}", "");
        return clean.length() > 100 ? clean.substring(0, 100) + "…" : clean;
    }
}
