package io.acapromoter.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PromoterCliTest {

    static final String EVENTS = "src/test/resources/events/";

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(Map<String, String> env, String... args) {
        return PromoterCli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
    }

    List<JsonNode> lines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(new ObjectMapper().readTree(line));
            }
        }
        return lines;
    }

    @Test
    void clock_asksTheRunningLocalServer_andMovesItsClockAhead() throws IOException {
        io.acapromoter.local.durable.ShiftedClock clock = new io.acapromoter.local.durable.ShiftedClock(java.time.Clock.systemUTC());
        try (io.acapromoter.local.LocalRuntime rt = new io.acapromoter.local.LocalRuntime(clock, null, "http://localhost:7071",
                new PrintStream(new ByteArrayOutputStream()));
             io.acapromoter.local.server.LocalServer server = new io.acapromoter.local.server.LocalServer(0,
                     Map.of(io.acapromoter.local.LocalClock.ROUTE, io.acapromoter.local.LocalClock.route(rt)))) {
            server.start();
            String port = String.valueOf(server.port());

            assertThat(run(Map.of(), "clock", "--port", port)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("local clock ").contains("ahead of the wall clock by PT0S");
            java.time.Instant asked = clock.instant();
            assertThat(run(Map.of(), "clock", "--advance", "2h", "--port", port)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("clock moved 2h ahead: ");
            assertThat(clock.instant()).isAfterOrEqualTo(asked.plus(java.time.Duration.ofHours(2)));
            assertThat(run(Map.of(), "clock", "--advance", "soon", "--port", port)).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("advance must be a whole amount with a unit");
        }
        assertThat(run(Map.of(), "clock", "--speed", "2")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option '--speed'");
    }

    @Test
    void localWithStateOnTheSimulator_isRefusedBecauseTheSimulatorsWorldIsNewOnEveryStart(@TempDir Path dir) {
        int code = run(Map.of(), "local", "--state", dir.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--state only applies with --azure");
    }

    @Test
    void benchOnly_takesKnownPartsAndRefusesOthersNamingThem() {
        List<String> args = new java.util.ArrayList<>(List.of("--only", "intake,ready", "--promotions", "5"));
        assertThat(PromoterCli.benchParts(args)).containsExactly("intake", "ready");
        assertThat(args).containsExactly("--promotions", "5");
        assertThat(PromoterCli.benchParts(new java.util.ArrayList<>(List.of()))).containsExactlyInAnyOrderElementsOf(
                io.acapromoter.local.bench.Bench.PARTS);

        int code = run(Map.of(), "bench", "--only", "intake,warp");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown bench part 'warp'").contains("intake,requests,http");
    }

    @Test
    void explainEvent_printsOneJsonLinePerDecision() throws IOException {
        int code = run(Map.of(), "explain-event", "--config", "promotion.yaml",
                EVENTS + "push-tag.eventgrid.json", EVENTS + "malformed.json", EVENTS + "delete.cloudevent.json");

        assertThat(code).isZero();
        List<JsonNode> lines = lines();
        assertThat(lines).extracting(l -> l.get("decision").asText()).containsExactly("promote", "refuse", "ignore");
        JsonNode promote = lines.get(0);
        assertThat(promote.get("target").asText()).isEqualTo("shop-web");
        assertThat(promote.get("image").asText()).startsWith("contoso.azurecr.io/shop/web@sha256:213bbc");
        assertThat(promote.get("instanceId").asText()).startsWith("shop-web-sha256-213bbc");
        assertThat(lines.get(1).get("reason").asText()).startsWith("malformed JSON");
    }

    @Test
    void explainEvent_readsTheConfigFromThePromoterConfigSetting(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("p.yaml");
        Files.writeString(config, Files.readString(Path.of("promotion.yaml")).replace("'^v\\d+\\.\\d+\\.\\d+$'", "'^never$'"));

        run(Map.of("PROMOTER_CONFIG", config.toString()), "explain-event", EVENTS + "push-tag.eventgrid.json");

        assertThat(lines()).singleElement().satisfies(l -> assertThat(l.get("decision").asText()).isEqualTo("ignore"));
    }

    @Test
    void explainEvent_refusesAMissingFileButExplainsTheOthers() throws IOException {
        int code = run(Map.of(), "explain-event", EVENTS + "nope.json", EVENTS + "push-tag.cloudevent.json");

        assertThat(code).isEqualTo(2);
        assertThat(lines()).extracting(l -> l.get("decision").asText()).containsExactly("refuse", "promote");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("nope.json: cannot be read");
    }

    @Test
    void explainEvent_stopsWithExitTwoOnAnInvalidConfig(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "registries: []\n");

        int code = run(Map.of(), "explain-event", "--config", config.toString(), EVENTS + "push-tag.eventgrid.json");

        assertThat(code).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("targets: is required");
    }

    @Test
    void validateConfig_printsOkAndTheTargets() {
        int code = run(Map.of(), "validate-config", "promotion.yaml");

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("OK: promotion.yaml").contains("shop-web:", "nightly-report:");
    }

    @Test
    void validateConfig_printsEveryErrorAndExitsTwo(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "registries: [bad host]\ntargets: [{name: X}]\n");

        int code = run(Map.of(), "validate-config", config.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("registries[0]:", "targets[0].name:", "targets[0].registry: is required");
    }

    @Test
    void unknownCommandsAndMissingArgumentsAreBadInput() {
        assertThat(run(Map.of(), "frobnicate")).isEqualTo(2);
        assertThat(run(Map.of(), "explain-event")).isEqualTo(2);
        assertThat(run(Map.of(), "validate-config")).isEqualTo(2);
        assertThat(run(Map.of())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'frobnicate'", "usage:");
    }
}
