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
     * The client address for the audit trail: the last {@code X-Forwarded-For} entry, the one the
     * platform's front end added ({@code address:port}; the port is dropped). Earlier entries come
     * from the client and may be anything.
     */
    static String source(Map<String, String> headers) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if ("x-forwarded-for".equalsIgnoreCase(e.getKey()) && e.getValue() != null && !e.getValue().isBlank()) {
                String[] hops = e.getValue().split(",");
                String last = hops[hops.length - 1].strip();
                if (last.matches("\\d{1,3}(\\.\\d{1,3}){3}:\\d+")) {
                    return last.substring(0, last.indexOf(':'));
                }
                if (last.startsWith("[") && last.contains("]")) {
                    return last.substring(1, last.indexOf(']'));
                }
                return last;
            }
        }
        return "unknown";
    }
}
