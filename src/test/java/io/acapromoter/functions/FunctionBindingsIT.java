package io.acapromoter.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the Functions staging folder that {@code azure-functions-maven-plugin} wrote during
 * {@code package} and checks the generated bindings: trigger types, routes and auth levels.
 */
class FunctionBindingsIT {

    static final Path STAGING = Path.of(System.getProperty("promoter.staging.dir", "target/azure-functions/aca-promoter"));

    static JsonNode function(String name) throws IOException {
        Path file = STAGING.resolve(name).resolve("function.json");
        assertThat(file).as("function.json of " + name).exists();
        return new ObjectMapper().readTree(file.toFile());
    }

    static JsonNode binding(JsonNode function, String type) {
        for (JsonNode b : function.get("bindings")) {
            if (b.get("type").asText().equals(type)) {
                return b;
            }
        }
        throw new AssertionError("no " + type + " binding in " + function);
    }

    @Test
    void onImagePushed_isAnEventGridTriggerWithADurableClient() throws IOException {
        JsonNode f = function("OnImagePushed");

        assertThat(binding(f, "eventGridTrigger").get("direction").asText()).isEqualTo("in");
        assertThat(binding(f, "durableClient").get("name").asText()).isEqualTo("durableContext");
        assertThat(f.get("entryPoint").asText()).isEqualTo("io.acapromoter.functions.OnImagePushed.run");
    }

    @Test
    void onVulnerabilityFinding_isAnEventGridTriggerAndTheSweepATimerOnTheScheduleSetting() throws IOException {
        assertThat(binding(function("OnVulnerabilityFinding"), "eventGridTrigger").get("direction").asText()).isEqualTo("in");
        assertThat(binding(function("VulnerabilitySweep"), "timerTrigger").get("schedule").asText())
                .isEqualTo("%PROMOTER_SWEEP_SCHEDULE%");
    }

    @Test
    void onDefenderExport_readsManyStringMessagesFromTheExportHubWithAnIdentityConnection() throws IOException {
        JsonNode f = function("OnDefenderExport");
        JsonNode trigger = binding(f, "eventHubTrigger");

        assertThat(trigger.get("eventHubName").asText()).isEqualTo("%PROMOTER_DEFENDER_EVENTHUB_NAME%");
        assertThat(trigger.get("connection").asText()).isEqualTo("PROMOTER_DEFENDER_EVENTHUB");
        assertThat(trigger.get("consumerGroup").asText()).isEqualTo("%PROMOTER_DEFENDER_EVENTHUB_CONSUMER_GROUP%");
        assertThat(trigger.get("cardinality").asText()).isEqualToIgnoringCase("many");
        assertThat(trigger.get("dataType").asText()).isEqualTo("string");
        binding(f, "durableClient");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"PromotionOrchestrator", "RebuildOrchestrator"})
    void orchestrators_haveAnOrchestrationTrigger(String name) throws IOException {
        assertThat(binding(function(name), "orchestrationTrigger").get("name").asText()).isEqualTo("ctx");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("io.acapromoter.functions.ActivityTableTest#activityNames")
    void activities_haveAnActivityTrigger(String name) throws IOException {
        assertThat(binding(function(name), "activityTrigger").get("direction").asText()).isEqualTo("in");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"ListPromotions, promotions", "GetPromotion, promotions/{id}", "GetBoard, board",
            "GetTarget, targets/{name}", "GetTargetHistory, targets/{name}/history"})
    void statusRoutes_areGetsWithADurableClient(String name, String route) throws IOException {
        JsonNode f = function(name);
        JsonNode trigger = binding(f, "httpTrigger");
        assertThat(trigger.get("route").asText()).isEqualTo(route);
        assertThat(trigger.get("methods")).extracting(JsonNode::asText).containsExactly("GET");
        assertThat(trigger.get("authLevel").asText()).isEqualToIgnoringCase("anonymous");
        binding(f, "durableClient");
    }

    @Test
    void health_isAnAnonymousGetOnApiHealth() throws IOException {
        JsonNode trigger = binding(function("Health"), "httpTrigger");

        assertThat(trigger.get("route").asText()).isEqualTo("health");
        assertThat(trigger.get("authLevel").asText()).isEqualToIgnoringCase("anonymous");
        assertThat(trigger.get("methods")).extracting(JsonNode::asText).containsExactly("GET");
    }

    @Test
    void stagingFolder_holdsHostJsonWithTheExtensionBundleAndNoNetty() throws IOException {
        JsonNode host = new ObjectMapper().readTree(STAGING.resolve("host.json").toFile());

        assertThat(host.at("/extensionBundle/id").asText()).isEqualTo("Microsoft.Azure.Functions.ExtensionBundle");
        assertThat(host.at("/extensionBundle/version").asText()).isEqualTo("[4.*, 5.0.0)");
        assertThat(host.at("/extensions/durableTask/hubName").asText()).isEqualTo("%PROMOTER_TASK_HUB%");
        try (Stream<Path> libs = Files.list(STAGING.resolve("lib"))) {
            assertThat(libs.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.startsWith("azure-core-http-netty") || n.startsWith("reactor-netty"))
                    .anyMatch(n -> n.startsWith("azure-core-http-jdk-httpclient"));
        }
    }
}
