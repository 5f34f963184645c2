package io.acapromoter.status;

import java.util.Map;

/** An HTTP answer independent of the hosting (Functions or the local server). */
public record Reply(int status, String contentType, String body, Map<String, String> headers) {

    public Reply {
        headers = Map.copyOf(headers);
    }

    static Reply of(int status, String contentType, String body) {
        return new Reply(status, contentType, body, Map.of("Cache-Control", "no-store",
                "X-Content-Type-Options", "nosniff"));
    }
}
