package io.acapromoter.local.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acapromoter.local.DemoWorld;
import io.acapromoter.local.LocalRuntime;
import io.acapromoter.local.durable.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's answer for a route next to Azure's recorded answer for the same route, field by
 * field: every field an adapter (or the SDK under it) reads exists in both with the same JSON type,
 * and no field that both have differs in name casing, JSON type or nesting.
 */
class SimulatorShapeTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String RG = "/subscriptions/" + AzureSimulator.DEFAULT_SUBSCRIPTION + "/resourceGroups/" + DemoWorld.RESOURCE_GROUP;
    static final String APPS = RG + "/providers/Microsoft.App/containerApps";
    static final String JOB = RG + "/providers/Microsoft.App/jobs/nightly-report";
    static final String REGISTRY = RG + "/providers/Microsoft.ContainerRegistry/registries/" + DemoWorld.REGISTRY;

    final LocalRuntime rt = new LocalRuntime(ManualClock.startingAt("2026-11-23T10:00:00Z"), null, "http://localhost:7071",
            new PrintStream(new ByteArrayOutputStream()));
    final AzureSimulator sim = rt.sim();
    final HttpClient http = HttpClient.newBuilder().sslContext(sim.sslContext()).proxy(sim.ingressProxy())
            .connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() {
        rt.close();
    }

    record Answer(int status, Map<String, List<String>> headers, JsonNode body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }
    }

    Answer call(String method, String url, String authorization, String contentType, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode json = response.body().length == 0 ? null : JSON.readTree(response.body());
        return new Answer(response.statusCode(), response.headers().map(), json);
    }

    Answer arm(String method, String path, String apiVersion, String body) throws IOException, InterruptedException {
        String url = sim.armEndpoint() + path.substring(1) + (path.contains("?") ? "&" : "?") + "api-version=" + apiVersion;
        return call(method, url, "Bearer sim", body == null ? null : "application/json", body);
    }

    Answer arm(String path, String apiVersion) throws IOException, InterruptedException {
        Answer answer = arm("GET", path, apiVersion, null);
        assertThat(answer.status()).as("GET " + path).isEqualTo(200);
        return answer;
    }

    /** A registry call with the ACR token dance the SDK does (exchange an AAD token, then get an access token for the scope). */
    Answer registry(String path, String scope) throws IOException, InterruptedException {
        String base = "https://" + DemoWorld.REGISTRY_HOST;
        JsonNode refresh = call("POST", base + "/oauth2/exchange?api-version=2021-07-01", null, "application/x-www-form-urlencoded",
                "grant_type=access_token&service=" + DemoWorld.REGISTRY_HOST + "&access_token=aad").body();
        JsonNode access = call("POST", base + "/oauth2/token?api-version=2021-07-01", null, "application/x-www-form-urlencoded",
                "service=" + DemoWorld.REGISTRY_HOST + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8)
                        + "&refresh_token=" + refresh.path("refresh_token").asText() + "&grant_type=refresh_token").body();
        Answer answer = call("GET", base + path, "Bearer " + access.path("access_token").asText(), null, null);
        assertThat(answer.status()).as("GET " + path).isEqualTo(200);
        return answer;
    }

    // ------------------------------------------------------------------ the comparison

    /** Differences in names (casing), JSON types and nesting between two answers for one route. */
    static List<String> differences(JsonNode recorded, JsonNode simulated, String at) {
        List<String> out = new ArrayList<>();
        if (recorded == null || simulated == null || recorded.isNull() || simulated.isNull()) {
            return out;
        }
        if (kind(recorded) != kind(simulated)) {
            out.add(at + ": Azure has " + kind(recorded) + ", the simulator " + kind(simulated));
            return out;
        }
        if (recorded.isObject()) {
            for (Iterator<String> names = recorded.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (simulated.has(name)) {
                    out.addAll(differences(recorded.get(name), simulated.get(name), at + "." + name));
                } else {
                    for (Iterator<String> other = simulated.fieldNames(); other.hasNext(); ) {
                        String candidate = other.next();
                        if (candidate.equalsIgnoreCase(name)) {
                            out.add(at + "." + name + ": the simulator spells it " + candidate);
                        }
                    }
                }
            }
        } else if (recorded.isArray() && !recorded.isEmpty() && !simulated.isEmpty()) {
            out.addAll(differences(recorded.get(0), simulated.get(0), at + "[]"));
        }
        return out;
    }

    enum Kind { OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, NULL }

    static Kind kind(JsonNode n) {
        return n.isObject() ? Kind.OBJECT : n.isArray() ? Kind.ARRAY : n.isTextual() ? Kind.STRING : n.isNumber() ? Kind.NUMBER
                : n.isBoolean() ? Kind.BOOLEAN : Kind.NULL;
    }

    /** The value at a dotted path; {@code []} steps into the first element of an array. */
    static JsonNode at(JsonNode root, String path) {
        JsonNode n = root;
        for (String step : path.split("\\.")) {
            boolean array = step.endsWith("[]");
            n = n.path(array ? step.substring(0, step.length() - 2) : step);
            if (array) {
                n = n.path(0);
            }
        }
        return n;
    }

    /** The comparison and, for each field read, presence with the same JSON type in both. */
    static void assertSameShape(String route, JsonNode recorded, JsonNode simulated, String... read) {
        assertThat(differences(recorded, simulated, route)).as("shape of " + route).isEmpty();
        for (String path : read) {
            JsonNode r = at(recorded, path);
            JsonNode s = at(simulated, path);
            assertThat(r.isMissingNode() || r.isNull()).as(route + " " + path + " in Azure's answer").isFalse();
            assertThat(s.isMissingNode() || s.isNull()).as(route + " " + path + " in the simulator's answer").isFalse();
            assertThat(kind(s)).as(route + " " + path + " type").isEqualTo(kind(r));
        }
    }

    static JsonNode body(String fixture) {
        return Recorded.load(fixture).body();
    }

    // ------------------------------------------------------------------ container apps

    @Test
    void comparison_findsATypeAndACasingDifference() throws IOException {
        JsonNode azure = JSON.readTree("{\"properties\":{\"trafficWeight\":80,\"latestRevisionName\":\"a\"}}");
        JsonNode sim = JSON.readTree("{\"properties\":{\"trafficWeight\":\"80\",\"LatestRevisionName\":\"a\"}}");

        assertThat(differences(azure, sim, "x")).containsExactly("x.properties.trafficWeight: Azure has NUMBER, the simulator STRING",
                "x.properties.latestRevisionName: the simulator spells it LatestRevisionName");
    }

    @Test
    void appGet_matchesTheRecordedApp() throws Exception {
        JsonNode simulated = arm(APPS + "/shop-web", "2025-01-01").body();

        assertSameShape("GET containerApps/{app}", body("containerapps/app-get-recorded"), simulated,
                "name", "location", "properties.latestRevisionName", "properties.latestReadyRevisionName",
                "properties.configuration.activeRevisionsMode", "properties.configuration.ingress.fqdn",
                "properties.configuration.ingress.traffic[].weight", "properties.template.containers[].name",
                "properties.template.containers[].image", "properties.template.containers[].resources.cpu");
        // like the recorded app, the simulator's starts with [{weight 100, latestRevision true}]: no revisionName to compare
        assertSameShape("GET containerApps/{app} (spec)", body("containerapps/app-get"), simulated);
    }

    @Test
    void appsAndJobs_carryTheRegionsDisplayNameAsAzureWritesIt() throws Exception {
        JsonNode app = arm(APPS + "/shop-web", "2025-01-01").body();
        JsonNode job = arm(JOB, "2025-01-01").body();
        Answer created = arm("PUT", APPS + "/made-with-short-name", "2025-01-01", "{\"location\":\"eastus\",\"properties\":{"
                + "\"managedEnvironmentId\":\"" + RG + "/providers/Microsoft.App/managedEnvironments/" + DemoWorld.ENVIRONMENT + "\","
                + "\"template\":{\"containers\":[{\"name\":\"c\",\"image\":\"mcr.microsoft.com/k8se/quickstart:latest\"}]}}}");

        assertThat(body("containerapps/app-get-recorded").path("location").asText()).isEqualTo("East US");
        assertThat(app.path("location").asText()).isEqualTo("West Europe");
        assertThat(job.path("location").asText()).isEqualTo("West Europe");
        assertThat(created.status()).isIn(200, 201);
        assertThat(arm(APPS + "/made-with-short-name", "2025-01-01").body().path("location").asText()).isEqualTo("East US");
    }

    @Test
    void revisions_matchTheRecordedRevisionsAndReplicas() throws Exception {
        JsonNode list = arm(APPS + "/shop-web/revisions", "2025-01-01").body();
        JsonNode one = arm(APPS + "/shop-web/revisions/shop-web--initial", "2025-01-01").body();
        JsonNode replicas = arm(APPS + "/shop-web/revisions/shop-web--initial/replicas", "2025-01-01").body();

        assertSameShape("GET revisions", body("containerapps/revisions-list"), list,
                "value[].name", "value[].properties.createdTime", "value[].properties.active", "value[].properties.trafficWeight",
                "value[].properties.replicas", "value[].properties.template.containers[].image", "value[].properties.fqdn");
        assertSameShape("GET revisions/{rev}", body("containerapps/revision-get"), one,
                "name", "properties.runningState", "properties.active", "properties.replicas", "properties.trafficWeight");
        assertSameShape("GET revisions/{rev} (az output)", body("containerapps/revision-running-at-max-scale"), one,
                "properties.provisioningState", "properties.healthState", "properties.runningState");
        assertSameShape("GET revisions/{rev} (failed activation)", body("containerapps/revision-activation-failed"), one);
        assertSameShape("GET replicas", body("containerapps/replicas-list"), replicas,
                "value[].name", "value[].properties.containers[].restartCount");
    }

    @Test
    void patchAnswerAndOperationStatus_matchTheRecordedOnes() throws Exception {
        JsonNode app = arm(APPS + "/shop-web", "2025-01-01").body();
        String image = app.path("properties").path("template").path("containers").path(0).path("image").asText();
        Answer patch = arm("PATCH", APPS + "/shop-web", "2025-01-01", "{\"properties\":{\"template\":{\"revisionSuffix\":\"shape1\","
                + "\"containers\":[{\"name\":\"web\",\"image\":\"" + image + "\"}]}}}");

        assertThat(patch.status()).isIn(200, 201, 202);
        String operation = patch.header("Azure-AsyncOperation");
        assertThat(operation).as("Azure-AsyncOperation on the simulator's PATCH answer").isNotNull()
                .contains("/providers/Microsoft.App/locations/").contains("?api-version=");
        Answer status = call("GET", operation, "Bearer sim", null, null);
        assertSameShape("GET containerappOperationStatuses/{id}", body("containerapps/operation-status-inprogress"), status.body(),
                "id", "name", "status", "startTime");
        assertSameShape("GET containerappOperationStatuses/{id} (failed)", body("containerapps/operation-status-failed"), status.body());
    }

    // ------------------------------------------------------------------ jobs

    @Test
    void jobGetStartAndExecution_matchTheRecordedOnes() throws Exception {
        JsonNode job = arm(JOB, "2025-01-01").body();
        Answer start = arm("POST", JOB + "/start", "2025-01-01", null);
        assertThat(start.status()).isIn(200, 202);
        JsonNode started = start.body() != null ? start.body() : call("GET", start.header("Location"), "Bearer sim", null, null).body();
        JsonNode execution = arm(JOB + "/executions/" + started.path("name").asText(), "2025-01-01").body();
        JsonNode executions = arm(JOB + "/executions", "2025-01-01").body();

        assertSameShape("GET jobs/{job}", body("jobs/job-get"), job, "name", "location", "properties.template.containers[].name",
                "properties.template.containers[].image", "properties.configuration.triggerType");
        assertSameShape("POST jobs/{job}/start", body("jobs/job-start-ok"), started, "name", "id");
        assertSameShape("GET jobs/{job}/executions/{exec}", body("jobs/job-execution-get"), execution,
                "name", "properties.status", "properties.startTime");
        assertSameShape("GET jobs/{job}/executions", body("jobs/job-executions-list"), executions, "value[].name", "value[].properties.status");
    }

    /** A start as the spec's {@code Job_Start} example sends it: its own containers and init containers. */
    JsonNode startWith(String template) throws Exception {
        Answer start = arm("POST", JOB + "/start", "2025-01-01", template);
        assertThat(start.status()).as(String.valueOf(start.body())).isIn(200, 202);
        JsonNode started = start.body() != null ? start.body() : call("GET", start.header("Location"), "Bearer sim", null, null).body();
        return arm(JOB + "/executions/" + started.path("name").asText(), "2025-01-01").body();
    }

    @Test
    void jobStartWithATemplate_runsThatTemplateInsteadOfTheJobs_andReportsItInTheRecordedShape() throws Exception {
        String image = sim.pushImage(DemoWorld.REGISTRY, "reports/nightly", "t2031-01-01").reference();
        sim.mountJobVolume(DemoWorld.RESOURCE_GROUP, "nightly-report", "report", "scratch", "/scratch");
        String jobImage = sim.jobImage(DemoWorld.RESOURCE_GROUP, "nightly-report");

        JsonNode execution = startWith("""
                {"containers": [{"image": "%s", "name": "report", "resources": {"cpu": 0.5, "memory": "1Gi"},
                                 "env": [{"name": "A", "value": "1"}],
                                 "volumeMounts": [{"volumeName": "scratch", "mountPath": "/elsewhere"}],
                                 "probes": [{"type": "Liveness", "tcpSocket": {"port": 8080}}]}],
                 "initContainers": [{"image": "%s", "name": "init", "command": ["/bin/sh"], "args": ["-c", "true"]}]}
                """.formatted(image, image));
        JsonNode executions = arm(JOB + "/executions", "2025-01-01").body();
        JsonNode ran = sim.jobExecutionRan(DemoWorld.RESOURCE_GROUP, "nightly-report", execution.path("name").asText());

        assertSameShape("GET jobs/{job}/executions/{exec} (started with a template)", body("jobs/job-execution-get"), execution,
                "properties.template.containers[].image", "properties.template.containers[].name",
                "properties.template.initContainers[].command");
        assertSameShape("GET jobs/{job}/executions (started with a template)", body("jobs/job-executions-list"), executions,
                "value[].properties.template.containers[].image", "value[].properties.template.initContainers[].args");
        assertThat(execution.path("properties").path("template").path("containers").get(0).path("image").asText()).isEqualTo(image);
        assertThat(execution.path("properties").path("template").path("containers").get(0).path("env").toString()).contains("\"A\"");
        assertThat(ran.path("containers").get(0).has("volumeMounts")).as("an execution container has no volume mounts").isFalse();
        assertThat(ran.path("containers").get(0).has("probes")).as("nor probes").isFalse();
        assertThat(ran.path("initContainers").get(0).path("name").asText()).isEqualTo("init");
        assertThat(sim.jobImage(DemoWorld.RESOURCE_GROUP, "nightly-report")).as("the job itself unchanged").isEqualTo(jobImage);
    }

    @Test
    void jobStartWithoutATemplate_runsTheJobAsItStands_mountsIncluded() throws Exception {
        sim.mountJobVolume(DemoWorld.RESOURCE_GROUP, "nightly-report", "report", "scratch", "/scratch");

        JsonNode execution = startWith(null);
        JsonNode ran = sim.jobExecutionRan(DemoWorld.RESOURCE_GROUP, "nightly-report", execution.path("name").asText());

        assertThat(ran.path("containers").get(0).path("volumeMounts").toString()).contains("/scratch");
        assertThat(execution.path("properties").path("template").path("containers").get(0).has("volumeMounts"))
                .as("reported as an execution template").isFalse();
        assertThat(execution.path("properties").path("template").path("containers").get(0).path("image").asText())
                .isEqualTo(sim.jobImage(DemoWorld.RESOURCE_GROUP, "nightly-report"));
    }

    @Test
    void jobStartWithAnOddTemplate_isAnsweredWithABadRequestAndStartsNothing() throws Exception {
        for (String odd : List.of("{\"containers\": []}", "{\"containers\": \"report\"}", "{\"containers\": [{\"name\": \"report\"}]}",
                "{\"containers\": [{\"image\": \"x\"}]}", "{\"containers\": [7]}", "{\"initContainers\": [{\"name\": \"i\", \"image\": \"x\"}]}",
                "{\"containers\": [{\"name\": \"report\", \"image\": \"x\"}], \"initContainers\": {}}")) {
            Answer answer = arm("POST", JOB + "/start", "2025-01-01", odd);

            assertThat(answer.status()).as(odd).isEqualTo(400);
            assertThat(answer.body().path("error").path("code").asText()).as(odd).isEqualTo("JobInvalidSchema");
        }
        assertThat(sim.jobExecutions(DemoWorld.RESOURCE_GROUP, "nightly-report")).isEmpty();
    }

    // ------------------------------------------------------------------ registry

    @Test
    void registryAnswers_matchTheRecordedOnes() throws Exception {
        String digest = sim.pushImage(DemoWorld.REGISTRY, "shop/web", "v7.7.7").digest();
        sim.pushSignature(DemoWorld.REGISTRY, "shop/web", digest);
        String base = "https://" + DemoWorld.REGISTRY_HOST;

        Answer challenge = call("GET", base + "/v2/shop/web/manifests/" + digest, null, null, null);
        Answer manifest = registry("/v2/shop/web/manifests/" + digest, "repository:shop/web:pull");
        Answer tag = registry("/acr/v1/shop/web/_tags/v7.7.7", "repository:shop/web:metadata_read");
        Answer properties = registry("/acr/v1/shop/web/_manifests/" + digest, "repository:shop/web:metadata_read");
        Answer referrers = registry("/v2/shop/web/referrers/" + digest + "?artifactType=application%2Fvnd.cncf.notary.signature",
                "repository:shop/web:pull");

        Recorded recordedChallenge = Recorded.load("acr/challenge");
        assertThat(challenge.status()).isEqualTo(401);
        assertThat(challenge.header("WWW-Authenticate")).startsWith("Bearer realm=\"https://" + DemoWorld.REGISTRY_HOST + "/oauth2/token\",service=\"")
                .contains(",scope=\"repository:shop/web:pull\"");
        assertSameShape("401 challenge", recordedChallenge.body(), challenge.body(), "errors[].code", "errors[].message");
        Recorded recordedManifest = Recorded.load("acr/manifest-get");
        assertThat(manifest.header("Content-Type")).isNotNull();
        assertThat(manifest.header("Docker-Content-Digest")).isEqualTo(digest);
        assertSameShape("GET /v2/{repo}/manifests/{digest}", recordedManifest.body(), manifest.body(),
                "schemaVersion", "config.digest", "layers[].digest", "layers[].size");
        assertSameShape("GET /acr/v1/{repo}/_tags/{tag}", body("acr/tag-properties"), tag.body(), "tag.name", "tag.digest", "tag.createdTime");
        assertSameShape("GET /acr/v1/{repo}/_manifests/{digest}", body("acr/manifest-properties"), properties.body(),
                "manifest.digest", "manifest.createdTime", "manifest.tags");
        assertThat(referrers.header("OCI-Filters-Applied")).isEqualTo(Recorded.load("acr/referrers-filtered").header("OCI-Filters-Applied"));
        assertSameShape("GET /v2/{repo}/referrers/{digest}", body("acr/referrers-filtered"), referrers.body(),
                "manifests[].digest", "manifests[].artifactType", "manifests[].mediaType");
        assertThat(referrers.header("Content-Type")).startsWith("application/vnd.oci.image.index.v1+json");
    }

    @Test
    void tokenExchange_matchesTheRecordedOne() throws Exception {
        String base = "https://" + DemoWorld.REGISTRY_HOST;
        JsonNode refresh = call("POST", base + "/oauth2/exchange?api-version=2021-07-01", null, "application/x-www-form-urlencoded",
                "grant_type=access_token&service=" + DemoWorld.REGISTRY_HOST + "&access_token=aad").body();
        JsonNode access = call("POST", base + "/oauth2/token?api-version=2021-07-01", null, "application/x-www-form-urlencoded",
                "service=" + DemoWorld.REGISTRY_HOST + "&scope=repository%3Ashop%2Fweb%3Apull&refresh_token="
                        + refresh.path("refresh_token").asText() + "&grant_type=refresh_token").body();

        assertSameShape("POST /oauth2/exchange", body("acr/exchange"), refresh, "refresh_token");
        assertSameShape("POST /oauth2/token", body("acr/token"), access, "access_token");
    }

    // ------------------------------------------------------------------ ACR Tasks and Resource Graph

    @Test
    void taskRunAnswers_matchTheRecordedOnes() throws Exception {
        Answer scheduled = arm("POST", REGISTRY + "/scheduleRun", "2019-06-01-preview",
                "{\"type\":\"TaskRunRequest\",\"taskId\":\"" + REGISTRY + "/tasks/" + DemoWorld.REBUILD_TASK + "\"}");
        assertThat(scheduled.status()).isEqualTo(200);
        String runId = scheduled.body().path("properties").path("runId").asText();
        rt.driver().advance(Duration.ofMinutes(3));
        JsonNode run = arm(REGISTRY + "/runs/" + runId, "2019-06-01-preview").body();
        JsonNode log = arm("POST", REGISTRY + "/runs/" + runId + "/listLogSasUrl", "2019-06-01-preview", null).body();

        assertSameShape("POST scheduleRun", body("acrtasks/schedule-run"), scheduled.body(), "properties.runId", "properties.status", "id", "name");
        assertSameShape("GET runs/{run}", body("acrtasks/run-get"), run, "properties.runId", "properties.status",
                "properties.outputImages[].registry", "properties.outputImages[].repository", "properties.outputImages[].tag",
                "properties.outputImages[].digest");
        assertSameShape("POST runs/{run}/listLogSasUrl", body("acrtasks/run-log-sas-url"), log, "logLink");
    }

    @Test
    void taskRunResourceAnswers_matchTheRecordedOneAndASecondPutStartsNoRun() throws Exception {
        String request = "{\"properties\":{\"runRequest\":{\"type\":\"TaskRunRequest\",\"taskId\":\"" + REGISTRY + "/tasks/"
                + DemoWorld.REBUILD_TASK + "\"}}}";
        Answer created = arm("PUT", REGISTRY + "/taskRuns/promoter-shape", "2019-06-01-preview", request);
        Answer again = arm("PUT", REGISTRY + "/taskRuns/promoter-shape", "2019-06-01-preview", request);
        Answer read = arm("GET", REGISTRY + "/taskRuns/promoter-shape", "2019-06-01-preview", null);

        assertThat(created.status()).isEqualTo(201);
        assertSameShape("PUT taskRuns/{name}", body("acrtasks/task-run-create"), created.body(), "properties.runResult.properties.runId",
                "properties.runResult.name", "id", "name");
        assertThat(again.body().at("/properties/runResult/properties/runId")).isEqualTo(created.body().at("/properties/runResult/properties/runId"));
        assertThat(read.body().at("/properties/runResult/name")).isEqualTo(created.body().at("/properties/runResult/name"));
        assertThat(rt.sim().taskRuns(DemoWorld.REGISTRY)).hasSize(1);
    }

    @Test
    void resourceGraphPage_matchesTheRecordedEnvelope() throws Exception {
        String digest = sim.pushImage(DemoWorld.REGISTRY, "shop/web", "v8.8.8").digest();
        sim.addFinding(new VulnerabilityFinding(false, DemoWorld.REGISTRY_HOST, "shop/web", digest, List.of("v8.8.8"), "CVE-2024-6387", "High", true));
        sim.addFinding(new VulnerabilityFinding(false, DemoWorld.REGISTRY_HOST, "shop/web", digest, List.of("v8.8.8"), "CVE-2024-0001", "Low", false));
        Answer page = arm("POST", "/providers/Microsoft.ResourceGraph/resources", "2021-03-01",
                "{\"subscriptions\":[\"" + AzureSimulator.DEFAULT_SUBSCRIPTION + "\"],\"query\":\"securityresources\","
                        + "\"options\":{\"resultFormat\":\"objectArray\",\"$top\":1}}");

        assertThat(page.status()).isEqualTo(200);
        assertSameShape("POST Microsoft.ResourceGraph/resources", body("resourcegraph/query-first-page"), page.body(),
                "totalRecords", "count", "resultTruncated", "$skipToken", "data[].id", "data[].properties.status.code",
                "data[].properties.additionalData.artifactDetails.digest");
    }
    @Test
    void azureMonitorAnswers_matchTheRecordedMetricsAndLogsQueryShapes() throws Exception {
        rt.driver().advance(Duration.ofMinutes(2));
        String app = APPS + "/shop-checkout";
        String filter = URLEncoder.encode("revisionName eq 'shop-checkout--initial' and statusCodeCategory eq '*'", StandardCharsets.UTF_8)
                .replace("+", "%20");
        String span = URLEncoder.encode(sim.clock().now().minusSeconds(120) + "/" + sim.clock().now(), StandardCharsets.UTF_8);
        Answer metrics = arm("GET", app + "/providers/Microsoft.Insights/metrics?metricnames=Requests&aggregation=Total"
                + "&interval=FULL&timespan=" + span + "&$filter=" + filter, "2023-10-01", null);
        String component = RG + "/providers/Microsoft.Insights/components/" + DemoWorld.APPLICATION_INSIGHTS;
        Answer query = call("POST", sim.logsEndpoint() + "v1" + component + "/query", "Bearer sim", "application/json",
                JSON.createObjectNode().put("query", "requests\n| where timestamp >= datetime(" + sim.clock().now().minusSeconds(120)
                        + ") and timestamp < datetime(" + sim.clock().now() + ")\n| where cloud_RoleInstance startswith "
                        + "'shop-checkout--initial-'\n| summarize total = sum(itemCount), failed = sumif(itemCount, toint(resultCode) >= 500), "
                        + "p95 = percentile(duration, 95)").toString());

        assertThat(metrics.status()).as(metrics.body().toString()).isEqualTo(200);
        assertSameShape("GET Microsoft.Insights/metrics", body("monitor/metrics-requests"), metrics.body(),
                "value[].name.value", "value[].errorCode", "value[].timeseries[].metadatavalues[].name.value",
                "value[].timeseries[].metadatavalues[].value", "value[].timeseries[].data[].total");
        assertThat(metrics.body().at("/value/0/timeseries/0/data/0/total").asDouble()).isEqualTo(1200.0);
        assertThat(query.status()).as(query.body().toString()).isEqualTo(200);
        assertSameShape("POST v1/{resource}/query", body("monitor/logs-query"), query.body(),
                "tables[].columns[].name", "tables[].rows[]");
        assertThat(query.body().at("/tables/0/rows/0/0").asLong()).isEqualTo(1200);
    }
}
