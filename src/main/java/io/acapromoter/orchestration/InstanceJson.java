package io.acapromoter.orchestration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Optional;

/**
 * Reads the JSON an orchestration store keeps (inputs, custom status, outputs) back into payload
 * records. Lenient on unknown fields, so instances started by an older version still read; a
 * value that does not read is empty, and callers skip that instance.
 */
public final class InstanceJson {

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private InstanceJson() {
    }

    public static <T> Optional<T> read(Optional<String> json, Class<T> type) {
        if (json.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JSON.readValue(json.get(), type));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
