package io.acapromoter.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acapromoter.local.LocalRuntime;
import io.acapromoter.local.durable.ManualClock;
import io.acapromoter.settings.Settings;
import io.acapromoter.policy.IntakeDecision;
import io.acapromoter.ports.AzureOperationException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import io.acapromoter.local.DemoWorld;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps code and infrastructure in step: every setting the code reads is in
 * {@code local.settings.sample.json} and in the Function App's settings in {@code infra/}; every
 * Azure operation the adapters call (recorded by the simulator while real promotions, rollbacks,
 * jobs, rebuilds and the sweep run) is granted by a role in {@code infra/permissions.json}, whose
 * custom roles hold exactly the operations mapped to them; the protobuf JVM flag is set everywhere.
 */
class InfraConsistencyTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String FLAG = "-Dcom.google.protobuf.use_unsafe_pre22_gencode=true";

    /** The simulator's operation names (the REST spec's operation ids) and the ARM action each needs. */
    static final Map<String, String> ACTIONS = new TreeMap<>(Map.ofEntries(
            Map.entry("ContainerApps_Get", "Microsoft.App/containerApps/read"),
            Map.entry("ContainerApps_Update", "Microsoft.App/containerApps/write"),
            Map.entry("ContainerAppsRevisions_ListRevisions", "Microsoft.App/containerApps/revisions/read"),
            Map.entry("ContainerAppsRevisions_GetRevision", "Microsoft.App/containerApps/revisions/read"),
            Map.entry("ContainerAppsRevisions_DeactivateRevision", "Microsoft.App/containerApps/revisions/deactivate/action"),
            Map.entry("ContainerAppsRevisionReplicas_ListReplicas", "Microsoft.App/containerApps/revisions/replicas/read"),
            Map.entry("ContainerAppsOperationStatuses_Get", "Microsoft.App/locations/containerappOperationStatuses/read"),
            Map.entry("Jobs_Get", "Microsoft.App/jobs/read"),
            Map.entry("Jobs_Update", "Microsoft.App/jobs/write"),
            Map.entry("Jobs_Start", "Microsoft.App/jobs/start/action"),
            Map.entry("JobExecution", "Microsoft.App/jobs/executions/read"),
            Map.entry("JobsOperationStatuses_Get", "Microsoft.App/locations/containerappsjobOperationStatuses/read"),
            Map.entry("JobsOperationResults_Get", "Microsoft.App/locations/containerappsjobOperationResults/read"),
            Map.entry("ContainerAppsOperationResults_Get", "Microsoft.App/locations/containerappOperationResults/read"),
            Map.entry("Tasks_Get", "Microsoft.ContainerRegistry/registries/tasks/read"),
            Map.entry("Registries_Get", "Microsoft.ContainerRegistry/registries/read"),
            Map.entry("Registries_ScheduleRun", "Microsoft.ContainerRegistry/registries/scheduleRun/action"),
            Map.entry("TaskRuns_Create", "Microsoft.ContainerRegistry/registries/taskruns/write"),
            Map.entry("TaskRuns_Get", "Microsoft.ContainerRegistry/registries/taskruns/read"),
            Map.entry("JobsExecutions_List", "Microsoft.App/jobs/executions/read"),
            Map.entry("Runs_Get", "Microsoft.ContainerRegistry/registries/runs/read"),
            Map.entry("Runs_GetLogSasUrl", "Microsoft.ContainerRegistry/registries/runs/listLogSasUrl/action"),
            Map.entry("Resources_Query", "Microsoft.ResourceGraph/resources/read"),
            Map.entry("Metrics_List", "Microsoft.Insights/metrics/read"),
            Map.entry("Query_ExecuteWithResourceId", "Microsoft.Insights/components/query/read"),
            Map.entry("Acr_ExchangeAadAccessTokenForAcrRefreshToken", "Microsoft.ContainerRegistry/registries/pull/read"),
            Map.entry("Acr_ExchangeAcrRefreshTokenForAcrAccessToken", "Microsoft.ContainerRegistry/registries/pull/read"),
            Map.entry("Acr_GetManifest", "Microsoft.ContainerRegistry/registries/pull/read"),
            Map.entry("Acr_GetManifestProperties", "Microsoft.ContainerRegistry/registries/pull/read"),
            Map.entry("Acr_GetReferrers", "Microsoft.ContainerRegistry/registries/pull/read"),
            Map.entry("Acr_GetBlob", "Microsoft.ContainerRegistry/registries/pull/read")));

    static List<String> settingNames() throws IllegalAccessException {
        List<String> names = new ArrayList<>();
        for (Field f : Settings.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && Modifier.isPublic(f.getModifiers())) {
                names.add((String) f.get(null));
            }
        }
        return names;
    }

    static String bicep() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(Path.of("infra"))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".bicep")).toList()) {
                all.append(Files.readString(p)).append('\n');
            }
        }
        return all.toString();
    }

    @Test
    void everySettingTheCodeReadsIsInTheSampleAndInTheFunctionAppSettings() throws Exception {
        JsonNode sample = JSON.readTree(Path.of("local.settings.sample.json").toFile()).get("Values");
        String infra = bicep();
        List<String> names = settingNames();

        assertThat(names).hasSizeGreaterThan(10);
        for (String name : names) {
            assertThat(sample.has(name)).as(name + " in local.settings.sample.json").isTrue();
            assertThat(infra).as(name + " in the Function App settings in infra/").containsPattern("(?m)^\\s*'?" + name + "'?\\s*:");
        }
    }

    /**
     * Every finding subscription's export selects the same recommendations: the per-subscription template's
     * default assessment keys are main.bicep's, and both export through the one automation module.
     */
    @Test
    void everyFindingSubscriptionsExportSelectsTheSameRecommendations() throws IOException {
        Pattern keys = Pattern.compile("param (?:findingAssessmentKeys|assessmentKeys) array = \\[(.*?)]", Pattern.DOTALL);
        java.util.regex.Matcher main = keys.matcher(Files.readString(Path.of("infra/main.bicep")));
        java.util.regex.Matcher other = keys.matcher(Files.readString(Path.of("infra/defender-export-subscription.bicep")));
        assertThat(main.find()).isTrue();
        assertThat(other.find()).isTrue();
        assertThat(other.group(1).strip().split("\\s+")).containsExactly(main.group(1).strip().split("\\s+"));
        assertThat(Files.readString(Path.of("infra/modules/defender-export.bicep")))
                .contains("module export 'defender-export-automation.bicep'");
        assertThat(Files.readString(Path.of("infra/defender-export-subscription.bicep")))
                .contains("module export 'modules/defender-export-automation.bicep'");
    }

    @Test
    void onlyTheSettingsRecordReadsTheEnvironment() throws IOException {
        List<String> readers = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(p);
                if ((text.contains("System.getenv(\"") || text.contains("getenv().get(")) && !p.endsWith("Settings.java")) {
                    readers.add(p.toString());
                }
            }
        }
        assertThat(readers).as("code reading settings outside pipeline/Settings").isEmpty();
    }

    @Test
    void theProtobufGencodeFlagIsSetEverywhereTheCodeRuns() throws IOException {
        assertThat(Files.readString(Path.of("pom.xml"))).contains("<protobuf.gencode.flag>" + FLAG + "</protobuf.gencode.flag>")
                .contains("<argLine>${protobuf.gencode.flag}");
        assertThat(Files.readString(Path.of("bin/promoter"))).contains(FLAG);
        assertThat(JSON.readTree(Path.of("local.settings.sample.json").toFile()).at("/Values/languageWorkers__java__arguments").asText())
                .contains(FLAG);
        assertThat(bicep()).contains("languageWorkers__java__arguments").contains("'" + FLAG + "'");
        assertThat(System.getProperty("com.google.protobuf.use_unsafe_pre22_gencode")).as("this JVM (surefire argLine)").isNotNull();
    }

    @Test
    void customRolesHoldExactlyTheOperationsMappedToThem() throws IOException {
        JsonNode permissions = JSON.readTree(Path.of("infra/permissions.json").toFile());
        permissions.get("customRoles").fields().forEachRemaining(role -> {
            Set<String> declared = new TreeSet<>();
            role.getValue().get("actions").forEach(a -> declared.add(a.asText()));
            Set<String> mapped = new TreeSet<>();
            permissions.get("operations").forEach(o -> {
                if (o.get("role").asText().equals(role.getKey())) {
                    mapped.add(o.get("operation").asText());
                }
            });
            assertThat(declared).as(role.getKey()).isEqualTo(mapped);
        });
    }

    @Test
    void everyAzureOperationTheAdaptersCallIsGrantedByARole() throws Exception {
        JsonNode permissions = JSON.readTree(Path.of("infra/permissions.json").toFile());
        Map<String, String> granted = new TreeMap<>();
        permissions.get("operations").forEach(o -> granted.put(o.get("operation").asText(), o.get("role").asText()));

        Set<String> called = exerciseEveryAdapter();

        assertThat(called).as("operations seen").contains("ContainerApps_Update", "Jobs_Update", "TaskRuns_Create", "Resources_Query",
                "Metrics_List", "Query_ExecuteWithResourceId",
                "Registries_Get");
        for (String operation : called) {
            assertThat(ACTIONS).as("ARM action of " + operation + " (add it to ACTIONS)").containsKey(operation);
            assertThat(granted).as(operation + " needs " + ACTIONS.get(operation) + " in infra/permissions.json")
                    .containsKey(ACTIONS.get(operation));
        }
    }

    /** Runs promotions of all four kinds, a rollback, a rebuild and the sweep; returns the operations called. */
    static Set<String> exerciseEveryAdapter() {
        Logger log = Logger.getLogger("test");
        ManualClock clock = ManualClock.startingAt("2026-11-23T10:00:00Z");
        Set<String> called = new HashSet<>();
        try (LocalRuntime rt = new LocalRuntime(clock, null, "http://localhost:7071", new PrintStream(new ByteArrayOutputStream()))) {
            for (String target : List.of("shop-web", "shop-api", "shop-worker", "nightly-report")) {
                rt.intake().handle(rt.world().sampleEvents().get(target), rt.orchestrations(), log).stream()
                        .filter(r -> r.decision() instanceof IntakeDecision.Promote).findFirst().orElseThrow();
            }
            rt.findingIntake().handle(rt.world().sampleFinding(), rt.orchestrations(), log);
            rt.findingIntake().sweep(rt.orchestrations(), log);
            // A legacy Defender record names its registry only by ARM id: the login server is read from ARM.
            rt.ports().findings().loginServer(rt.ports().file().target("shop-web").orElseThrow().rebuild().orElseThrow().registryResourceId());
            for (int i = 0; i < 60; i++) {
                rt.driver().advance(Duration.ofSeconds(10));
            }
            // A job's rollout (after an approval this run does not give) updates the production job; its staging job is
            // started with a template and not updated.
            rt.ports().containerApps().updateJobImage(rt.ports().file().target("nightly-report").orElseThrow().productionResourceId(),
                    "report", io.acapromoter.domain.PinnedImage.parse(rt.sim().pushImage(DemoWorld.REGISTRY, "reports/nightly",
                            "t-rollout").reference()));
            var web = rt.ports().containerApps().getApp(rt.ports().file().target("shop-web").orElseThrow().productionResourceId());
            rt.ports().containerApps().deactivateRevision(web.resourceId(), web.latestRevision());
            try {
                var image = io.acapromoter.domain.PinnedImage.parse(rt.world().productionImages().get("shop-web"));
                byte[] envelope = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                rt.sim().pushSignature(DemoWorld.REGISTRY, image.repository(), image.digest().toString(), envelope);
                var signature = rt.ports().registry().referrers(image, io.acapromoter.domain.MediaTypes.NOTATION_SIGNATURE).get(0);
                byte[] manifest = rt.ports().registry().manifest(new io.acapromoter.domain.PinnedImage(image.registry(),
                        image.repository(), signature)).orElseThrow();
                var layer = io.acapromoter.domain.Digest.parse(JSON.readTree(manifest).at("/layers/0/digest").asText());
                assertThat(rt.ports().registry().blob(image.registry(), image.repository(), layer, 1024)).isEqualTo(envelope);
            } catch (AzureOperationException | IOException e) {
                throw new AssertionError(e);
            }
            // Canary analysis: platform metrics (restarts) and the Application Insights requests of the checkout app.
            var checkout = rt.ports().file().target("shop-checkout").orElseThrow();
            rt.ports().metrics().measure(new io.acapromoter.ports.TrafficQuery(checkout.productionResourceId(),
                    "shop-checkout--initial", clock.instant().minusSeconds(60), clock.instant(),
                    checkout.analysis().orElseThrow().applicationInsights(), true));
            called.addAll(rt.sim().requestCounts().keySet());
        }
        return called;
    }
}
