package io.acapromoter.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acapromoter.domain.RevisionTraffic;
import io.acapromoter.ports.AzureOperationException;
import io.acapromoter.ports.Metrics;
import io.acapromoter.ports.TrafficQuery;

import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * {@link Metrics} on Azure Monitor, called through the same azure-core pipeline (JDK HTTP client, retries on 429 and
 * 5xx, bearer token from the managed identity) as the ARM adapters. No monitor SDK: no stable
 * {@code azure-monitor-query} is served here, and its models would see Azure's JSON unchecked; every field read here
 * is shape-checked first.
 * <ul>
 * <li>Platform metrics ({@code GET <app id>/providers/Microsoft.Insights/metrics}, api-version 2023-10-01): the
 * {@code Requests} metric (Total, split by {@code statusCodeCategory}, filtered on {@code revisionName}) and
 * {@code RestartCount} (Maximum), one data point over the whole span ({@code interval=FULL}).</li>
 * <li>Where the target names an Application Insights resource: the Logs query API
 * ({@code POST https://api.loganalytics.io/v1/<component id>/query}) over its {@code requests} table, where a request's
 * {@code cloud_RoleInstance} is the replica name {@code <revision>-<pod suffix>}: requests, 5xx answers and the 95th
 * percentile of {@code duration}, weighted by {@code itemCount} (sampling).</li>
 * </ul>
 */
public final class AzureMonitorMetrics implements Metrics {

    static final String API_VERSION = "2023-10-01";
    /** Revision names are DNS labels; checked before they are put in a filter or a query. */
    private static final Pattern REVISION = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
    private static final int MAX_BODY = 4 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private final HttpPipeline arm;
    private final String armEndpoint;
    private final HttpPipeline logs;
    private final String logsEndpoint;

    AzureMonitorMetrics(HttpPipeline arm, String armEndpoint, HttpPipeline logs, String logsEndpoint) {
        this.arm = arm;
        this.armEndpoint = slash(armEndpoint);
        this.logs = logs;
        this.logsEndpoint = slash(logsEndpoint);
    }

    @Override
    public RevisionTraffic measure(TrafficQuery q) {
        if (!REVISION.matcher(q.revision()).matches()) {
            throw new IllegalArgumentException("'" + q.revision() + "' is not a revision name");
        }
        try {
            return read(q);
        } catch (ShapeException e) {
            throw shape("Azure Monitor query", q.applicationInsights().orElse(q.appResourceId()), e.getMessage());
        }
    }

    private RevisionTraffic read(TrafficQuery q) {
        OptionalInt restarts = q.restarts() ? OptionalInt.of(restarts(q)) : OptionalInt.empty();
        if (q.applicationInsights().isPresent()) {
            return requestsTable(q, q.applicationInsights().get(), restarts);
        }
        JsonNode metric = metric(q, "Requests", "Total", "revisionName eq '" + q.revision() + "' and statusCodeCategory eq '*'");
        long requests = 0;
        long errors = 0;
        for (JsonNode series : array(metric, "timeseries", "Requests")) {
            long total = Math.round(sum(series, "total"));
            requests += total;
            if ("5xx".equalsIgnoreCase(dimension(series, "statusCodeCategory"))) {
                errors += total;
            }
        }
        return new RevisionTraffic(q.revision(), requests, errors, OptionalDouble.empty(), restarts,
                "Azure Monitor metrics");
    }

    private int restarts(TrafficQuery q) {
        JsonNode metric = metric(q, "RestartCount", "Maximum", "revisionName eq '" + q.revision() + "'");
        double max = 0;
        for (JsonNode series : array(metric, "timeseries", "RestartCount")) {
            for (JsonNode point : array(series, "data", "RestartCount timeseries")) {
                JsonNode value = point.get("maximum");
                if (value != null && !value.isNull()) {
                    max = Math.max(max, number(value, "RestartCount data.maximum"));
                }
            }
        }
        return (int) Math.round(max);
    }

    /** One metric's entry of a metrics answer, with its {@code errorCode} checked. */
    private JsonNode metric(TrafficQuery q, String name, String aggregation, String filter) {
        String url = armEndpoint + strip(q.appResourceId()) + "/providers/Microsoft.Insights/metrics?api-version=" + API_VERSION
                + "&metricnames=" + name + "&aggregation=" + aggregation + "&interval=FULL"
                + "&timespan=" + encode(q.from() + "/" + q.to()) + "&$filter=" + encode(filter);
        JsonNode root = send(arm, new HttpRequest(HttpMethod.GET, url), "Metrics_List " + name, q.appResourceId());
        for (JsonNode entry : array(root, "value", "the metrics answer")) {
            String entryName = text(entry.path("name"), "value", "metric name");
            if (!entryName.equalsIgnoreCase(name)) {
                continue;
            }
            JsonNode code = entry.get("errorCode");
            if (code != null && code.isTextual() && !code.asText().equalsIgnoreCase("Success")) {
                throw new AzureOperationException("Metrics_List " + name, q.appResourceId(), 200, false, code.asText() + ": "
                        + entry.path("errorMessage").asText(""), null);
            }
            return entry;
        }
        throw shape("Metrics_List " + name, q.appResourceId(), "no entry for metric " + name + " in the answer");
    }

    private RevisionTraffic requestsTable(TrafficQuery q, String component, OptionalInt restarts) {
        ObjectNode body = JSON.createObjectNode();
        body.put("query", requestsQuery(q));
        body.put("timespan", q.from() + "/" + q.to());
        HttpRequest request = new HttpRequest(HttpMethod.POST, logsEndpoint + "v1" + (component.startsWith("/") ? "" : "/")
                + component + "/query")
                .setHeader(HttpHeaderName.CONTENT_TYPE, "application/json")
                .setBody(body.toString().getBytes(StandardCharsets.UTF_8));
        JsonNode root = send(logs, request, "Query_ExecuteWithResourceId", component);
        if (root.hasNonNull("error")) {
            throw new AzureOperationException("Query_ExecuteWithResourceId", component, 200, true, "partial result: "
                    + root.path("error").path("message").asText(root.path("error").toString()), null);
        }
        JsonNode table = array(root, "tables", "the query answer").stream().findFirst()
                .orElseThrow(() -> shape("Query_ExecuteWithResourceId", component, "no table in the answer"));
        Map<String, Integer> columns = new HashMap<>();
        int i = 0;
        for (JsonNode column : array(table, "columns", "the result table")) {
            columns.put(text(column, "name", "column name"), i++);
        }
        for (String wanted : new String[] {"total", "failed", "p95"}) {
            if (!columns.containsKey(wanted)) {
                throw shape("Query_ExecuteWithResourceId", component, "no column '" + wanted + "' in the answer");
            }
        }
        java.util.List<JsonNode> rows = array(table, "rows", "the result table");
        if (rows.isEmpty()) {
            return new RevisionTraffic(q.revision(), 0, 0, OptionalDouble.empty(), restarts, "Application Insights requests");
        }
        JsonNode row = rows.get(0);
        if (!row.isArray() || row.size() != columns.size()) {
            throw shape("Query_ExecuteWithResourceId", component, "a row does not match the columns");
        }
        long total = Math.round(orZero(row.get(columns.get("total")), "total"));
        long failed = Math.round(orZero(row.get(columns.get("failed")), "failed"));
        JsonNode p95 = row.get(columns.get("p95"));
        OptionalDouble percentile = p95 == null || p95.isNull() || total == 0 ? OptionalDouble.empty()
                : OptionalDouble.of(number(p95, "p95"));
        if (failed > total) {
            throw shape("Query_ExecuteWithResourceId", component, "more failed requests (" + failed + ") than requests (" + total + ")");
        }
        return new RevisionTraffic(q.revision(), total, failed, percentile, restarts, "Application Insights requests");
    }

    /** The KQL: a replica's name (cloud_RoleInstance) starts with its revision's name and a dash. */
    static String requestsQuery(TrafficQuery q) {
        return "requests\n"
                + "| where timestamp >= datetime(" + q.from() + ") and timestamp < datetime(" + q.to() + ")\n"
                + "| where cloud_RoleInstance startswith '" + q.revision() + "-'\n"
                + "| summarize total = sum(itemCount), failed = sumif(itemCount, toint(resultCode) >= 500), "
                + "p95 = percentile(duration, 95)";
    }

    private static JsonNode send(HttpPipeline pipeline, HttpRequest request, String operation, String resource) {
        try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
            byte[] bytes = response.getBodyAsBinaryData() == null ? new byte[0] : response.getBodyAsBinaryData().toBytes();
            int status = response.getStatusCode();
            if (status >= 400) {
                boolean retry = status == 408 || status == 429 || status >= 500;
                throw new AzureOperationException(operation, resource, status, retry, errorMessage(bytes), null);
            }
            if (bytes.length > MAX_BODY) {
                throw shape(operation, resource, "the answer is " + bytes.length + " bytes, more than " + MAX_BODY);
            }
            JsonNode root = JSON.readTree(bytes);
            if (root == null || !root.isObject()) {
                throw shape(operation, resource, "the answer is not a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw shape(operation, resource, "the answer is not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            if (e instanceof AzureOperationException) {
                throw e;
            }
            throw new AzureOperationException(operation, resource, 0, true, e.getMessage(), e);
        }
    }

    private static String errorMessage(byte[] body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (error.isObject()) {
                return error.path("code").asText("") + ": " + error.path("message").asText("");
            }
        } catch (java.io.IOException | RuntimeException notJson) {
            // fall through to the text
        }
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static java.util.List<JsonNode> array(JsonNode parent, String field, String where) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return java.util.List.of();
        }
        if (!node.isArray()) {
            throw new ShapeException(where + "." + field + " is not a list");
        }
        java.util.List<JsonNode> out = new java.util.ArrayList<>();
        node.forEach(item -> {
            if (!item.isObject() && !item.isArray()) {
                throw new ShapeException(where + "." + field + " holds " + item.getNodeType() + ", not objects");
            }
            out.add(item);
        });
        return out;
    }

    private static String text(JsonNode parent, String field, String what) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual()) {
            throw new ShapeException(what + " is not text");
        }
        return node.asText();
    }

    private static double number(JsonNode node, String what) {
        if (!node.isNumber()) {
            throw new ShapeException(what + " is " + node.getNodeType() + ", not a number");
        }
        double value = node.asDouble();
        if (!Double.isFinite(value) || value < 0) {
            throw new ShapeException(what + " is " + value);
        }
        return value;
    }

    private static double orZero(JsonNode node, String what) {
        return node == null || node.isNull() ? 0 : number(node, what);
    }

    /** The sum of one aggregation over a time series' points (a point without a value had no data). */
    private static double sum(JsonNode series, String aggregation) {
        double total = 0;
        for (JsonNode point : array(series, "data", "timeseries")) {
            JsonNode value = point.get(aggregation);
            if (value != null && !value.isNull()) {
                total += number(value, "data." + aggregation);
            }
        }
        return total;
    }

    /** A series' dimension value; Azure answers dimension names in its own case (e.g. lower case). */
    private static String dimension(JsonNode series, String name) {
        for (JsonNode meta : array(series, "metadatavalues", "timeseries")) {
            if (text(meta.path("name"), "value", "dimension name").equalsIgnoreCase(name)) {
                JsonNode value = meta.get("value");
                return value == null || !value.isTextual() ? "" : value.asText();
            }
        }
        return "";
    }

    private static AzureOperationException shape(String operation, String resource, String problem) {
        return new AzureOperationException(operation, resource, 200, false, "unexpected answer: " + problem, null);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String strip(String resourceId) {
        return resourceId.startsWith("/") ? resourceId.substring(1) : resourceId;
    }

    private static String slash(String endpoint) {
        return endpoint.endsWith("/") ? endpoint : endpoint + "/";
    }

    /** A field of Azure's answer that is not what the documented shape says; reported as an unexpected answer. */
    private static final class ShapeException extends RuntimeException {
        ShapeException(String message) {
            super(message);
        }
    }
}
