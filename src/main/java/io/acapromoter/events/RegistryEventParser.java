package io.acapromoter.events;

import com.azure.core.models.CloudEvent;
import com.azure.core.util.BinaryData;
import com.azure.messaging.eventgrid.EventGridEvent;
import com.azure.messaging.eventgrid.systemevents.ContainerRegistryEventData;
import com.azure.messaging.eventgrid.systemevents.ContainerRegistryEventTarget;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acapromoter.domain.Digest;
import io.acapromoter.domain.InvalidReferenceException;
import io.acapromoter.domain.RegistryEvent;
import io.acapromoter.domain.RegistryEventType;
import io.acapromoter.events.JsonFields.WrongShape;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static io.acapromoter.events.JsonFields.optionalObject;
import static io.acapromoter.events.JsonFields.optionalString;
import static io.acapromoter.events.JsonFields.optionalTime;
import static io.acapromoter.events.JsonFields.requiredObject;
import static io.acapromoter.events.JsonFields.requiredString;

/**
 * Reads container registry events in the Event Grid schema or CloudEvents 1.0, one event or an
 * array. Every field the code reads is shape-checked with Jackson first (type, length; the body's
 * size and nesting are bounded by {@link BoundedJson}); only a copy holding exactly those checked
 * fields reaches the {@code azure-messaging-eventgrid} models, whose generated readers loop for ever
 * on values such as {@code "name": []}. Each element is parsed on its own so that one bad element
 * does not hide the others; a problem is reported with the field that caused it.
 */
public final class RegistryEventParser {

    /** Event Grid delivers at most 5,000 events per batch. */
    static final int MAX_EVENTS = 5000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryEventParser() {
    }

    public static List<ParsedEvent> parse(String body) {
        BoundedJson.Result read = BoundedJson.read(body);
        if (!read.ok()) {
            return List.of(new ParsedEvent.Unreadable("?", read.problem().equals("empty body")
                    ? "empty body: expected an event or an array of events" : read.problem()));
        }
        JsonNode root = read.root();
        if (!root.isArray()) {
            return List.of(parseOne(root, ""));
        }
        if (root.isEmpty()) {
            return List.of(new ParsedEvent.Unreadable("?", "empty array: no events"));
        }
        if (root.size() > MAX_EVENTS) {
            return List.of(new ParsedEvent.Unreadable("?", "batch of " + root.size() + " events; Event Grid sends at most "
                    + MAX_EVENTS));
        }
        List<ParsedEvent> out = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            out.add(parseOne(root.get(i), root.size() == 1 ? "" : "[" + i + "]"));
        }
        return out;
    }

    static ParsedEvent parseOne(JsonNode node, String where) {
        String prefix = where.isEmpty() ? "" : "event " + where + ": ";
        if (!node.isObject()) {
            return new ParsedEvent.Unreadable("?", prefix + "not a JSON object (was " + JsonFields.kind(node) + ")");
        }
        String id = node.path("id").isTextual() && node.get("id").asText().length() <= JsonFields.MAX_TEXT
                ? node.get("id").asText() : "?";
        boolean cloudEvent = node.has("specversion");
        boolean eventGrid = node.has("eventType") || node.has("dataVersion");
        if (!cloudEvent && !eventGrid) {
            return new ParsedEvent.Unreadable(id, prefix
                    + "neither an Event Grid event (eventType, dataVersion) nor a CloudEvent (specversion)");
        }
        try {
            return cloudEvent ? cloudEvent(node, id, prefix) : eventGridEvent(node, id, prefix);
        } catch (WrongShape e) {
            boolean inData = e.getMessage().matches("(?s)data(_base64)?[ .].*");
            return new ParsedEvent.Unreadable(id, prefix + (inData ? "" : cloudEvent ? "invalid CloudEvent: "
                    : "invalid Event Grid event: ") + e.getMessage());
        }
    }

    private static ParsedEvent eventGridEvent(JsonNode node, String id, String prefix) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("id", requiredString(node, "id", "id"));
        envelope.put("subject", optionalString(node, "subject", "subject").orElse(""));
        String type = requiredString(node, "eventType", "eventType");
        envelope.put("eventType", type);
        envelope.put("dataVersion", optionalString(node, "dataVersion", "dataVersion").orElse(""));
        optionalString(node, "metadataVersion", "metadataVersion").ifPresent(v -> envelope.put("metadataVersion", v));
        optionalString(node, "topic", "topic").ifPresent(v -> envelope.put("topic", v));
        OffsetDateTime time = optionalTime(node, "eventTime", "eventTime")
                .orElseThrow(() -> new WrongShape("eventTime is missing"));
        envelope.put("eventTime", time.toString());
        Optional<RegistryEventType> registryType = RegistryEventType.fromEventType(type);
        if (registryType.isEmpty()) {
            return new ParsedEvent.Foreign(id, type);
        }
        JsonNode data = node.get("data");
        if (data == null || data.isNull()) {
            return new ParsedEvent.Unreadable(id, prefix + "data is missing");
        }
        ObjectNode checked = registryData(data, "data");
        envelope.set("data", checked);
        EventGridEvent event = EventGridEvent.fromString(envelope.toString()).get(0);
        return toRegistryEvent(id, registryType.get(), event.getData(), event.getEventTime(), prefix);
    }

    private static ParsedEvent cloudEvent(JsonNode node, String id, String prefix) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("specversion", requiredString(node, "specversion", "specversion"));
        envelope.put("id", requiredString(node, "id", "id"));
        envelope.put("source", requiredString(node, "source", "source"));
        String type = requiredString(node, "type", "type");
        envelope.put("type", type);
        optionalString(node, "subject", "subject").ifPresent(v -> envelope.put("subject", v));
        optionalString(node, "datacontenttype", "datacontenttype").ifPresent(v -> envelope.put("datacontenttype", v));
        optionalTime(node, "time", "time").ifPresent(t -> envelope.put("time", t.toString()));
        Optional<RegistryEventType> registryType = RegistryEventType.fromEventType(type);
        if (registryType.isEmpty()) {
            return new ParsedEvent.Foreign(id, type);
        }
        JsonNode data = node.get("data");
        String dataPath = "data";
        if ((data == null || data.isNull()) && node.has("data_base64")) {
            data = decodeBase64(requiredString(node, "data_base64", "data_base64"));
            dataPath = "data_base64";
        }
        if (data == null || data.isNull()) {
            return new ParsedEvent.Unreadable(id, prefix + "data is missing");
        }
        envelope.set("data", registryData(data, dataPath));
        CloudEvent event = CloudEvent.fromString(envelope.toString()).get(0);
        return toRegistryEvent(id, registryType.get(), event.getData(), event.getTime(), prefix);
    }

    private static JsonNode decodeBase64(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new WrongShape("data_base64 is not base64");
        }
        BoundedJson.Result read = BoundedJson.read(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        if (!read.ok()) {
            throw new WrongShape("data_base64 does not hold JSON: " + read.problem());
        }
        return read.root();
    }

    /**
     * The registry event data reduced to the fields intake reads, each checked for type: what the
     * SDK model is then given cannot surprise it.
     */
    private static ObjectNode registryData(JsonNode data, String path) {
        if (!data.isObject()) {
            throw new WrongShape(path + " must be an object, was " + JsonFields.kind(data));
        }
        ObjectNode out = JSON.createObjectNode();
        optionalString(data, "id", path + ".id").ifPresent(v -> out.put("id", v));
        optionalTime(data, "timestamp", path + ".timestamp").ifPresent(t -> out.put("timestamp", t.toString()));
        optionalString(data, "action", path + ".action").ifPresent(v -> out.put("action", v));
        JsonNode target = requiredObject(data, "target", path + ".target");
        ObjectNode outTarget = out.putObject("target");
        for (String field : List.of("repository", "digest", "tag", "mediaType")) {
            optionalString(target, field, path + ".target." + field).ifPresent(v -> outTarget.put(field, v));
        }
        JsonNode request = optionalObject(data, "request", path + ".request");
        if (!request.isMissingNode()) {
            optionalString(request, "host", path + ".request.host").ifPresent(v -> out.putObject("request").put("host", v));
        }
        JsonNode actor = optionalObject(data, "actor", path + ".actor");
        if (!actor.isMissingNode()) {
            optionalString(actor, "name", path + ".actor.name").ifPresent(v -> out.putObject("actor").put("name", v));
        }
        return out;
    }

    private static ParsedEvent toRegistryEvent(String id, RegistryEventType type, BinaryData data,
                                               OffsetDateTime eventTime, String prefix) {
        ContainerRegistryEventData payload = data.toObject(ContainerRegistryEventData.class);
        ContainerRegistryEventTarget target = payload.getTarget();
        if (isBlank(target.getRepository())) {
            return new ParsedEvent.Unreadable(id, prefix + "data.target.repository is missing");
        }
        String host = payload.getRequest() == null ? null : payload.getRequest().getHost();
        if (isBlank(host)) {
            return new ParsedEvent.Unreadable(id, prefix + "data.request.host is missing (needed to know the registry)");
        }
        Optional<Digest> digest = Optional.empty();
        if (!isBlank(target.getDigest())) {
            try {
                digest = Optional.of(Digest.parse(target.getDigest()));
            } catch (InvalidReferenceException e) {
                return new ParsedEvent.Unreadable(id, prefix + "data.target.digest: " + e.getMessage());
            }
        } else if (type == RegistryEventType.IMAGE_PUSHED) {
            return new ParsedEvent.Unreadable(id, prefix + "data.target.digest is missing");
        }
        OffsetDateTime stamp = payload.getTimestamp() != null ? payload.getTimestamp() : eventTime;
        Instant timestamp = stamp == null ? Instant.EPOCH : stamp.toInstant();
        Optional<String> actor = payload.getActor() == null ? Optional.empty()
                : Optional.ofNullable(payload.getActor().getName()).filter(a -> !a.isBlank());
        return new ParsedEvent.Registry(new RegistryEvent(id, type, host.strip(), target.getRepository(),
                Optional.ofNullable(target.getTag()).filter(t -> !t.isBlank()), digest,
                Optional.ofNullable(target.getMediaType()).filter(m -> !m.isBlank()), actor, timestamp));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
