package io.acapromoter.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.azure.json.JsonProviders;
import com.azure.json.JsonSerializable;
import com.azure.json.JsonWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acapromoter.ports.AzureOperationException;
import io.acapromoter.ports.OperationStatus;
import io.acapromoter.ports.PendingOperation;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;

/**
 * Starts long-running ARM requests without waiting for them, and asks later how they went. The SDK's
 * {@code begin*} pollers cannot be kept across activity invocations, so the request goes through
 * the SDK client's own pipeline (credential, retries on 429/5xx, logging) with the body written by
 * the SDK's own model, and the operation's URL is kept instead.
 */
final class ArmOperations {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ArmOperations() {
    }

    /** What a started request answered: the final body (200) or the operation to watch (201/202). */
    record Started(Optional<JsonNode> body, Optional<PendingOperation> operation) {
    }

    static Started send(HttpPipeline pipeline, String endpoint, String apiVersion, HttpMethod method, String resourceId,
                        JsonSerializable<?> body, String what) {
        String url = stripSlash(endpoint) + resourceId + "?api-version=" + apiVersion;
        HttpRequest request = new HttpRequest(method, url).setHeader(HttpHeaderName.CONTENT_TYPE, "application/json")
                .setHeader(HttpHeaderName.ACCEPT, "application/json").setBody(write(body));
        return AzureErrors.call(what, resourceId, () -> {
            try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
                String text = response.getBodyAsBinaryData() == null ? "" : response.getBodyAsBinaryData().toString();
                if (response.getStatusCode() >= 400) {
                    throw failure(what, resourceId, response.getStatusCode(), text);
                }
                Optional<PendingOperation> operation = response.getStatusCode() == 200 ? Optional.empty() : operation(response);
                return new Started(text.isBlank() ? Optional.empty() : Optional.of(read(text)), operation);
            }
        });
    }

    /** {@code Azure-AsyncOperation} wins over {@code Location}, as in the SDK's own pollers. */
    static Optional<PendingOperation> operation(HttpResponse response) {
        String async = response.getHeaderValue(HttpHeaderName.fromString("Azure-AsyncOperation"));
        if (async != null && !async.isBlank()) {
            return Optional.of(new PendingOperation(PendingOperation.Kind.AZURE_ASYNC_OPERATION, async.trim()));
        }
        String location = response.getHeaderValue(HttpHeaderName.LOCATION);
        if (location != null && !location.isBlank()) {
            return Optional.of(new PendingOperation(PendingOperation.Kind.LOCATION, location.trim()));
        }
        return Optional.empty();
    }

    static OperationStatus status(HttpPipeline pipeline, PendingOperation operation, String resourceId) {
        HttpRequest request = new HttpRequest(HttpMethod.GET, operation.url()).setHeader(HttpHeaderName.ACCEPT, "application/json");
        return AzureErrors.call("read operation status", resourceId, () -> {
            try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
                String text = response.getBodyAsBinaryData() == null ? "" : response.getBodyAsBinaryData().toString();
                int code = response.getStatusCode();
                if (operation.kind() == PendingOperation.Kind.LOCATION) {
                    if (code == 202) {
                        return OperationStatus.inProgress();
                    }
                    return code < 400 ? OperationStatus.succeeded() : OperationStatus.failed(errorOf(code, text));
                }
                if (code >= 400) {
                    throw failure("read operation status", resourceId, code, text);
                }
                JsonNode status = read(text);
                String state = status.path("status").asText("");
                return switch (state.toLowerCase(Locale.ROOT)) {
                    case "succeeded" -> OperationStatus.succeeded();
                    case "failed", "canceled", "cancelled" -> OperationStatus.failed(errorOf(code, text)
                            + ("failed".equalsIgnoreCase(state) ? "" : " (operation " + state + ")"));
                    default -> OperationStatus.inProgress();
                };
            }
        });
    }

    /** {@code code: message} from an ARM error body ({@code {"error":{...}}}, or the error itself). */
    static String errorOf(int status, String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
            JsonNode error = node.has("error") ? node.get("error") : node;
            String code = error.path("code").asText("");
            String message = error.path("message").asText("");
            if (code.isEmpty() && message.isEmpty()) {
                return "HTTP " + status + " without an error body";
            }
            return code.isEmpty() ? message : code + ": " + message;
        } catch (IOException e) {
            return "HTTP " + status + ": " + body.substring(0, Math.min(200, body.length()));
        }
    }

    private static AzureOperationException failure(String what, String resourceId, int status, String body) {
        String detail = errorOf(status, body);
        return new AzureOperationException(what, resourceId, status, AzureErrors.isTransient(status),
                AzureErrors.isBusy(status, detail), detail, null);
    }

    static String write(JsonSerializable<?> body) {
        StringWriter out = new StringWriter();
        try (JsonWriter writer = JsonProviders.createWriter(out)) {
            body.toJson(writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("ARM answered something that is not JSON: "
                    + text.substring(0, Math.min(200, text.length())), e);
        }
    }

    private static String stripSlash(String endpoint) {
        return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    }
}
