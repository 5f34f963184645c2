package io.acapromoter.local.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An error in the registry's own format: {@code {"errors":[{"code","message","detail"}]}}. */
final class DataPlaneException extends RuntimeException {
    final int status;
    final String code;

    DataPlaneException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    SimResponse response() {
        return body(status, code, getMessage());
    }

    static SimResponse body(int status, String code, String message) {
        ObjectNode body = Json.object();
        ObjectNode e = body.putArray("errors").addObject();
        e.put("code", code);
        e.put("message", message);
        e.putNull("detail");
        return SimResponse.json(status, body);
    }
}
