package io.acapromoter.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Defender for Cloud container registry findings as they reach {@code OnVulnerabilityFinding}:
 * a sub-assessment, an array of them, a REST list ({@code {"value": [...]}}), a Resource Graph query response
 * ({@code {"totalRecords": …, "data": [...]}}, as the sweep gets it), the continuous-export /
 * workflow-automation envelope (the sub-assessment resource with a {@code SubAssessmentEventDataEnrichment}
 * block), each possibly carried in the {@code data} of an Event Grid event or a CloudEvent (one or an array).
 * Defender publishes no Event Grid events of its own; a Logic App forwards these to a custom topic, so the
 * event type is not trusted and the content decides. Each element is read on its own: one bad element never
 * hides the others.
 */
public final class FindingParser {

    /** Event Grid data wrapping an array wrapping a list: deeper nesting is not something Defender sends. */
    private static final int MAX_DEPTH = 4;
    private static final String VALIDATION_EVENT = "Microsoft.EventGrid.SubscriptionValidationEvent";

    private FindingParser() {
    }

    /** One result per sub-assessment (one per CVE for a legacy one), in payload order; bad input gives {@code Unreadable}, never an exception. */
    public static List<ParsedFinding> parse(String body) {
        BoundedJson.Result read = BoundedJson.read(body);
        if (!read.ok()) {
            return List.of(new ParsedFinding.Unreadable("?", read.problem().equals("empty body")
                    ? "empty body: expected a sub-assessment or an array of them" : read.problem()));
        }
        List<ParsedFinding> out = new ArrayList<>();
        unwrap(read.root(), "", 0, out);
        if (out.isEmpty()) {
            out.add(new ParsedFinding.Unreadable("?", "no sub-assessments in the payload (empty array or list)"));
        }
        return out;
    }

    /**
     * Whether a payload carries sub-assessments rather than container registry events, judged by content
     * (used by {@code explain-event} to pick the parser). Malformed JSON is not findings.
     */
    public static boolean looksLikeFindings(String body) {
        BoundedJson.Result read = BoundedJson.read(body);
        try {
            return read.ok() && looksLikeFindings(read.root(), 0);
        } catch (JsonFields.WrongShape e) {
            return false;
        }
    }

    private static boolean looksLikeFindings(JsonNode node, int depth) {
        if (node == null || depth > MAX_DEPTH) {
            return false;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (looksLikeFindings(element, depth + 1)) {
                    return true;
                }
            }
            return false;
        }
        if (!node.isObject()) {
            return false;
        }
        Optional<String> envelope = envelopeKind(node);
        if (envelope.isPresent()) {
            String type = SubAssessmentReader.text(node, envelope.get().equals("cloudevent") ? "type" : "eventType").orElse("");
            return !type.startsWith("Microsoft.ContainerRegistry.") && looksLikeFindings(dataOf(node).orElse(null), depth + 1);
        }
        if (node.path("value").isArray()) {
            return looksLikeFindings(node.get("value"), depth + 1);
        }
        if (isResourceGraphResponse(node)) {
            return looksLikeFindings(node.get("data"), depth + 1);
        }
        String type = SubAssessmentReader.text(node, "type").orElse("");
        return type.equalsIgnoreCase(SubAssessmentReader.SUB_ASSESSMENT_TYPE)
                || node.path("properties").path("additionalData").has("assessedResourceType");
    }

    private static void unwrap(JsonNode node, String where, int depth, List<ParsedFinding> out) {
        try {
            unwrapChecked(node, where, depth, out);
        } catch (JsonFields.WrongShape e) {
            out.add(new ParsedFinding.Unreadable(SubAssessmentReader.safeId(node), (where.isEmpty() ? "" : "finding " + where + ": ")
                    + e.getMessage()));
        }
    }

    private static void unwrapChecked(JsonNode node, String where, int depth, List<ParsedFinding> out) {
        String prefix = where.isEmpty() ? "" : "finding " + where + ": ";
        if (depth > MAX_DEPTH) {
            out.add(new ParsedFinding.Unreadable("?", prefix + "nested more than " + MAX_DEPTH + " levels deep"));
            return;
        }
        if (node.isArray()) {
            if (node.size() > RegistryEventParser.MAX_EVENTS) {
                out.add(new ParsedFinding.Unreadable("?", prefix + "array of " + node.size() + " elements; at most "
                        + RegistryEventParser.MAX_EVENTS + " are read"));
                return;
            }
            for (int i = 0; i < node.size(); i++) {
                unwrap(node.get(i), node.size() == 1 ? where : where + "[" + i + "]", depth + 1, out);
            }
            return;
        }
        if (!node.isObject()) {
            out.add(new ParsedFinding.Unreadable("?", prefix + "not a JSON object"));
            return;
        }
        Optional<String> envelope = envelopeKind(node);
        if (envelope.isPresent()) {
            String eventId = SubAssessmentReader.text(node, "id").orElse("?");
            String eventType = SubAssessmentReader.text(node, envelope.get().equals("cloudevent") ? "type" : "eventType").orElse("");
            if (eventType.equals(VALIDATION_EVENT)) {
                out.add(new ParsedFinding.Skipped(eventId, prefix + "Event Grid subscription validation: answered by the trigger, not a finding"));
                return;
            }
            Optional<JsonNode> data = dataOf(node);
            if (data.isEmpty()) {
                out.add(new ParsedFinding.Unreadable(eventId, prefix + (envelope.get().equals("cloudevent") ? "CloudEvent" : "Event Grid event")
                        + " " + eventId + " has no data"));
                return;
            }
            unwrap(data.get(), where, depth + 1, out);
            return;
        }
        if (isResourceGraphResponse(node)) {
            JsonNode rows = node.get("data");
            if (!rows.isArray()) {
                out.add(new ParsedFinding.Unreadable("?", prefix + "Resource Graph data is not an array of rows"
                        + " (query with resultFormat objectArray, not table)"));
                return;
            }
            unwrap(rows, where, depth, out);
            return;
        }
        if (node.has("value") && !node.has("properties")) {
            if (!node.get("value").isArray()) {
                out.add(new ParsedFinding.Unreadable("?", prefix + "value is not an array of sub-assessments"));
                return;
            }
            unwrap(node.get("value"), where, depth, out);
            return;
        }
        String id = SubAssessmentReader.text(node, "id").or(() -> SubAssessmentReader.text(node, "name")).orElse("?");
        Optional<String> action = exportAction(node);
        if (action.isPresent() && action.get().equalsIgnoreCase("Delete")) {
            out.add(new ParsedFinding.Skipped(id, prefix + "removed by Defender (export action Delete): resolved, not a finding"));
            return;
        }
        try {
            out.addAll(SubAssessmentReader.read(node, prefix));
        } catch (JsonFields.WrongShape e) {
            out.add(new ParsedFinding.Unreadable(id, prefix + e.getMessage()));
        }
    }

    /** A Resource Graph query response: {@code {totalRecords, count, resultTruncated, data: [rows]}}. */
    private static boolean isResourceGraphResponse(JsonNode node) {
        return node.has("data") && !node.has("properties") && (node.has("totalRecords") || node.has("resultTruncated"));
    }

    /** {@code eventgrid} (eventType / dataVersion), {@code cloudevent} (specversion), or empty. */
    private static Optional<String> envelopeKind(JsonNode node) {
        if (node.has("specversion")) {
            return Optional.of("cloudevent");
        }
        if (node.has("eventType") || node.has("dataVersion")) {
            return Optional.of("eventgrid");
        }
        return Optional.empty();
    }

    /** The event's data: JSON, JSON sent as a string by a Logic App, or CloudEvents {@code data_base64}. */
    private static Optional<JsonNode> dataOf(JsonNode event) {
        JsonNode data = event.get("data");
        if (data != null && data.isTextual()) {
            BoundedJson.Result inner = BoundedJson.read(data.asText());
            if (!inner.ok()) {
                throw new JsonFields.WrongShape("data is a string but not JSON: " + inner.problem());
            }
            return Optional.of(inner.root());
        }
        if ((data == null || data.isNull()) && event.path("data_base64").isTextual()) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(event.get("data_base64").asText());
            } catch (IllegalArgumentException e) {
                throw new JsonFields.WrongShape("data_base64 is not base64");
            }
            BoundedJson.Result inner = BoundedJson.read(new String(bytes, StandardCharsets.UTF_8));
            if (!inner.ok()) {
                throw new JsonFields.WrongShape("data_base64 does not hold JSON: " + inner.problem());
            }
            return Optional.of(inner.root());
        }
        return data == null || data.isNull() ? Optional.empty() : Optional.of(data);
    }

    /** Continuous export and workflow automation add {@code SubAssessmentEventDataEnrichment.Action} (Insert or Delete); the casing varies. */
    private static Optional<String> exportAction(JsonNode node) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().toLowerCase(Locale.ROOT).equals("subassessmenteventdataenrichment") && field.getValue().isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> inner = field.getValue().fields(); inner.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = inner.next();
                    if (e.getKey().equalsIgnoreCase("action") && e.getValue().isTextual()) {
                        return Optional.of(e.getValue().asText());
                    }
                }
            }
        }
        return Optional.empty();
    }
}
