package io.acapromoter.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The one way inbound payloads become JSON trees: bounded in size, nesting, string and number length,
 * and strict about duplicate keys (two readers must never see two different events in one body).
 * Event Grid delivers at most 1 MB per request; nothing the code reads is nested more than a few levels.
 */
public final class BoundedJson {

    /** Event Grid's limit for one delivery (a batch of events, or one CloudEvent). */
    public static final int MAX_CHARS = 1024 * 1024;
    /** Envelope → data → target → field is four levels; a Defender export in an Event Grid batch is under ten. */
    static final int MAX_DEPTH = 32;
    static final int MAX_NUMBER_LENGTH = 64;

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxStringLength(MAX_CHARS)
                    .maxDocumentLength(MAX_CHARS * 4L)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private BoundedJson() {
    }

    /** Why {@code body} is not JSON at all (empty, too large, too deep, malformed), or empty when it is. */
    public static java.util.Optional<String> problem(String body) {
        return java.util.Optional.ofNullable(read(body).problem());
    }

    /** The tree of {@code body}, or why it is not one (too large, too deep, malformed). */
    static Result read(String body) {
        if (body == null || body.isBlank()) {
            return new Result(null, "empty body");
        }
        if (body.length() > MAX_CHARS) {
            return new Result(null, "body is " + body.length() + " characters, more than the " + MAX_CHARS
                    + " Event Grid delivers at most");
        }
        try {
            JsonNode root = JsonTrees.read(JSON.createParser(body), true);
            return root == null ? new Result(null, "empty body") : new Result(root, null);
        } catch (JsonProcessingException e) {
            return new Result(null, MalformedJson.describe(e));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("reading a string cannot fail", e);
        }
    }

    /** A tree, or the problem. */
    record Result(JsonNode root, String problem) {
        boolean ok() {
            return root != null;
        }
    }
}
