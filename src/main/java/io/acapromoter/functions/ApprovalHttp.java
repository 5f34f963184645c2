package io.acapromoter.functions;

import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import io.acapromoter.approval.Response;

import java.util.Map;

/** Turns an approval {@link Response} into a Functions response, and finds the client address. */
final class ApprovalHttp {

    private ApprovalHttp() {
    }

    static HttpResponseMessage respond(HttpRequestMessage<?> request, Response response) {
        HttpResponseMessage.Builder builder = request.createResponseBuilder(HttpStatusType.custom(response.status()));
        response.headers().forEach(builder::header);
        return builder.body(response.body()).build();
    }

    /**
     * The client address for the audit trail: App Service puts it first in {@code X-Forwarded-For}
     * (as {@code address:port}); the port is dropped.
     */
    static String source(Map<String, String> headers) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if ("x-forwarded-for".equalsIgnoreCase(e.getKey()) && e.getValue() != null && !e.getValue().isBlank()) {
                String first = e.getValue().split(",")[0].strip();
                if (first.matches("\\d{1,3}(\\.\\d{1,3}){3}:\\d+")) {
                    return first.substring(0, first.indexOf(':'));
                }
                if (first.startsWith("[") && first.contains("]")) {
                    return first.substring(1, first.indexOf(']'));
                }
                return first;
            }
        }
        return "unknown";
    }
}
