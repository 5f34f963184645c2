package io.acapromoter.approval;

import java.util.Map;

/**
 * An HTTP answer of the approval routes, independent of any server API.
 *
 * @param status  HTTP status
 * @param headers response headers (content type and security headers)
 * @param body    the HTML page
 */
public record Response(int status, Map<String, String> headers, String body) {

    public Response {
        headers = Map.copyOf(headers);
    }
}
