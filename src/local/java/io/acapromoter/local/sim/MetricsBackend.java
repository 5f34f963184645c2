package io.acapromoter.local.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Azure Monitor for the simulated container apps: simulated users send each app a steady stream of requests
 * (default {@link #DEFAULT_REQUESTS_PER_MINUTE}), split over its revisions by the traffic weights in force, so a canary
 * at 10% gets a tenth of them. What each revision answers follows its image (a broken image answers 500, an unhealthy
 * revision fails everything) and the {@link TrafficBehavior}s injected from a given time. Served on Azure's routes and
 * shapes (the metrics REST API 2023-10-01, examples {@code GetMetric.json} / {@code GetMetricError.json} of
 * azure-rest-api-specs; the Logs query API's {@code tables/columns/rows}), with one-minute buckets as Azure keeps them.
 * The Logs API answers the one query shape the promoter sends (the {@code requests} table summarized for the replicas
 * of one revision), not KQL in general: anything else is refused with 400.
 */
final class MetricsBackend {
    static final double DEFAULT_REQUESTS_PER_MINUTE = 120;
    private static final Duration KEEP = Duration.ofDays(1);
    private static final Pattern TIMESPAN = Pattern.compile("([^/]+)/([^/]+)");
    private static final Pattern REVISION_FILTER = Pattern.compile("(?i)revisionName\\s+eq\\s+'([^']*)'");
    private static final Pattern SPLIT_FILTER = Pattern.compile("(?i)statusCodeCategory\\s+eq\\s+'\\*'");
    private static final Pattern QUERY_REVISION = Pattern.compile("cloud_RoleInstance\\s+startswith\\s+'([a-z0-9-]+)-'");
    private static final Pattern QUERY_SPAN = Pattern.compile(
            "timestamp\\s*>=\\s*datetime\\(([^)]+)\\)\\s+and\\s+timestamp\\s*<\\s*datetime\\(([^)]+)\\)");

    private final SimClock clock;
    private final Supplier<Map<String, ContainerAppState>> apps;
    private final Function<String, ImageBehavior> behaviors;
    private final Map<String, Double> requestsPerMinute = new LinkedHashMap<>();
    private final Map<String, TrafficBehavior> injected = new LinkedHashMap<>();
    private final Set<String> components = new HashSet<>();
    /** Revision name → minute → what it served in that minute. */
    private final Map<String, TreeMap<Instant, Bucket>> served = new LinkedHashMap<>();
    private Instant accumulatedUntil;

    /** One minute of one revision: requests, 5xx answers, and how many requests took how long. */
    private static final class Bucket {
        double requests;
        double errors;
        final TreeMap<Long, Double> byLatencyMillis = new TreeMap<>();
    }

    MetricsBackend(SimClock clock, Supplier<Map<String, ContainerAppState>> apps, Function<String, ImageBehavior> behaviors) {
        this.clock = clock;
        this.apps = apps;
        this.behaviors = behaviors;
    }

    List<Route> routes() {
        return List.of(
                Route.of("GET", "/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.App/containerApps/{app}"
                        + "/providers/Microsoft.Insights/metrics", "Metrics_List", this::metrics),
                Route.of("POST", "/v1/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Insights/components/{name}/query",
                        "Query_ExecuteWithResourceId", this::query));
    }

    synchronized void setRequestsPerMinute(String appId, double perMinute) {
        if (!(perMinute >= 0)) {
            throw new IllegalArgumentException("requests per minute must be zero or more, got " + perMinute);
        }
        accumulate();
        requestsPerMinute.put(appId.toLowerCase(Locale.ROOT), perMinute);
    }

    synchronized void inject(String revisionOrImage, TrafficBehavior behavior) {
        accumulate();
        injected.put(revisionOrImage, behavior);
    }

    synchronized void addComponent(String componentId) {
        components.add(componentId.toLowerCase(Locale.ROOT));
    }

    /** Lets the simulated users' requests of the time since the last call land, at the weights in force until now. */
    synchronized void accumulate() {
        Instant now = clock.now();
        if (accumulatedUntil == null || now.isBefore(accumulatedUntil)) {
            accumulatedUntil = now;
            return;
        }
        Instant start = accumulatedUntil.isBefore(now.minus(KEEP)) ? now.minus(KEEP) : accumulatedUntil;
        if (!start.isBefore(now)) {
            return;
        }
        Map<String, ContainerAppState> states = apps.get();
        Instant t = start;
        while (t.isBefore(now)) {
            Instant minute = t.truncatedTo(ChronoUnit.MINUTES);
            Instant end = minute.plus(Duration.ofMinutes(1)).isBefore(now) ? minute.plus(Duration.ofMinutes(1)) : now;
            double seconds = Duration.between(t, end).toMillis() / 1000.0;
            for (Map.Entry<String, ContainerAppState> app : states.entrySet()) {
                double rate = requestsPerMinute.getOrDefault(app.getKey(), DEFAULT_REQUESTS_PER_MINUTE);
                for (ContainerAppState.RevisionState r : app.getValue().revisions()) {
                    int weight = app.getValue().trafficByRevision().getOrDefault(r.name(), 0);
                    if (weight <= 0 || !"Provisioned".equals(r.provisioningState())) {
                        continue;
                    }
                    double requests = rate / 60 * seconds * weight / 100;
                    TrafficBehavior b = behaviorOf(r, t);
                    Bucket bucket = served.computeIfAbsent(r.name().toLowerCase(Locale.ROOT), k -> new TreeMap<>())
                            .computeIfAbsent(minute, k -> new Bucket());
                    bucket.requests += requests;
                    bucket.errors += requests * b.errorRate();
                    bucket.byLatencyMillis.merge(b.latency().toMillis(), requests, Double::sum);
                }
            }
            t = end;
        }
        accumulatedUntil = now;
        served.values().forEach(minutes -> minutes.headMap(now.minus(KEEP)).clear());
    }

    private TrafficBehavior behaviorOf(ContainerAppState.RevisionState r, Instant at) {
        TrafficBehavior chosen = null;
        for (Map.Entry<String, TrafficBehavior> e : injected.entrySet()) {
            boolean matches = e.getKey().equalsIgnoreCase(r.name()) || r.image().contains(e.getKey());
            if (matches && !at.isBefore(e.getValue().from())) {
                chosen = e.getValue();
            }
        }
        ImageBehavior image = behaviors.apply(r.image());
        boolean broken = image.httpStatus() >= 500 || "Unhealthy".equals(r.healthState());
        Duration latency = TrafficBehavior.HEALTHY_LATENCY.plus(image.latency());
        if (chosen != null) {
            return new TrafficBehavior(broken ? 1 : chosen.errorRate(), chosen.latency(), chosen.from());
        }
        return new TrafficBehavior(broken ? 1 : 0, latency, Instant.EPOCH);
    }

    // ---------------------------------------------------------------- the metrics API

    private synchronized SimResponse metrics(SimRequest req) {
        accumulate();
        String appId = "/subscriptions/" + req.param("sub") + "/resourceGroups/" + req.param("rg")
                + "/providers/Microsoft.App/containerApps/" + req.param("app");
        if (!apps.get().containsKey(appId.toLowerCase(Locale.ROOT))) {
            throw new ArmException(404, "ResourceNotFound", "The Resource 'Microsoft.App/containerApps/" + req.param("app")
                    + "' under resource group '" + req.param("rg") + "' was not found.");
        }
        Instant[] span = span(req.query.get("timespan"));
        String names = req.query.getOrDefault("metricnames", "");
        String aggregation = req.query.getOrDefault("aggregation", "average").toLowerCase(Locale.ROOT);
        String interval = req.query.getOrDefault("interval", "PT1M");
        if (!interval.equalsIgnoreCase("FULL") && !interval.equalsIgnoreCase("PT1M")) {
            throw new ArmException(400, "BadRequest", "The simulator keeps one-minute data: interval must be PT1M or FULL, got " + interval);
        }
        String filter = req.query.getOrDefault("$filter", "");
        Matcher revisionFilter = REVISION_FILTER.matcher(filter);
        String revision = revisionFilter.find() ? revisionFilter.group(1) : null;
        boolean split = SPLIT_FILTER.matcher(filter).find();
        ObjectNode body = Json.object();
        body.put("cost", 0);
        body.put("timespan", Json.time(span[0]) + "/" + Json.time(span[1]));
        body.put("interval", interval.equalsIgnoreCase("FULL") ? Duration.between(span[0], span[1]).toString() : "PT1M");
        ArrayNode value = body.putArray("value");
        for (String name : names.split(",")) {
            ObjectNode metric = value.addObject();
            metric.put("id", appId + "/providers/Microsoft.Insights/metrics/" + name);
            metric.put("type", "Microsoft.Insights/metrics");
            ObjectNode n = metric.putObject("name");
            n.put("value", name);
            ArrayNode series = metric.putArray("timeseries");
            switch (name) {
                case "Requests" -> {
                    n.put("localizedValue", "Requests");
                    metric.put("displayDescription", "Requests processed");
                    metric.put("unit", "Count");
                    requestSeries(series, appId, revision, split, span, interval, aggregation);
                }
                case "RestartCount" -> {
                    n.put("localizedValue", "Replica Restart Count");
                    metric.put("displayDescription", "Restart count of container app replicas");
                    metric.put("unit", "Count");
                    restartSeries(series, appId, revision, span, aggregation);
                }
                default -> throw new ArmException(400, "BadRequest", "Failed to find metric configuration for provider: "
                        + "Microsoft.App, resource Type: containerApps, metric: " + name + ", Valid metrics: Requests,"
                        + "RestartCount (the simulator serves these two)");
            }
            metric.put("errorCode", "Success");
        }
        body.put("namespace", "microsoft.app/containerapps");
        body.put("resourceregion", "westeurope");
        return SimResponse.json(200, body);
    }

    private void requestSeries(ArrayNode out, String appId, String revision, boolean split, Instant[] span, String interval,
                               String aggregation) {
        List<String> revisions = revisionsOf(appId, revision);
        String[] categories = split ? new String[] {"2xx", "5xx"} : new String[] {null};
        for (String category : categories) {
            TreeMap<Instant, Double> points = new TreeMap<>();
            for (String r : revisions) {
                for (Map.Entry<Instant, Bucket> e : buckets(r, span).entrySet()) {
                    Bucket b = e.getValue();
                    double count = category == null ? b.requests : category.equals("5xx") ? b.errors : b.requests - b.errors;
                    points.merge(e.getKey(), count, Double::sum);
                }
            }
            if (split && points.values().stream().mapToDouble(Double::doubleValue).sum() < 0.5) {
                continue; // Azure answers no series for a category without data
            }
            ObjectNode s = out.addObject();
            ArrayNode meta = s.putArray("metadatavalues");
            if (revision != null) {
                dimension(meta, "revisionname", revision);
            }
            if (category != null) {
                dimension(meta, "statuscodecategory", category);
            }
            ArrayNode data = s.putArray("data");
            if (interval.equalsIgnoreCase("FULL")) {
                ObjectNode point = data.addObject();
                point.put("timeStamp", Json.time(span[0]));
                point.put(aggregation, Math.rint(points.values().stream().mapToDouble(Double::doubleValue).sum()));
            } else {
                for (Instant m = span[0].truncatedTo(ChronoUnit.MINUTES); m.isBefore(span[1]); m = m.plus(Duration.ofMinutes(1))) {
                    ObjectNode point = data.addObject();
                    point.put("timeStamp", Json.time(m));
                    Double v = points.get(m);
                    if (v != null) {
                        point.put(aggregation, Math.rint(v));
                    }
                }
            }
        }
    }

    private void restartSeries(ArrayNode out, String appId, String revision, Instant[] span, String aggregation) {
        ContainerAppState app = apps.get().get(appId.toLowerCase(Locale.ROOT));
        for (ContainerAppState.RevisionState r : app.revisions()) {
            if (revision != null && !r.name().equalsIgnoreCase(revision)) {
                continue;
            }
            ObjectNode s = out.addObject();
            dimension(s.putArray("metadatavalues"), "revisionname", r.name());
            ObjectNode point = s.putArray("data").addObject();
            point.put("timeStamp", Json.time(span[0]));
            point.put(aggregation, r.restartCount());
        }
    }

    private List<String> revisionsOf(String appId, String revision) {
        List<String> out = new ArrayList<>();
        for (ContainerAppState.RevisionState r : apps.get().get(appId.toLowerCase(Locale.ROOT)).revisions()) {
            if (revision == null || r.name().equalsIgnoreCase(revision)) {
                out.add(r.name().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private Map<Instant, Bucket> buckets(String revision, Instant[] span) {
        TreeMap<Instant, Bucket> minutes = served.get(revision.toLowerCase(Locale.ROOT));
        return minutes == null ? Map.of() : minutes.subMap(span[0].truncatedTo(ChronoUnit.MINUTES), true,
                span[1].minusNanos(1).truncatedTo(ChronoUnit.MINUTES), true);
    }

    private static void dimension(ArrayNode meta, String name, String value) {
        ObjectNode d = meta.addObject();
        ObjectNode n = d.putObject("name");
        n.put("value", name);
        n.put("localizedValue", name);
        d.put("value", value);
    }

    private static Instant[] span(String timespan) {
        Matcher m = TIMESPAN.matcher(timespan == null ? "" : timespan);
        try {
            if (m.matches()) {
                Instant from = Instant.parse(m.group(1));
                Instant to = Instant.parse(m.group(2));
                if (from.isBefore(to)) {
                    return new Instant[] {from, to};
                }
            }
        } catch (java.time.format.DateTimeParseException e) {
            // answered below
        }
        throw new ArmException(400, "BadRequest", "Detected invalid timespan '" + timespan + "': expected start/end as ISO-8601 times.");
    }

    // ---------------------------------------------------------------- the Logs query API

    private synchronized SimResponse query(SimRequest req) {
        String auth = req.header("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return logsError(401, "AuthorizationRequiredError", "Valid authentication was not provided");
        }
        String component = ("/subscriptions/" + req.param("sub") + "/resourceGroups/" + req.param("rg")
                + "/providers/Microsoft.Insights/components/" + req.param("name")).toLowerCase(Locale.ROOT);
        if (!components.contains(component)) {
            return logsError(404, "ResourceNotFoundError", "The resource " + component + " was not found");
        }
        accumulate();
        JsonNode body = req.json();
        String kql = body.path("query").asText("");
        Matcher revision = QUERY_REVISION.matcher(kql);
        Matcher window = QUERY_SPAN.matcher(kql);
        if (!kql.strip().startsWith("requests") || !revision.find() || !window.find() || !kql.contains("summarize")) {
            return logsError(400, "BadArgumentError", "The simulator answers the promoter's requests summary only, not: " + kql);
        }
        Instant[] span = span(window.group(1) + "/" + window.group(2));
        double requests = 0;
        double errors = 0;
        TreeMap<Long, Double> latencies = new TreeMap<>();
        for (Bucket b : buckets(revision.group(1), span).values()) {
            requests += b.requests;
            errors += b.errors;
            b.byLatencyMillis.forEach((ms, count) -> latencies.merge(ms, count, Double::sum));
        }
        long total = Math.round(requests);
        long failed = Math.min(total, Math.round(errors));
        ObjectNode out = Json.object();
        ObjectNode table = out.putArray("tables").addObject();
        table.put("name", "PrimaryResult");
        ArrayNode columns = table.putArray("columns");
        column(columns, "total", "long");
        column(columns, "failed", "long");
        column(columns, "p95", "real");
        ArrayNode row = table.putArray("rows").addArray();
        row.add(total);
        row.add(failed);
        if (total == 0) {
            row.addNull();
        } else {
            double seen = 0;
            long p95 = latencies.lastKey();
            for (Map.Entry<Long, Double> e : latencies.entrySet()) {
                seen += e.getValue();
                if (seen >= 0.95 * requests) {
                    p95 = e.getKey();
                    break;
                }
            }
            row.add((double) p95);
        }
        return SimResponse.json(200, out);
    }

    private static void column(ArrayNode columns, String name, String type) {
        ObjectNode c = columns.addObject();
        c.put("name", name);
        c.put("type", type);
    }

    private static SimResponse logsError(int status, String code, String message) {
        ObjectNode body = Json.object();
        ObjectNode error = body.putObject("error");
        error.put("message", message);
        error.put("code", code);
        return SimResponse.json(status, body);
    }
}
