package io.acapromoter.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTreesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void everyEventFixture_readsToTheTreeObjectMapperReads() throws IOException {
        List<Path> fixtures;
        try (Stream<Path> files = Stream.concat(Files.list(Path.of("src/test/resources/events")),
                Files.list(Path.of("src/test/resources/findings")))) {
            fixtures = files.filter(f -> f.toString().endsWith(".json")).toList();
        }
        assertThat(fixtures).hasSizeGreaterThan(10);
        for (Path fixture : fixtures) {
            String text = Files.readString(fixture);
            JsonNode expected;
            try {
                expected = MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                assertThatThrownBy(() -> JsonTrees.read(new JsonFactory().createParser(text), false)).as(fixture.toString())
                        .isInstanceOf(JsonProcessingException.class);
                continue;
            }
            assertThat(JsonTrees.read(new JsonFactory().createParser(text), false)).as(fixture.toString()).isEqualTo(expected);
        }
    }

    @Test
    void numbersAndScalars_getTheSameNodeTypes() throws IOException {
        String text = "{\"i\":1,\"l\":12345678901,\"b\":123456789012345678901234567890,\"d\":1.5,\"e\":-2e3,"
                + "\"t\":true,\"f\":false,\"n\":null,\"s\":\"x\",\"a\":[[],{}]}";
        JsonNode tree = JsonTrees.read(new JsonFactory().createParser(text), false);
        JsonNode expected = MAPPER.readTree(text);
        assertThat(tree).isEqualTo(expected);
        tree.fields().forEachRemaining(f -> assertThat(f.getValue().getClass()).as(f.getKey())
                .isEqualTo(expected.get(f.getKey()).getClass()));
    }

    @Test
    void theDemoPromotionFile_readsAsObjectMapperReadsYaml() throws IOException {
        String yaml = Files.readString(Path.of("promotion.yaml"));
        assertThat(JsonTrees.read(new YAMLFactory().createParser(yaml), true))
                .isEqualTo(new ObjectMapper(new YAMLFactory()).readTree(yaml));
    }

    @Test
    void aRepeatedKey_isRefusedAtItsLine_whenAsked_andTheLastWinsOtherwise() throws IOException {
        String yaml = "targets:\n  a: 1\n  a: 2\n";
        assertThatThrownBy(() -> JsonTrees.read(new YAMLFactory().createParser(yaml), true))
                .isInstanceOf(JsonProcessingException.class).hasMessageContaining("Duplicate field 'a'")
                .satisfies(e -> assertThat(((JsonProcessingException) e).getLocation().getLineNr()).isEqualTo(3));
        assertThat(JsonTrees.read(new YAMLFactory().createParser(yaml), false))
                .isEqualTo(new ObjectMapper(new YAMLFactory()).readTree(yaml));
        assertThatThrownBy(() -> new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .readTree(yaml)).as("what the loader did before").isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void emptyInput_isNoTree() throws IOException {
        assertThat(JsonTrees.read(new JsonFactory().createParser("  "), true)).isNull();
        assertThat(JsonTrees.read(new YAMLFactory().createParser(""), true)).isNull();
    }

    /**
     * A cold worker's first intake decision (promotion file loaded, one push event decided) loads no
     * {@code ObjectMapper}: Jackson's data binding is some 400 classes, most of a cold start.
     */
    @Test
    void theFirstIntakeDecision_inAFreshJvm_loadsNoObjectMapper() throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info", "-cp", System.getProperty("java.class.path"), ColdIntakeProbe.class.getName(),
                "promotion.yaml", "src/test/resources/events/push-tag.eventgrid.json").redirectErrorStream(true).start();
        String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jvm.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("DECIDED promote").contains("io.acapromoter.intake.Intake ")
                .doesNotContain("com.fasterxml.jackson.databind.ObjectMapper ");
    }
}
