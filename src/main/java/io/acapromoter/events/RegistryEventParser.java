package io.acapromoter.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.acapromoter.domain.Digest;
import io.acapromoter.domain.InvalidReferenceException;
import io.acapromoter.domain.RegistryEvent;
import io.acapromoter.domain.RegistryEventType;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Reads container registry events in the Event Grid schema or CloudEvents 1.0, one event or an
 * array, in one Jackson pass: the body becomes one tree and each element is read from it, never
 * serialized and parsed again. The envelope rules are those of {@code azure-messaging-eventgrid}
 * ({@code EventGridEvent.fromString}: {@code subject}, {@code eventType}, {@code data} and
 * {@code dataVersion} are mandatory) and azure-core ({@code CloudEvent.fromString}: {@code id},
 * {@code source}, {@code type}); the data fields are those of its {@code ContainerRegistryEventData}.
 * {@code RegistryEventParserParityTest} holds the two readings side by side on every fixture.
 * Each element is parsed on its own so that one bad element does not hide the others; a problem
 * is reported with the field that caused it.
 */
public final class RegistryEventParser {

    /** Event Grid delivers at most 5,000 events per batch. */
    static final int MAX_EVENTS = 5000;

    private RegistryEventParser() {
    }

    public static List<ParsedEvent> parse(String body) {
        // Bounded first (size, nesting, duplicate keys), then every field the code reads is type-checked below.
        BoundedJson.Result read = BoundedJson.read(body);
        if (!read.ok()) {
            return List.of(new ParsedEvent.Unreadable("?", read.problem().equals("empty body")
                    ? "empty body: expected an event or an array of events" : read.problem()));
        }
        JsonNode root = read.root();
        if (root.size() > MAX_EVENTS && root.isArray()) {
            return List.of(new ParsedEvent.Unreadable("?", "batch of " + root.size() + " events; Event Grid sends at most "
                    + MAX_EVENTS));
        }
        if (!root.isArray()) {
            return List.of(parseOne(root, ""));
        }
        if (root.isEmpty()) {
            return List.of(new ParsedEvent.Unreadable("?", "empty array: no events"));
        }
        List<ParsedEvent> out = new ArrayList<>(root.size());
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
        String type;
        JsonNode data;
        OffsetDateTime time;
        try {
            if (cloudEvent) {
                requireText(node, List.of("id", "source", "type"), "a CloudEvent");
                type = node.get("type").asText();
                data = cloudEventData(node);
                time = dateTime(node.get("time"), "time");
            } else {
                requireText(node, List.of("subject", "eventType", "dataVersion"), "an Event Grid event");
                if (node.get("data") == null || node.get("data").isNull()) {
                    throw new IllegalArgumentException("'data' is mandatory for an Event Grid event");
                }
                type = node.get("eventType").asText();
                data = node.get("data");
                time = dateTime(node.get("eventTime"), "eventTime");
            }
        } catch (IllegalArgumentException e) {
            return new ParsedEvent.Unreadable(id, prefix + (cloudEvent ? "invalid CloudEvent: " : "invalid Event Grid event: ")
                    + e.getMessage());
        }
        Optional<RegistryEventType> registryType = RegistryEventType.fromEventType(type);
        if (registryType.isEmpty()) {
            return new ParsedEvent.Foreign(id, type);
        }
        if (data == null || data.isNull()) {
            return new ParsedEvent.Unreadable(id, prefix + "data is missing");
        }
        if (!data.isObject()) {
            return new ParsedEvent.Unreadable(id, prefix + "data is not a container registry event: expected a JSON object");
        }
        try {
            return toRegistryEvent(id, registryType.get(), data, time, prefix);
        } catch (IllegalArgumentException e) {
            return new ParsedEvent.Unreadable(id, prefix + "data is not a container registry event: " + e.getMessage());
        }
    }

    private static ParsedEvent toRegistryEvent(String id, RegistryEventType type, JsonNode data, OffsetDateTime eventTime,
                                               String prefix) {
        JsonNode target = object(data, "target", "data.target");
        if (target == null) {
            return new ParsedEvent.Unreadable(id, prefix + "data.target is missing");
        }
        String repository = text(target, "repository", "data.target.repository");
        if (isBlank(repository)) {
            return new ParsedEvent.Unreadable(id, prefix + "data.target.repository is missing");
        }
        JsonNode request = object(data, "request", "data.request");
        String host = request == null ? null : text(request, "host", "data.request.host");
        if (isBlank(host)) {
            return new ParsedEvent.Unreadable(id, prefix + "data.request.host is missing (needed to know the registry)");
        }
        String digestText = text(target, "digest", "data.target.digest");
        Optional<Digest> digest = Optional.empty();
        if (!isBlank(digestText)) {
            try {
                digest = Optional.of(Digest.parse(digestText));
            } catch (InvalidReferenceException e) {
                return new ParsedEvent.Unreadable(id, prefix + "data.target.digest: " + e.getMessage());
            }
        } else if (type == RegistryEventType.IMAGE_PUSHED) {
            return new ParsedEvent.Unreadable(id, prefix + "data.target.digest is missing");
        }
        OffsetDateTime pushed = dateTime(data.get("timestamp"), "data.timestamp");
        OffsetDateTime stamp = pushed != null ? pushed : eventTime;
        Instant timestamp = stamp == null ? Instant.EPOCH : stamp.toInstant();
        JsonNode actorNode = object(data, "actor", "data.actor");
        Optional<String> actor = actorNode == null ? Optional.empty()
                : Optional.ofNullable(text(actorNode, "name", "data.actor.name")).filter(a -> !a.isBlank());
        return new ParsedEvent.Registry(new RegistryEvent(id, type, host.strip(), repository,
                Optional.ofNullable(text(target, "tag", "data.target.tag")).filter(t -> !t.isBlank()), digest,
                Optional.ofNullable(text(target, "mediaType", "data.target.mediaType")).filter(m -> !m.isBlank()), actor,
                timestamp));
    }

    /** CloudEvents carry JSON data as {@code data}, binary data as {@code data_base64}. */
    private static JsonNode cloudEventData(JsonNode node) {
        JsonNode base64 = node.get("data_base64");
        if (base64 == null || base64.isNull()) {
            return node.get("data");
        }
        if (!base64.isTextual()) {
            throw new IllegalArgumentException("'data_base64' must be a string");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'data_base64' is not base64-encoded JSON");
        }
        BoundedJson.Result read = BoundedJson.read(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        if (!read.ok()) {
            throw new IllegalArgumentException("'data_base64' is not base64-encoded JSON: " + read.problem());
        }
        return read.root();
    }

    private static void requireText(JsonNode node, List<String> names, String what) {
        List<String> missing = names.stream().filter(n -> node.get(n) == null || node.get(n).isNull()).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", missing.stream().map(n -> "'" + n + "'").toList())
                    + (missing.size() == 1 ? " is" : " are") + " mandatory for " + what);
        }
        for (String n : names) {
            if (!node.get(n).isTextual()) {
                throw new IllegalArgumentException("'" + n + "' must be a string");
            }
        }
    }

    private static JsonNode object(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(path + " must be an object");
        }
        return node;
    }

    private static String text(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException(path + " must be a string");
        }
        return node.asText();
    }

    /** ISO-8601 with an offset, as Event Grid writes it; a time without one is read as UTC, as azure-core does. */
    private static OffsetDateTime dateTime(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException(path + " must be a date-time string");
        }
        String text = node.asText();
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                throw new IllegalArgumentException(path + " is not an ISO-8601 date-time: '" + text + "'");
            }
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
