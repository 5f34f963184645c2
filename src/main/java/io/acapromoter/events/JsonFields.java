package io.acapromoter.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Typed reads of inbound JSON, each naming the field's path when the value has the wrong type, so a
 * poison value is refused here, with a plain reason, before any library model sees it.
 */
final class JsonFields {

    /** Longer than any name, tag, host or id a registry or Event Grid writes; keeps logs and pages bounded. */
    static final int MAX_TEXT = 1024;

    private JsonFields() {
    }

    /** The string at {@code field}, empty when absent, null or blank; a non-string is refused. */
    static Optional<String> optionalString(JsonNode object, String field, String path) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new WrongShape(path + " must be a string, was " + kind(value));
        }
        String text = value.asText();
        if (text.length() > MAX_TEXT) {
            throw new WrongShape(path + " is " + text.length() + " characters long, at most " + MAX_TEXT);
        }
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    static String requiredString(JsonNode object, String field, String path) {
        return optionalString(object, field, path).orElseThrow(() -> new WrongShape(path + " is missing"));
    }

    /** The object at {@code field}, a missing node when absent or null; any other type is refused. */
    static JsonNode optionalObject(JsonNode object, String field, String path) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return MissingNode.getInstance();
        }
        if (!value.isObject()) {
            throw new WrongShape(path + " must be an object, was " + kind(value));
        }
        return value;
    }

    static JsonNode requiredObject(JsonNode object, String field, String path) {
        JsonNode value = optionalObject(object, field, path);
        if (value.isMissingNode()) {
            throw new WrongShape(path + " is missing");
        }
        return value;
    }

    /** An RFC 3339 time, as Event Grid and ACR write them. */
    static Optional<OffsetDateTime> optionalTime(JsonNode object, String field, String path) {
        Optional<String> text = optionalString(object, field, path);
        try {
            return text.map(OffsetDateTime::parse);
        } catch (DateTimeParseException e) {
            throw new WrongShape(path + " '" + text.get() + "' is not an RFC 3339 time (e.g. 2024-05-01T12:00:00Z)");
        }
    }

    static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> value.isEmpty() ? "an empty array" : "an array";
            case OBJECT -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> value.asText();
            case NULL -> "null";
            case STRING -> "a string";
            default -> "a " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " value";
        };
    }

    /** A value of the wrong type or size; the message names the field. Cheap: no stack trace. */
    static final class WrongShape extends RuntimeException {
        WrongShape(String message) {
            super(message, null, false, false);
        }
    }
}
