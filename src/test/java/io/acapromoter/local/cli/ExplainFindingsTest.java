package io.acapromoter.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code explain-event} on files of Defender findings: one JSON line per finding, decided by the rebuild planner. */
class ExplainFindingsTest {

    static final String FINDINGS = "src/test/resources/findings/";
    static final String EVENTS = "src/test/resources/events/";
    static final String CURRENT_DIGEST = "sha256:213bbc182920ab41e18edc2001e06abcca6735d87782d9cef68abd83941cf0e5";
    static final ObjectMapper JSON = new ObjectMapper();

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int explain(String... files) {
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:15:00Z"), ZoneOffset.UTC);
        List<String> args = new ArrayList<>(List.of("--config", "promotion.yaml"));
        args.addAll(List.of(files));
        return new ExplainEvent(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), clock).run(args);
    }

    List<JsonNode> lines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void explainEvent_printsOneLinePerFindingWithTheRebuildInstanceId() throws IOException {
        int code = explain(FINDINGS + "current.json");

        assertThat(code).isZero();
        assertThat(lines()).singleElement().satisfies(line -> {
            assertThat(line.get("decision").asText()).isEqualTo("rebuild");
            assertThat(line.get("target").asText()).isEqualTo("shop-web");
            assertThat(line.get("cve").asText()).isEqualTo("CVE-2024-6387");
            assertThat(line.get("digest").asText()).isEqualTo(CURRENT_DIGEST);
            assertThat(line.get("instanceId").asText()).isEqualTo("rebuild-shop-web-sha256-" + CURRENT_DIGEST.substring(7) + "-20261123T000000Z");
            assertThat(line.get("reason").asText()).startsWith("rebuild 213bbc182920 of shop-web with task rebuild-shop-web for CVE-2024-6387")
                    .endsWith("assumed running (offline): explain-event cannot see what runs in Azure");
        });
    }

    @Test
    void explainEvent_decidesByContentBetweenRegistryEventsAndFindings() throws IOException {
        explain(EVENTS + "push-tag.eventgrid.json", FINDINGS + "batch.json", FINDINGS + "cloudevent.json");

        assertThat(lines()).extracting(l -> l.get("decision").asText())
                .containsExactly("promote", "rebuild", "ignore", "rebuild", "rebuild", "refuse", "refuse", "rebuild");
        assertThat(lines().get(0).has("eventId")).isTrue();
        assertThat(lines().get(1).has("findingId")).isTrue();
        assertThat(lines().get(3).get("instanceId").asText()).isEqualTo(lines().get(4).get("instanceId").asText());
    }

    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "/properties/additionalData/vulnerabilityDetails/severity | Medium         | below threshold   | shop-web | CVE-2024-6387 is Medium, below the rebuild threshold High of shop-web; assumed running (offline)",
            "/properties/additionalData/softwareDetails/fixStatus     | NoFixAvailable | not fixable       | shop-web | no fix available for CVE-2024-6387 and shop-web rebuilds only for fixable findings; assumed running (offline)",
            "/properties/additionalData/artifactDetails/repositoryName | shop/worker   | no rebuild policy | shop-worker | target shop-worker has no rebuild policy for contoso.azurecr.io/shop/worker",
            "/properties/additionalData/artifactDetails/repositoryName | tools/builder | no rebuild policy |          | no target takes contoso.azurecr.io/tools/builder",
    })
    void explainEvent_givesTheReasonAFindingStartsNoRebuild(String pointer, String value, String decision, String target,
                                                           String reason, @TempDir Path dir) throws IOException {
        ObjectNode node = (ObjectNode) JSON.readTree(Files.readString(Path.of(FINDINGS + "current.json")));
        int slash = pointer.lastIndexOf('/');
        ((ObjectNode) node.at(pointer.substring(0, slash))).put(pointer.substring(slash + 1), value);
        Path file = dir.resolve("finding.json");
        Files.writeString(file, node.toString());

        explain(file.toString());

        assertThat(lines()).singleElement().satisfies(line -> {
            assertThat(line.get("decision").asText()).isEqualTo(decision);
            assertThat(line.get("target").isNull() ? null : line.get("target").asText()).isEqualTo(target);
            assertThat(line.get("reason").asText()).startsWith(reason);
            assertThat(line.get("instanceId").isNull()).isTrue();
        });
        if (decision.equals("no rebuild policy")) {
            assertThat(lines().get(0).get("reason").asText()).doesNotContain("assumed running");
        }
    }

    @Test
    void explainEvent_explainsIndividualRecommendationsLikeTheGroupedFindingOfTheSameCve() throws IOException {
        explain(FINDINGS + "current.json", FINDINGS + "individual.json", FINDINGS + "individual-export.json",
                FINDINGS + "individual-arm-registry.json", FINDINGS + "individual-cloudevent.json");

        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(5).allSatisfy(line -> {
            assertThat(line.get("decision").asText()).isEqualTo("rebuild");
            assertThat(line.get("cve").asText()).isEqualTo("CVE-2024-6387");
            assertThat(line.get("image").asText()).isEqualTo("contoso.azurecr.io/shop/web@" + CURRENT_DIGEST);
        });
        assertThat(lines).extracting(l -> l.get("instanceId").asText()).as("one rebuild, whichever model reported it")
                .containsOnly(lines.get(0).get("instanceId").asText());
    }

    @Test
    void explainEvent_resolvesARegistryNamedOnlyByItsArmIdFromThePromotionFile() throws IOException {
        explain(FINDINGS + "legacy.json");

        assertThat(lines()).hasSize(2).allSatisfy(line ->
                assertThat(line.get("image").asText()).startsWith("contoso.azurecr.io/shop/web@"));
    }
}
