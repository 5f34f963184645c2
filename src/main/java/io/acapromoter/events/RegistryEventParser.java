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
        Batch batch = read(body);
        return batch.unreadable().isPresent()
                ? List.of(new ParsedEvent.Unreadable("?", batch.unreadable().get().equals("empty body")
                        ? "empty body: expected an event or an array of events" : batch.unreadable().get()))
                : batch.events();
    }

    /**
     * The events of {@code body}, or why the body is no JSON at all (empty, too large, too deep,
     * malformed, duplicate keys): a webhook answers the latter with 400, and the body is read once.
     */
    public static Batch read(String body) {
        // Bounded first (size, nesting, duplicate keys), then every field the code reads is type-checked below.
        BoundedJson.Result read = BoundedJson.read(body);
        if (!read.ok()) {
            return new Batch(Optional.of(read.problem()), List.of());
        }
        JsonNode root = read.root();
        if (root.size() > MAX_EVENTS && root.isArray()) {
            return new Batch(Optional.empty(), List.of(new ParsedEvent.Unreadable("?", "batch of " + root.size()
                    + " events; Event Grid sends at most " + MAX_EVENTS)));
        }
        if (!root.isArray()) {
            return new Batch(Optional.empty(), List.of(parseOne(root, "")));
        }
        if (root.isEmpty()) {
            return new Batch(Optional.empty(), List.of(new ParsedEvent.Unreadable("?", "empty array: no events")));
        }
        List<ParsedEvent> out = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            out.add(parseOne(root.get(i), root.size() == 1 ? "" : "[" + i + "]"));
        }
        return new Batch(Optional.empty(), out);
    }

    /** What one delivery holds: the body's own problem when it is no JSON at all, else its events (some maybe unreadable). */
    public record Batch(Optional<String> unreadable, List<ParsedEvent> events) {
        public Batch {
            unreadable = java.util.Objects.requireNonNull(unreadable, "unreadable");
            events = List.copyOf(events);
        }
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
        Instant time;
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

    private static ParsedEvent toRegistryEvent(String id, RegistryEventType type, JsonNode data, Instant eventTime,
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
        Instant pushed = dateTime(data.get("timestamp"), "data.timestamp");
        Instant stamp = pushed != null ? pushed : eventTime;
        Instant timestamp = stamp == null ? Instant.EPOCH : stamp;
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
    private static Instant dateTime(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException(path + " must be a date-time string");
        }
        return instant(node.asText(), path);
    }

    /**
     * {@code text} read as {@code OffsetDateTime.parse} reads it, else as a local date-time in UTC. The form Event Grid
     * writes ({@code 2026-11-23T10:00:00.1234567Z}, {@code …+01:00}) is read by {@link #commonForm} without the
     * formatter's machinery (a quarter of a decision's time); every other text goes through the JDK's parsers as before.
     */
    static Instant instant(String text, String path) {
        Instant quick = commonForm(text);
        if (quick != null) {
            return quick;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).atOffset(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException again) {
                throw new IllegalArgumentException(path + " is not an ISO-8601 date-time: '" + text + "'");
            }
        }
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:mm)} with a valid date and time, as an instant; null for any other
     * text (including every invalid one), which the caller hands to the JDK's parsers for the same answer they give.
     */
    static Instant commonForm(String t) {
        int n = t.length();
        if (n < 20 || n > 35 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (t.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                nanos = nanos * 10 + (t.charAt(i++) - '0');
            }
            if (i == start || i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                return null;
            }
            for (int k = i - start; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && t.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (t.charAt(i) == '+' || t.charAt(i) == '-') && t.charAt(i + 3) == ':') {
            int oh = digits(t, i + 1, 2);
            int om = digits(t, i + 4, 2);
            if (oh < 0 || oh > 18 || om < 0 || om > 59 || oh == 18 && om != 0) {
                return null;
            }
            offsetSeconds = (t.charAt(i) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        } else {
            return null;
        }
        long days = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second - offsetSeconds, nanos);
    }

    /** The non-negative number written by {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String t, int from, int count) {
        int value = 0;
        for (int k = from; k < from + count; k++) {
            char c = t.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
