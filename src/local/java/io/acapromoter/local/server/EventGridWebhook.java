package io.acapromoter.local.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acapromoter.approval.Response;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * The subscription-validation handshake Event Grid performs before it delivers to a webhook, as
 * the Functions host answers it on {@code /runtime/webhooks/EventGrid}: for the Event Grid schema
 * a {@code Microsoft.EventGrid.SubscriptionValidationEvent} answered with its validation code; for
 * CloudEvents an {@code OPTIONS} request answered with {@code WebHook-Allowed-Origin}.
 */
public final class EventGridWebhook {

    static final String VALIDATION_EVENT = "Microsoft.EventGrid.SubscriptionValidationEvent";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventGridWebhook() {
    }

    /** The CloudEvents abuse-protection answer to an OPTIONS request. */
    public static Response options(String origin) {
        return new Response(200, origin == null ? Map.of("Content-Type", "text/plain")
                : Map.of("Content-Type", "text/plain", "WebHook-Allowed-Origin", origin, "WebHook-Allowed-Rate", "*"), "");
    }

    /** The validation answer, when the body is a validation event. */
    public static Optional<Response> validation(String body) {
        if (body == null || !body.contains(VALIDATION_EVENT)) {
            // Every delivery comes through here: only a body that can be a handshake is parsed twice.
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode first = root != null && root.isArray() && !root.isEmpty() ? root.get(0) : root;
            if (first != null && VALIDATION_EVENT.equals(first.path("eventType").asText())) {
                String code = first.path("data").path("validationCode").asText();
                return Optional.of(new Response(200, Map.of("Content-Type", "application/json"),
                        JSON.createObjectNode().put("validationResponse", code).toString()));
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
