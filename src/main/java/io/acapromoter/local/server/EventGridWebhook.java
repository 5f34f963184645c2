package io.acapromoter.local.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acapromoter.status.Reply;

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
    public static Reply options(String origin) {
        return new Reply(200, "text/plain", "", origin == null ? Map.of()
                : Map.of("WebHook-Allowed-Origin", origin, "WebHook-Allowed-Rate", "*"));
    }

    /** The validation answer, when the body is a validation event. */
    public static Optional<Reply> validation(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode first = root != null && root.isArray() && !root.isEmpty() ? root.get(0) : root;
            if (first != null && VALIDATION_EVENT.equals(first.path("eventType").asText())) {
                String code = first.path("data").path("validationCode").asText();
                return Optional.of(new Reply(200, "application/json",
                        JSON.createObjectNode().put("validationResponse", code).toString(), Map.of()));
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
