package io.acapromoter.events;

import com.azure.core.models.CloudEvent;
import com.azure.core.util.BinaryData;
import com.azure.messaging.eventgrid.EventGridEvent;
import com.azure.messaging.eventgrid.systemevents.ContainerRegistryEventData;
import com.azure.messaging.eventgrid.systemevents.ContainerRegistryEventTarget;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acapromoter.domain.Digest;
import io.acapromoter.domain.InvalidReferenceException;
import io.acapromoter.domain.RegistryEvent;
import io.acapromoter.domain.RegistryEventType;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads container registry events in the Event Grid schema or CloudEvents 1.0, one event or an
 * array, with {@code azure-messaging-eventgrid}. Each element is parsed on its own so that one bad
 * element does not hide the others; a problem is reported with the field that caused it.
 */
public final class RegistryEventParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryEventParser() {
    }

    public static List<ParsedEvent> parse(String body) {
        JsonNode root;
        try {
            root = body == null ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return List.of(new ParsedEvent.Unreadable("?", MalformedJson.describe(e)));
        }
        if (root == null || root.isMissingNode()) {
            return List.of(new ParsedEvent.Unreadable("?", "empty body: expected an event or an array of events"));
        }
        List<ParsedEvent> out = new ArrayList<>();
        if (root.isArray()) {
            if (root.isEmpty()) {
                return List.of(new ParsedEvent.Unreadable("?", "empty array: no events"));
            }
            for (int i = 0; i < root.size(); i++) {
                out.add(parseOne(root.get(i), root.size() == 1 ? "" : "[" + i + "]"));
            }
        } else {
            out.add(parseOne(root, ""));
        }
        return out;
    }

    static ParsedEvent parseOne(JsonNode node, String where) {
        String prefix = where.isEmpty() ? "" : "event " + where + ": ";
        if (!node.isObject()) {
            return new ParsedEvent.Unreadable("?", prefix + "not a JSON object");
        }
        String id = node.hasNonNull("id") ? node.get("id").asText() : "?";
        boolean cloudEvent = node.has("specversion");
        boolean eventGrid = node.has("eventType") || node.has("dataVersion");
        if (!cloudEvent && !eventGrid) {
            return new ParsedEvent.Unreadable(id, prefix
                    + "neither an Event Grid event (eventType, dataVersion) nor a CloudEvent (specversion)");
        }
        String type;
        BinaryData data;
        OffsetDateTime time;
        try {
            if (cloudEvent) {
                CloudEvent event = CloudEvent.fromString(node.toString()).get(0);
                type = event.getType();
                data = event.getData();
                time = event.getTime();
            } else {
                EventGridEvent event = EventGridEvent.fromString(node.toString()).get(0);
                type = event.getEventType();
                data = event.getData();
                time = event.getEventTime();
            }
        } catch (RuntimeException e) {
            return new ParsedEvent.Unreadable(id, prefix + (cloudEvent ? "invalid CloudEvent: " : "invalid Event Grid event: ")
                    + firstLine(e.getMessage()));
        }
        Optional<RegistryEventType> registryType = RegistryEventType.fromEventType(type);
        if (registryType.isEmpty()) {
            return new ParsedEvent.Foreign(id, type);
        }
        if (data == null) {
            return new ParsedEvent.Unreadable(id, prefix + "data is missing");
        }
        ContainerRegistryEventData payload;
        try {
            payload = data.toObject(ContainerRegistryEventData.class);
        } catch (RuntimeException e) {
            return new ParsedEvent.Unreadable(id, prefix + "data is not a container registry event: " + firstLine(e.getMessage()));
        }
        return toRegistryEvent(id, registryType.get(), payload, time, prefix);
    }

    private static ParsedEvent toRegistryEvent(String id, RegistryEventType type, ContainerRegistryEventData payload,
                                               OffsetDateTime eventTime, String prefix) {
        if (payload == null) {
            return new ParsedEvent.Unreadable(id, prefix + "data is missing");
        }
        ContainerRegistryEventTarget target = payload.getTarget();
        if (target == null) {
            return new ParsedEvent.Unreadable(id, prefix + "data.target is missing");
        }
        if (isBlank(target.getRepository())) {
            return new ParsedEvent.Unreadable(id, prefix + "data.target.repository is missing");
        }
        String host = payload.getRequest() == null ? null : payload.getRequest().getHost();
        if (isBlank(host)) {
            return new ParsedEvent.Unreadable(id, prefix + "data.request.host is missing (needed to know the registry)");
        }
        Optional<Digest> digest = Optional.empty();
        if (!isBlank(target.getDigest())) {
            try {
                digest = Optional.of(Digest.parse(target.getDigest()));
            } catch (InvalidReferenceException e) {
                return new ParsedEvent.Unreadable(id, prefix + "data.target.digest: " + e.getMessage());
            }
        } else if (type == RegistryEventType.IMAGE_PUSHED) {
            return new ParsedEvent.Unreadable(id, prefix + "data.target.digest is missing");
        }
        OffsetDateTime stamp = payload.getTimestamp() != null ? payload.getTimestamp() : eventTime;
        Instant timestamp = stamp == null ? Instant.EPOCH : stamp.toInstant();
        Optional<String> actor = payload.getActor() == null ? Optional.empty()
                : Optional.ofNullable(payload.getActor().getName()).filter(a -> !a.isBlank());
        return new ParsedEvent.Registry(new RegistryEvent(id, type, host.strip(), target.getRepository(),
                Optional.ofNullable(target.getTag()).filter(t -> !t.isBlank()), digest,
                Optional.ofNullable(target.getMediaType()).filter(m -> !m.isBlank()), actor, timestamp));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
