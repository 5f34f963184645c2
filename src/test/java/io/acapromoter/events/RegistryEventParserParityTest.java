package io.acapromoter.events;

import com.azure.core.models.CloudEvent;
import com.azure.core.util.BinaryData;
import com.azure.messaging.eventgrid.EventGridEvent;
import com.azure.messaging.eventgrid.systemevents.ContainerRegistryEventData;
import io.acapromoter.domain.RegistryEventType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The intake reads events in one Jackson pass instead of through the SDK's model classes (which
 * parsed each event three times and loaded a third of the app's classes). This holds the two
 * readings side by side: for every event fixture, and each element of it, the SDK's
 * {@code EventGridEvent} / {@code CloudEvent} and {@code ContainerRegistryEventData} see the same
 * type, registry, repository, tag, digest, media type, actor and push time as the parser, and
 * refuse the same elements.
 */
class RegistryEventParserParityTest {

    static Stream<Path> fixtures() throws IOException {
        return Files.list(Path.of("src/test/resources/events")).filter(p -> p.toString().endsWith(".json")).sorted();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void parser_readsEveryFixtureAsTheSdkDoes(Path fixture) throws IOException {
        String body = Files.readString(fixture);
        List<ParsedEvent> parsed = RegistryEventParser.parse(body);
        List<Object> sdk = sdkReading(body);

        assertThat(parsed).hasSameSizeAs(sdk);
        for (int i = 0; i < parsed.size(); i++) {
            ParsedEvent mine = parsed.get(i);
            Object theirs = sdk.get(i);
            if (theirs instanceof SdkEvent e) {
                assertThat(mine).as(fixture + " element " + i).isInstanceOfSatisfying(ParsedEvent.Registry.class, r -> {
                    assertThat(r.event().type().eventType()).isEqualTo(e.type());
                    assertThat(r.event().registry()).isEqualTo(e.data().getRequest().getHost().strip());
                    assertThat(r.event().repository()).isEqualTo(e.data().getTarget().getRepository());
                    assertThat(r.event().tag()).isEqualTo(Optional.ofNullable(e.data().getTarget().getTag()).filter(t -> !t.isBlank()));
                    assertThat(r.event().digest().map(Object::toString)).isEqualTo(Optional.ofNullable(e.data().getTarget().getDigest()));
                    assertThat(r.event().mediaType()).isEqualTo(Optional.ofNullable(e.data().getTarget().getMediaType()));
                    assertThat(r.event().actor()).isEqualTo(Optional.ofNullable(e.data().getActor()).map(a -> a.getName()).filter(a -> !a.isBlank()));
                    OffsetDateTime stamp = e.data().getTimestamp() != null ? e.data().getTimestamp() : e.time();
                    assertThat(r.event().timestamp()).isEqualTo(stamp == null ? Instant.EPOCH : stamp.toInstant());
                });
            } else if (theirs instanceof String foreignType) {
                assertThat(mine).as(fixture + " element " + i).isInstanceOfSatisfying(ParsedEvent.Foreign.class,
                        f -> assertThat(f.eventType()).isEqualTo(foreignType));
            } else {
                assertThat(mine).as(fixture + " element " + i).isInstanceOf(ParsedEvent.Unreadable.class);
            }
        }
    }

    private record SdkEvent(String type, ContainerRegistryEventData data, OffsetDateTime time) {
    }

    /** Per element: an SdkEvent, the type name of a foreign event, or null where the SDK (or the data) cannot read it. */
    private static List<Object> sdkReading(String body) {
        com.fasterxml.jackson.databind.JsonNode root;
        try {
            root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        } catch (IOException e) {
            return java.util.Collections.singletonList(null);
        }
        if (root == null || root.isMissingNode() || root.isArray() && root.isEmpty()) {
            return java.util.Collections.singletonList(null);
        }
        List<com.fasterxml.jackson.databind.JsonNode> elements = new java.util.ArrayList<>();
        if (root.isArray()) {
            root.forEach(elements::add);
        } else {
            elements.add(root);
        }
        List<Object> out = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode node : elements) {
            out.add(sdkElement(node));
        }
        return out;
    }

    private static Object sdkElement(com.fasterxml.jackson.databind.JsonNode node) {
        if (!node.isObject() || !node.has("specversion") && !node.has("eventType") && !node.has("dataVersion")) {
            return null;
        }
        try {
            String type;
            BinaryData data;
            OffsetDateTime time;
            if (node.has("specversion")) {
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
            if (RegistryEventType.fromEventType(type).isEmpty()) {
                return type;
            }
            ContainerRegistryEventData payload = data == null ? null : data.toObject(ContainerRegistryEventData.class);
            boolean readable = payload != null && payload.getTarget() != null && payload.getTarget().getRepository() != null
                    && payload.getRequest() != null && payload.getRequest().getHost() != null && !payload.getRequest().getHost().isBlank()
                    && digestReadable(type, payload.getTarget().getDigest());
            return readable ? new SdkEvent(type, payload, time) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean digestReadable(String type, String digest) {
        if (digest == null || digest.isBlank()) {
            return !type.endsWith("ImagePushed");
        }
        try {
            io.acapromoter.domain.Digest.parse(digest);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
