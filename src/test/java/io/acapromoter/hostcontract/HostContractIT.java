package io.acapromoter.hostcontract;

import com.google.protobuf.StringValue;
import com.google.protobuf.Timestamp;
import com.microsoft.durabletask.JacksonDataConverter;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ExecutionStartedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationInstance;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorStartedEvent;
import io.acapromoter.orchestration.RebuildInput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployed package runs as the Functions host runs it. A fresh JVM starts in the package root
 * with the JVM arguments and app settings that {@code infra/} deploys (read from the Bicep; Key
 * Vault references stubbed), loads each function's {@code scriptFile} and {@code lib/*} in a class
 * loader of its own (see {@link HostHarness}) and invokes every function's {@code entryPoint} with a
 * sample payload. It fails when the promotion file is not packaged, a JVM flag is missing, a
 * class is missing from {@code lib/}, a setting the code needs is not deployed, or the embedded
 * runtime leaked into the package.
 */
class HostContractIT {

    private static final Path PACKAGE = Path.of(System.getProperty("promoter.staging.dir", "target/azure-functions/aca-promoter"));
    private static final Path BICEP = Path.of("infra/main.bicep");
    /** Outcomes that mean the package or its settings are broken, wherever they appear in a cause chain. */
    private static final List<String> CONTRACT_BREAKS = List.of(
            "ClassNotFoundException", "NoClassDefFoundError", "LinkageError", "NoSuchMethodError", "NoSuchFieldError",
            "IncompatibleClassChangeError", "UnsatisfiedLinkError", "ExceptionInInitializerError", "VerifyError",
            "PromotionFileException", "is not set", "the harness cannot bind");

    private static Map<String, String> outcomes;
    private static String output;
    private static Map<String, String> appSettings;

    private static com.sun.net.httpserver.HttpServer identityEndpoint;

    @org.junit.jupiter.api.AfterAll
    static void stopIdentityEndpoint() {
        if (identityEndpoint != null) {
            identityEndpoint.stop(0);
        }
    }

    @BeforeAll
    static void runEveryFunctionInAFreshJvm() throws Exception {
        identityEndpoint = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        identityEndpoint.createContext("/", exchange -> {
            byte[] body = "{\"error\":\"invalid_request\",\"error_description\":\"no identity in the host contract test\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(400, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        identityEndpoint.start();
        appSettings = deployedAppSettings();
        Path work = Files.createTempDirectory("host-contract");
        List<String> cases = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(PACKAGE)) {
            for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve("function.json"))).sorted().toList()) {
                cases.add(caseFor(dir, work));
            }
        }
        Path casesFile = Files.writeString(work.resolve("cases.tsv"), String.join("\n", cases), StandardCharsets.UTF_8);

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(appSettings.get("languageWorkers__java__arguments").trim().split("\\s+")));
        command.add("-Dhost.worker.libs=" + jarOf(com.microsoft.azure.functions.ExecutionContext.class));
        command.addAll(List.of("-cp", jarOf(HostHarness.class), HostHarness.class.getName(), casesFile.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(PACKAGE.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> !List.of("PATH", "HOME", "LANG", "TMPDIR").contains(k));
        env.putAll(appSettings);
        // What the platform sets for the managed identity, pointing at an endpoint that refuses at once
        // (a closed port would be retried with backoff for most of a minute per call).
        env.put("IDENTITY_ENDPOINT", "http://127.0.0.1:" + identityEndpoint.getAddress().getPort() + "/msi/token");
        env.put("IDENTITY_HEADER", "stub-identity-header");
        Process process = builder.start();
        byte[] bytes = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the harness JVM finished").isTrue();
        output = new String(bytes, StandardCharsets.UTF_8);
        Files.writeString(Path.of("target/host-contract-output.txt"), output, StandardCharsets.UTF_8);
        outcomes = new LinkedHashMap<>();
        output.lines().filter(l -> l.startsWith("CASE ")).forEach(l -> {
            String[] parts = l.split(" ", 3);
            outcomes.put(parts[1], parts[2]);
        });
        assertThat(process.exitValue()).as(output).isZero();
    }

    @Test
    void package_holdsThePromotionFileAndNoLocalSettings() {
        assertThat(PACKAGE.resolve("host.json")).isRegularFile();
        assertThat(PACKAGE.resolve(appSettings.get("PROMOTER_CONFIG"))).as("PROMOTER_CONFIG as deployed, from the package root").isRegularFile();
        assertThat(PACKAGE.resolve("local.settings.json")).as("local settings never ship").doesNotExist();
    }

    @Test
    void package_holdsNoEmbeddedRuntimeClass() throws IOException {
        for (Path jar : jars()) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                assertThat(zip.stream().map(e -> e.getName())
                        .filter(n -> n.startsWith("io/acapromoter/local/") || n.startsWith("local/")))
                        .as("simulator, driver, local server or demo files in %s", jar.getFileName()).isEmpty();
            }
        }
    }

    @Test
    void everyFunction_isInvoked_withoutAContractBreak() throws IOException {
        try (Stream<Path> dirs = Files.list(PACKAGE)) {
            List<String> functions = dirs.filter(d -> Files.isRegularFile(d.resolve("function.json")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
            assertThat(outcomes.keySet()).as(output).containsExactlyInAnyOrderElementsOf(functions);
        }
        outcomes.forEach((function, outcome) -> CONTRACT_BREAKS.forEach(brk ->
                assertThat(outcome).as("%s: %s", function, outcome).doesNotContainIgnoringCase(brk)));
    }

    @Test
    void health_answers200_becauseThePackagedPromotionFileLoads() {
        assertThat(outcomes.get("Health")).isEqualTo("OK http 200");
    }

    @Test
    void orchestrators_replayThroughDurabletask_withoutTheProtobufGencodeWarning() {
        assertThat(outcomes.get("PromotionOrchestrator")).startsWith("OK java.lang.String");
        assertThat(outcomes.get("RebuildOrchestrator")).startsWith("OK java.lang.String");
        assertThat(output).as("the JVM flag deployed in languageWorkers__java__arguments")
                .doesNotContain("Vulnerable protobuf generated type in use");
    }

    @Test
    void durableClient_reachesGrpc_throughThePackagedTransport() {
        assertThat(outcomes.get("ListPromotions")).contains("io.grpc.StatusRuntimeException").contains("UNAVAILABLE");
    }

    @Test
    void approvalPage_refusesABadLink_withAPage() {
        assertThat(outcomes.get("ApprovalPage")).matches("OK http 4\\d\\d");
    }

    // --- the cases -------------------------------------------------------------------------

    private static String caseFor(Path dir, Path work) throws Exception {
        String function = dir.getFileName().toString();
        String json = Files.readString(dir.resolve("function.json"));
        String trigger = match(json, "\"type\"\\s*:\\s*\"(\\w+Trigger)\"");
        String method = "GET";
        String query = "-";
        String payload;
        switch (trigger) {
            case "httpTrigger" -> {
                if (json.contains("\"POST\"") || json.contains("\"post\"")) {
                    method = "POST";
                }
                query = "token=not-a-signed-token&id=shop-web-sha256-" + "ab".repeat(32) + "&name=shop-web&action=freeze";
                payload = "POST".equals(method) ? "decision=approve&formToken=nope" : null;
            }
            case "eventGridTrigger" -> payload = Files.readString(Path.of(function.equals("OnImagePushed")
                    ? "src/test/resources/events/push-tag.eventgrid.json" : "src/test/resources/findings/eventgrid.json"));
            case "eventHubTrigger" -> payload = Files.readString(Path.of("src/test/resources/findings/individual-export.json"))
                    + "\n" + HostHarness.MESSAGE_SEPARATOR + "\n" + Files.readString(Path.of("src/test/resources/findings/export-current.json"));
            case "timerTrigger" -> payload = "{\"Schedule\":{\"AdjustForDST\":true},\"ScheduleStatus\":null,\"IsPastDue\":false}";
            case "orchestrationTrigger" -> payload = orchestratorRequest(function, sampleInputJson(parameterType(json, 0)));
            case "activityTrigger" -> payload = sampleInputJson(parameterType(json, 0));
            default -> throw new IllegalStateException(function + ": no sample payload for trigger " + trigger);
        }
        String file = "-";
        if (payload != null) {
            file = Files.writeString(work.resolve(function + ".payload"), payload, StandardCharsets.UTF_8).toString();
        }
        return String.join("\t", function, method, query, file);
    }

    /** The type of the entry point's first parameter, read on this class path (the same classes). */
    private static Class<?> parameterType(String functionJson, int index) throws ClassNotFoundException {
        String entryPoint = match(functionJson, "\"entryPoint\"\\s*:\\s*\"([^\"]+)\"");
        Class<?> type = Class.forName(entryPoint.substring(0, entryPoint.lastIndexOf('.')));
        String name = entryPoint.substring(entryPoint.lastIndexOf('.') + 1);
        Method method = Stream.of(type.getMethods()).filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
        return method.getParameterTypes()[index];
    }

    /** A sample of the payload type as the orchestrator would send it (durabletask's Jackson). */
    private static String sampleInputJson(Class<?> type) throws Exception {
        if (type.getName().endsWith("TaskOrchestrationContext")) {
            return null;
        }
        for (Object sample : samples()) {
            if (type.isInstance(sample)) {
                return new JacksonDataConverter().serialize(sample);
            }
        }
        throw new IllegalStateException("no sample payload of type " + type.getName());
    }

    private static List<Object> samples() throws Exception {
        // The payload samples every round-trip test uses, plus the rebuild's input.
        Method payloads = Class.forName("io.acapromoter.orchestration.PayloadRoundTripTest").getDeclaredMethod("payloads");
        payloads.setAccessible(true);
        List<Object> samples = new ArrayList<>(((Stream<?>) payloads.invoke(null)).map(Object.class::cast).toList());
        samples.add(new RebuildInput("rebuild-shop-web-sha256-ab-20261123T000000Z", "shop-web",
                "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/shared/providers/Microsoft.ContainerRegistry/registries/contoso",
                "patch-shop-web", Map.of(), "contoso.azurecr.io", "shop/web", "sha256:" + "ab".repeat(32),
                List.of("CVE-2024-6387"), "2026-11-23T00:00:00Z", "2026-11-23T10:00:00Z"));
        return samples;
    }

    private static String orchestratorRequest(String function, String inputJson) throws Exception {
        String orchestrationInput = inputJson;
        if (orchestrationInput == null) {
            Class<?> inputType = function.equals("RebuildOrchestrator") ? RebuildInput.class
                    : Class.forName("io.acapromoter.orchestration.PromotionInput");
            orchestrationInput = sampleInputJson(inputType);
        }
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        Timestamp at = Timestamp.newBuilder().setSeconds(now.getEpochSecond()).build();
        String instanceId = "host-contract-" + function;
        OrchestratorRequest request = OrchestratorRequest.newBuilder()
                .setInstanceId(instanceId)
                .addNewEvents(HistoryEvent.newBuilder().setEventId(-1).setTimestamp(at)
                        .setOrchestratorStarted(OrchestratorStartedEvent.newBuilder()))
                .addNewEvents(HistoryEvent.newBuilder().setEventId(-1).setTimestamp(at)
                        .setExecutionStarted(ExecutionStartedEvent.newBuilder().setName(function)
                                .setInput(StringValue.of(orchestrationInput))
                                .setOrchestrationInstance(OrchestrationInstance.newBuilder().setInstanceId(instanceId))))
                .build();
        return Base64.getEncoder().encodeToString(request.toByteArray());
    }

    // --- what infra/ deploys --------------------------------------------------------------

    /**
     * The Function App's settings as {@code infra/main.bicep} declares them: literals as written,
     * parameters at their defaults, Key Vault references and other deployment-time values stubbed
     * (endpoints point at a closed local port so nothing leaves this machine).
     */
    static Map<String, String> deployedAppSettings() throws IOException {
        String bicep = Files.readString(BICEP);
        Matcher block = Pattern.compile("var appSettings = \\{(.*?)\\n}", Pattern.DOTALL).matcher(bicep);
        assertThat(block.find()).as("infra/main.bicep declares var appSettings").isTrue();
        Map<String, String> settings = new LinkedHashMap<>();
        Matcher entry = Pattern.compile("^\\s*(\\w+):\\s*(.+?)\\s*$", Pattern.MULTILINE).matcher(block.group(1));
        while (entry.find()) {
            settings.put(entry.group(1), value(bicep, entry.group(1), entry.group(2)));
        }
        // Added by modules/functionapp.bicep from the site's host name.
        settings.put("PROMOTER_PUBLIC_BASE_URL", "https://promoter.example.net");
        return settings;
    }

    private static String value(String bicep, String key, String expression) {
        if (expression.matches("'[^'$]*'")) {
            return expression.substring(1, expression.length() - 1);
        }
        Matcher ternary = Pattern.compile("(\\w+) \\? (.+?) : '([^']*)'").matcher(expression);
        if (ternary.matches()) {
            // A feature switch: follow the parameter's default, as a deployment without overrides does.
            Matcher flag = Pattern.compile("param " + ternary.group(1) + " bool = (true|false)").matcher(bicep);
            if (flag.find()) {
                return flag.group(1).equals("true") ? value(bicep, key, ternary.group(2)) : ternary.group(3);
            }
        }
        Matcher parameter = Pattern.compile("param " + Pattern.quote(expression) + " string = '([^']*)'").matcher(bicep);
        if (expression.matches("\\w+") && parameter.find()) {
            return parameter.group(1);
        }
        if (key.endsWith("ENDPOINT") || key.endsWith("_URL")) {
            // Deployment-time endpoints (interpolated or Key Vault references): a closed local port.
            return "https://127.0.0.1:9/stub";
        }
        if (expression.contains("Reference")) {
            return "stub-key-vault-secret-for-" + key + "-0123456789abcdef0123456789abcdef";
        }
        if (key.equals("PROMOTER_SWEEP_SCHEDULE")) {
            return "0 0 */6 * * *";
        }
        return "stub-" + key.toLowerCase(java.util.Locale.ROOT);
    }

    /** Where a class was loaded from: the harness's own classes, or the worker's core library. */
    private static String jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> jars() throws IOException {
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> top = Files.list(PACKAGE); Stream<Path> lib = Files.list(PACKAGE.resolve("lib"))) {
            top.filter(p -> p.toString().endsWith(".jar")).forEach(jars::add);
            lib.filter(p -> p.toString().endsWith(".jar")).forEach(jars::add);
        }
        return jars;
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no match for " + regex + " in " + text);
        }
        return m.group(1);
    }
}
