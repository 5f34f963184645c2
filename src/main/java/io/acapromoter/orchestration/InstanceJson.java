package io.acapromoter.orchestration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.acapromoter.logging.Log;
import io.acapromoter.logging.LogLine;

import java.util.Optional;

/**
 * Reads the JSON an orchestration store keeps (inputs, custom status, outputs) back into payload
 * records. Lenient on unknown fields, so instances started by an older version still read; a
 * value that does not read is empty, and callers skip that instance; what was dropped and why is
 * logged with the instance id.
 */
public final class InstanceJson {

    /**
     * Enums read in any case: payloads written before a field was typed hold the lower-case wire
     * word ({@code "approve"}) where they now hold the constant's name.
     */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private InstanceJson() {
    }

    public static <T> Optional<T> read(String instanceId, Optional<String> json, Class<T> type) {
        if (json.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JSON.readValue(json.get(), type));
        } catch (JsonProcessingException e) {
            Log.of(InstanceJson.class).warning(LogLine.of("store.unreadable").with("instance", instanceId)
                    .with("type", type.getSimpleName()).with("reason", e.getOriginalMessage()).toString());
            return Optional.empty();
        }
    }

    /** {@code node} read as {@code type} the same lenient way; empty when it does not read. */
    public static <T> Optional<T> convert(JsonNode node, Class<T> type) {
        try {
            return Optional.ofNullable(JSON.treeToValue(node, type));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
