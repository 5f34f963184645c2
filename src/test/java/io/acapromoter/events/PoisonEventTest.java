package io.acapromoter.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Values of the wrong type in any field intake reads are refused with the field's name before the
 * Event Grid SDK's models see them (their generated readers loop for ever on {@code "name": []}).
 * The time cap only stops a hang from stalling the build; it asserts nothing about speed.
 */
class PoisonEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration HANG = Duration.ofSeconds(10);
    private static final List<String> POISON = List.of("[]", "[[]]", "[{}]", "{}", "7", "true");

    static String fixture(String name) {
        try (InputStream in = PoisonEventTest.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing fixture " + name, e);
        }
    }

    static Stream<Arguments> poisonedFields() {
        List<String> eventGrid = List.of("data.actor.name", "data.target.tag", "data.target.repository",
                "data.target.digest", "data.target.mediaType", "data.request.host", "data.timestamp", "data.target",
                "data.request", "data.actor", "data", "eventTime", "subject", "eventType", "dataVersion");
        List<String> cloudEvent = List.of("data.actor.name", "data.target.tag", "data.request.host", "data.timestamp",
                "data", "time", "id", "source", "type");
        return Stream.concat(
                eventGrid.stream().flatMap(f -> poisonFor(f).map(v -> Arguments.of("push-tag.eventgrid.json", f, v))),
                cloudEvent.stream().flatMap(f -> poisonFor(f).map(v -> Arguments.of("push-tag.cloudevent.json", f, v))));
    }

    /** Every poison value, but {} for the fields that are objects themselves. */
    private static Stream<String> poisonFor(String field) {
        boolean object = List.of("data", "data.target", "data.request", "data.actor").contains(field);
        return POISON.stream().filter(v -> !(object && v.equals("{}")));
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @MethodSource("poisonedFields")
    void parse_refusesAWrongTypeInAnyFieldItReadsAndNamesTheField(String fixture, String field, String value) throws IOException {
        String body = poison(fixture(fixture), field, value);

        List<ParsedEvent> parsed = assertTimeoutPreemptively(HANG, () -> RegistryEventParser.parse(body));

        assertThat(parsed).singleElement().isInstanceOfSatisfying(ParsedEvent.Unreadable.class, u ->
                assertThat(u.problem()).contains(field)
                        .doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Z][A-Za-z]+(Exception|Error)")
                        .doesNotContain("Exception"));
    }

    @Test
    void parse_readsTheOtherEventsOfABatchWhenOneIsPoisoned() throws IOException {
        String good = JSON.readTree(fixture("push-tag.eventgrid.json")).get(0).toString();
        String bad = JSON.readTree(poison(fixture("push-tag.eventgrid.json"), "data.actor.name", "[]")).get(0).toString();

        List<ParsedEvent> parsed = assertTimeoutPreemptively(HANG, () -> RegistryEventParser.parse("[" + bad + "," + good + "]"));

        assertThat(parsed).hasSize(2);
        assertThat(parsed.get(0)).isInstanceOf(ParsedEvent.Unreadable.class);
        assertThat(parsed.get(1)).isInstanceOf(ParsedEvent.Registry.class);
    }

    @Test
    void parse_refusesNestingDeeperThanTheBoundWithAPlainReason() {
        String deep = "[".repeat(5000) + "]".repeat(5000);

        List<ParsedEvent> parsed = RegistryEventParser.parse(deep);

        assertThat(parsed).singleElement().isInstanceOfSatisfying(ParsedEvent.Unreadable.class, u ->
                assertThat(u.problem()).contains("nesting depth").doesNotContain("StreamReadConstraints"));
    }

    @Test
    void parse_refusesABodyLargerThanEventGridDelivers() {
        String huge = "\"" + "a".repeat(BoundedJson.MAX_CHARS) + "\"";

        assertThat(RegistryEventParser.parse(huge)).singleElement().isInstanceOfSatisfying(ParsedEvent.Unreadable.class,
                u -> assertThat(u.problem()).contains("more than the " + BoundedJson.MAX_CHARS));
    }

    @Test
    void parse_refusesDuplicateKeysRatherThanPickingOne() {
        String body = fixture("push-tag.cloudevent.json").replaceFirst("\"id\"", "\"id\": \"other\", \"id\"");

        assertThat(RegistryEventParser.parse(body)).singleElement().isInstanceOfSatisfying(ParsedEvent.Unreadable.class,
                u -> assertThat(u.problem()).contains("Duplicate field 'id'"));
    }

    @Test
    void findingParser_refusesAnArrayWhereTheRegistryHostBelongs() {
        String body = "{\"type\":\"Microsoft.Security/assessments/subAssessments\",\"id\":\"f1\",\"properties\":{"
                + "\"status\":{\"code\":\"Unhealthy\"},\"additionalData\":{\"assessedResourceType\":\"AzureContainerRegistryVulnerability\","
                + "\"artifactDetails\":{\"registryHost\":[[]]}}}}";

        List<ParsedFinding> parsed = assertTimeoutPreemptively(HANG, () -> FindingParser.parse(body));

        assertThat(parsed).singleElement().isInstanceOfSatisfying(ParsedFinding.Unreadable.class,
                u -> assertThat(u.problem()).contains("registryHost must be a single value, was an array"));
    }

    /** The fixture (one event or an array of one) with {@code path} set to the JSON {@code value}. */
    static String poison(String fixture, String path, String value) throws IOException {
        JsonNode root = JSON.readTree(fixture);
        JsonNode event = root.isArray() ? root.get(0) : root;
        String[] parts = path.split("\\.");
        ObjectNode parent = (ObjectNode) event;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = (ObjectNode) parent.get(parts[i]);
        }
        parent.set(parts[parts.length - 1], JSON.readTree(value));
        return root.toString();
    }
}
