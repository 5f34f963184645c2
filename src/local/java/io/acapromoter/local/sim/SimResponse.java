package io.acapromoter.local.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a route answers. Mutable only while a handler builds it. */
final class SimResponse {
    final int status;
    final Map<String, String> headers = new LinkedHashMap<>();
    final byte[] body;

    SimResponse(int status, byte[] body, String contentType) {
        this.status = status;
        this.body = body == null ? new byte[0] : body;
        if (contentType != null && this.body.length > 0) {
            headers.put("Content-Type", contentType);
        }
    }

    static SimResponse json(int status, JsonNode body) {
        return new SimResponse(status, Json.bytes(body), "application/json; charset=utf-8");
    }

    static SimResponse empty(int status) {
        return new SimResponse(status, null, null);
    }

    static SimResponse text(int status, String body) {
        return new SimResponse(status, body.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    static SimResponse armError(int status, String code, String message) {
        ObjectNode body = Json.object();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return json(status, body);
    }

    SimResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
