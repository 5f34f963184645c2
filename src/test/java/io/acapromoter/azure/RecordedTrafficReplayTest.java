package io.acapromoter.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acapromoter.domain.Digest;
import io.acapromoter.domain.Finding;
import io.acapromoter.domain.PinnedImage;
import io.acapromoter.local.sim.Recorded;
import io.acapromoter.local.sim.ReplayServer;
import io.acapromoter.ports.BuildRun;
import io.acapromoter.ports.ContainerApp;
import io.acapromoter.ports.JobExecution;
import io.acapromoter.ports.OperationStatus;
import io.acapromoter.ports.PendingOperation;
import io.acapromoter.ports.Replica;
import io.acapromoter.ports.Revision;
import io.acapromoter.ports.StartedExecution;
import io.acapromoter.ports.StartedRevision;
import io.acapromoter.ports.TrafficSplit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every adapter operation against answers Azure really gave (recorded traffic and the REST spec's
 * examples under {@code src/test/resources/recorded}, each naming its source), served by
 * {@link ReplayServer} through the same SDK pipeline the Functions app uses. The fixtures, their
 * sources and what they show are listed in {@code docs/recorded-traffic.md}.
 */
class RecordedTrafficReplayTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final TokenCredential FAKE_AAD = request -> Mono.just(new AccessToken("fake-aad-token", OffsetDateTime.now().plusHours(1)));

    /** The app of the azure-cli recording, and the spec examples' app. */
    static final String CLI_APP = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/clitest.rg000001/providers/Microsoft.App/containerApps/containerapp000002";
    static final String SPEC_APP = "/subscriptions/34adfa4f-cedf-4dc0-ba29-b6d1a69ab345/resourceGroups/rg/providers/Microsoft.App/containerApps/testcontainerapp0";
    static final String SPEC_JOB = "/subscriptions/34adfa4f-cedf-4dc0-ba29-b6d1a69ab345/resourceGroups/rg/providers/Microsoft.App/jobs/testcontainerappsjob0";
    static final String SPEC_REGISTRY = "/subscriptions/4385cf00-2d3a-425a-832f-f4285b1c9dce/resourceGroups/myResourceGroup/providers/Microsoft.ContainerRegistry/registries/myRegistry";
    static final String APP_OPERATION = "/subscriptions/34adfa4f-cedf-4dc0-ba29-b6d1a69ab345/providers/Microsoft.App/locations/eastus/containerappOperationResults/62e4d893-d233-4005-988e-a428d9f77076";
    static final String JOB_OPERATION = "/subscriptions/34adfa4f-cedf-4dc0-ba29-b6d1a69ab345/providers/Microsoft.App/locations/eastus/containerappsjobOperationResults/62e4d893-d233-4005-988e-a428d9f77076";
    static final PinnedImage IMAGE = PinnedImage.parse("myregistry.azurecr.io/shop/web@sha256:" + "ab".repeat(32));

    final ReplayServer server = new ReplayServer();
    final AzureConnection connection = new AzureConnection(server.armEndpoint(), FAKE_AAD, server.httpClient(),
            new RetryOptions(new FixedDelayOptions(1, Duration.ofMillis(1))), Duration.ofMillis(1));

    @AfterEach
    void stop() {
        server.close();
    }

    static Recorded recorded(String name) {
        return Recorded.load(name);
    }

    JsonNode onlyBody(String method, String pathPart) throws Exception {
        List<ReplayServer.Seen> seen = server.requests(method, pathPart);
        assertThat(seen).as(method + " " + pathPart).hasSize(1);
        return JSON.readTree(seen.get(0).body());
    }

    /** A PATCH answered as in the spec (202 + Azure-AsyncOperation), polled as recorded (InProgress, then Succeeded). */
    void acceptPatchOf(String resource, Recorded accepted, String operationPath, Recorded finalGet) {
        server.serveAt("PATCH", resource, accepted)
                .serveAt("GET", operationPath, recorded("containerapps/operation-status-inprogress"))
                .serveAt("GET", operationPath, recorded("containerapps/operation-status-succeeded"))
                .serveAt("GET", resource, finalGet);
    }

    // ------------------------------------------------------------------ container apps

    @Test
    void getApp_readsARecordedAppWithLatestRevisionTrafficNullsAndDisplayLocation() {
        server.serveAt("GET", CLI_APP, recorded("containerapps/app-get-recorded"))
                .serveAt("GET", CLI_APP + "/revisions", recorded("containerapps/revisions-list"));

        ContainerApp app = connection.armContainerApps().getApp(CLI_APP);

        assertThat(app.name()).isEqualTo("containerapp000002");
        assertThat(app.multipleRevisions()).isFalse();
        assertThat(app.latestRevision()).isEqualTo("containerapp000002--jwf75nv");
        assertThat(app.images()).containsExactly(Map.entry("containerapp000002", "mcr.microsoft.com/k8se/quickstart:latest"));
        assertThat(app.traffic()).containsExactly(new TrafficSplit("containerapp000002--jwf75nv", 100, Optional.empty()));
        assertThat(app.defaultDomain()).isEqualTo("braveforest-05e8858f.eastus.azurecontainerapps.io");
        assertThat(app.fqdn()).contains("containerapp000002.braveforest-05e8858f.eastus.azurecontainerapps.io");
        assertThat(app.revisions()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("testcontainerApp0-pjxhsye");
            assertThat(r.trafficWeight()).isEqualTo(80);
            assertThat(r.images()).containsEntry("testcontainerApp0", "repo/testcontainerApp0:v2");
            assertThat(r.createdAt()).isEqualTo(Instant.parse("2021-05-24T21:24:22Z"));
            // the list example carries no states at all: never taken for ready
            assertThat(r.isReady()).isFalse();
        });
    }

    @Test
    void getApp_readsTheSpecAppsLabelledTrafficByRevisionName() {
        server.serve(recorded("containerapps/app-get")).serveAt("GET", SPEC_APP + "/revisions", recorded("containerapps/revisions-list"));

        ContainerApp app = connection.armContainerApps().getApp(SPEC_APP);

        assertThat(app.traffic()).containsExactly(new TrafficSplit("testcontainerapp0-ab1234", 80, Optional.empty()),
                new TrafficSplit("testcontainerapp0-ab4321", 20, Optional.of("staging")));
        assertThat(app.defaultDomain()).isEqualTo("demokube-t24clv0g.eastus.containerApps.k4apps.io");
        assertThat(app.labelUrl("staging")).isEqualTo("https://testcontainerapp0---staging.demokube-t24clv0g.eastus.containerApps.k4apps.io");
    }

    @Test
    void getRevision_readsStates_andListReplicas_readsEveryReplicaAndContainerField() {
        server.serve(recorded("containerapps/revision-get"), recorded("containerapps/replicas-list"));

        Revision revision = connection.armContainerApps().getRevision(SPEC_APP, "testcontainerApp0-pjxhsye");
        List<Replica> replicas = connection.armContainerApps().listReplicas(SPEC_APP, "testcontainerApp0-pjxhsye");

        assertThat(revision.running()).isEqualTo("Running");
        assertThat(revision.active()).isTrue();
        assertThat(replicas).containsExactly(new Replica("myapp--0wlqy09-5d9774cff-5wnd8", Optional.of("Running"),
                Optional.of("testDetail"), List.of(new Replica.Container("hello92", Optional.of(true), Optional.of(true),
                        OptionalInt.of(0), Optional.of("Running"), Optional.of("testDetail")))));
        assertThat(revision.fqdn()).contains("testcontainerApp0-pjxhsye.politehill-ab123456.eastus.azurecontainerapps.io");
        assertThat(server.requests("GET", "/replicas")).hasSize(1);
    }

    @Test
    void getRevision_keepsTheRunningStatesTheSdkEnumDoesNotName() {
        server.serve(recorded("containerapps/revision-running-at-max-scale"), recorded("containerapps/revision-activating"),
                recorded("containerapps/revision-activation-failed"), recorded("containerapps/revision-stopped"));
        for (String active : List.of("fixed", "starting", "broken")) {
            server.serveAt("GET", SPEC_APP + "/revisions/testcontainerapp0--" + active + "/replicas", recorded("containerapps/replicas-list"));
        }
        var apps = connection.armContainerApps();

        Revision fixed = apps.getRevision(SPEC_APP, "testcontainerapp0--fixed");
        Revision starting = apps.getRevision(SPEC_APP, "testcontainerapp0--starting");
        Revision broken = apps.getRevision(SPEC_APP, "testcontainerapp0--broken");
        Revision old = apps.getRevision(SPEC_APP, "testcontainerapp0--old");

        assertThat(fixed.running()).isEqualTo("RunningAtMaxScale");
        assertThat(fixed.provisioning()).isEqualTo(Revision.Provisioning.PROVISIONED);
        assertThat(fixed.health()).isEqualTo(Revision.Health.HEALTHY);
        assertThat(fixed.isReady()).as("min = max replicas: RunningAtMaxScale is ready").isTrue();
        assertThat(starting.running()).isEqualTo("Activating");
        assertThat(starting.health()).isEqualTo(Revision.Health.NONE);
        assertThat(starting.isReady()).isFalse();
        assertThat(broken.running()).isEqualTo("ActivationFailed");
        assertThat(broken.provisioning()).as("Azure keeps a failed activation Provisioned").isEqualTo(Revision.Provisioning.PROVISIONED);
        assertThat(broken.health()).isEqualTo(Revision.Health.UNHEALTHY);
        assertThat(broken.readiness()).as("fails at once, not at the timeout").isEqualTo(Revision.Readiness.FAILED);
        assertThat(old.active()).isFalse();
        assertThat(old.running()).isEqualTo("Stopped");
        assertThat(old.isReady()).isFalse();
        assertThat(server.requests("GET", "/replicas")).as("reading a revision reads no replicas; they are listed apart")
                .isEmpty();
    }

    @Test
    void beginDeployImage_patchesTheTemplateAndReturnsTheRecordedAsyncOperationToWatch() throws Exception {
        server.serve(recorded("containerapps/app-get"));
        acceptPatchOf(SPEC_APP, recorded("containerapps/app-patch-accepted"), APP_OPERATION, recorded("containerapps/app-get"));

        var apps = connection.armContainerApps();
        StartedRevision started = apps.beginDeployImage(SPEC_APP, "testcontainerapp0", IMAGE, "sha-abababababab");
        String revision = started.revision();

        JsonNode patch = onlyBody("PATCH", "/containerApps/testcontainerapp0");
        JsonNode template = patch.path("properties").path("template");
        assertThat(template.path("revisionSuffix").asText()).isEqualTo("sha-abababababab");
        assertThat(template.path("containers").get(0).path("image").asText()).isEqualTo(IMAGE.toString());
        assertThat(template.path("initContainers").get(0).path("name").asText()).as("the rest of the real template is sent back")
                .isEqualTo("testinitcontainerApp0");
        assertThat(template.path("scale").path("rules").get(0).path("http").path("metadata").path("concurrentRequests").asText()).isEqualTo("50");
        assertThat(template.path("serviceBinds").get(0).path("name").asText()).isEqualTo("service");
        assertThat(server.requests("GET", APP_OPERATION)).as("started, not waited for").isEmpty();
        assertThat(patch.has("location")).as("the GET's display location is not sent back").isFalse();
        PendingOperation operation = started.operation().orElseThrow();
        assertThat(operation.kind()).isEqualTo(PendingOperation.Kind.AZURE_ASYNC_OPERATION);
        assertThat(apps.getOperation(SPEC_APP, operation).state()).isEqualTo(OperationStatus.State.IN_PROGRESS);
        assertThat(apps.getOperation(SPEC_APP, operation).state()).isEqualTo(OperationStatus.State.SUCCEEDED);
        // the spec's app names no latestRevisionName: the adapter falls back to <app>--<suffix>
        assertThat(revision).isEqualTo("testcontainerapp0--sha-abababababab");
    }

    @Test
    void beginLabelledRevision_pinsLatestRevisionTrafficAndAddsTheLabelAtZero() throws Exception {
        server.serveAt("GET", CLI_APP, recorded("containerapps/app-get-recorded"));
        acceptPatchOf(CLI_APP, recorded("containerapps/app-patch-accepted"), APP_OPERATION, recorded("containerapps/app-get-recorded"));

        String revision = connection.armContainerApps().beginLabelledRevision(CLI_APP, "containerapp000002", IMAGE, "sha-abababababab",
                "staging").revision();

        assertThat(revision).isEqualTo("containerapp000002--sha-abababababab");
        JsonNode traffic = onlyBody("PATCH", "/containerApps/containerapp000002").path("properties").path("configuration").path("ingress").path("traffic");
        assertThat(traffic).hasSize(2);
        assertThat(traffic.get(0).path("revisionName").asText()).isEqualTo("containerapp000002--jwf75nv");
        assertThat(traffic.get(0).path("weight").asInt()).isEqualTo(100);
        assertThat(traffic.get(0).has("latestRevision")).isFalse();
        assertThat(traffic.get(1).path("revisionName").asText()).isEqualTo(revision);
        assertThat(traffic.get(1).path("weight").asInt()).isZero();
        assertThat(traffic.get(1).path("label").asText()).isEqualTo("staging");
    }

    @Test
    void setTraffic_sendsOnlyTheTrafficAndWaitsForTheOperation() throws Exception {
        server.serve(recorded("containerapps/app-get"));
        acceptPatchOf(SPEC_APP, recorded("containerapps/app-patch-accepted"), APP_OPERATION, recorded("containerapps/app-get"));

        connection.armContainerApps().setTraffic(SPEC_APP, List.of(new TrafficSplit("testcontainerapp0-ab4321", 100, Optional.of("production")),
                new TrafficSplit("testcontainerapp0-ab1234", 0, Optional.empty())));

        JsonNode properties = onlyBody("PATCH", "/containerApps/testcontainerapp0").path("properties");
        assertThat(properties.has("template")).isFalse();
        assertThat(properties.path("configuration").path("ingress").path("traffic").get(0).path("label").asText()).isEqualTo("production");
        assertThat(server.requests("GET", APP_OPERATION)).hasSize(2);
    }

    @Test
    void deactivateRevision_acceptsTheSpecsEmptyOk() {
        server.serve(recorded("containerapps/revision-deactivate"));

        connection.armContainerApps().deactivateRevision(SPEC_APP, "testcontainerApp0-pjxhsye");

        assertThat(server.requests("POST", "/deactivate")).hasSize(1);
    }

    // ------------------------------------------------------------------ jobs

    @Test
    void updateJobImage_sendsTheWholeTemplateBackAndFollowsTheJobOperation() throws Exception {
        server.serve(recorded("jobs/job-get"));
        acceptPatchOf(SPEC_JOB, recorded("jobs/job-patch-accepted"), JOB_OPERATION, recorded("jobs/job-get"));

        connection.armContainerApps().updateJobImage(SPEC_JOB, "testcontainerappsjob0", IMAGE);

        JsonNode template = onlyBody("PATCH", "/jobs/testcontainerappsjob0").path("properties").path("template");
        assertThat(template.path("containers").get(0).path("image").asText()).isEqualTo(IMAGE.toString());
        assertThat(template.path("containers").get(0).path("resources").path("memory").asText()).isEqualTo("1Gi");
        assertThat(template.path("initContainers").get(0).path("image").asText()).isEqualTo("repo/testcontainerappsjob0:v4");
        assertThat(server.requests("GET", JOB_OPERATION)).hasSize(2);
    }

    @Test
    void startJobImage_startsTheRecordedJobsContainersWithTheCandidate_andReadsTheSynchronousAnswer() throws Exception {
        server.serve(recorded("jobs/job-get"), recorded("jobs/job-executions-list"), recorded("jobs/job-start-ok"));

        StartedExecution started = connection.armContainerApps().startJobImage(SPEC_JOB, "testcontainerappsjob0", IMAGE, "p@1",
                job -> Optional.empty(), io.acapromoter.ports.StartTries.UNKNOWN);

        assertThat(started.execution()).isEqualTo("testcontainerappsjob0-pjxhsye");
        assertThat(started.jobUpdated()).isEmpty();
        assertThat(server.requests("PATCH", "/jobs/testcontainerappsjob0")).as("the job itself is not written").isEmpty();
        JsonNode template = onlyBody("POST", "/start");
        assertThat(template.path("containers").get(0).path("image").asText()).isEqualTo(IMAGE.toString());
        assertThat(template.path("containers").get(0).path("resources").path("memory").asText()).isEqualTo("1Gi");
        assertThat(template.path("containers").get(0).path("env").toString()).contains("\"PROMOTER_START_KEY\"").contains("\"p@1\"");
        assertThat(template.path("initContainers").get(0).path("image").asText()).as("the init container as the job has it")
                .isEqualTo("repo/testcontainerappsjob0:v4");
    }

    @Test
    void startJobImage_followsALocationOnlyAnswer() {
        server.serve(recorded("jobs/job-get"), recorded("jobs/job-executions-list"), recorded("jobs/job-start-accepted"))
                .serveAt("GET", "/subscriptions/34adfa4f-cedf-4dc0-ba29-b6d1a69ab345/providers/Microsoft.App/locations/eastus/containerappsjobOperationResults/5d0c4b3e-7f0e-4f53-8a2c-0e1b7c3f9a11",
                        recorded("jobs/job-start-ok"));

        assertThat(connection.armContainerApps().startJobImage(SPEC_JOB, "testcontainerappsjob0", IMAGE, "p@1",
                job -> Optional.empty(), io.acapromoter.ports.StartTries.UNKNOWN).execution()).isEqualTo("testcontainerappsjob0-pjxhsye");
    }

    @Test
    void getJobExecution_readsStatusAndTimes() {
        server.serveAt("GET", SPEC_JOB + "/executions/jobExecution1", recorded("jobs/job-execution-get"));

        JobExecution execution = connection.armContainerApps().getJobExecution(SPEC_JOB, "jobExecution1");

        assertThat(execution.status()).isEqualTo("Running");
        assertThat(execution.isFinished()).isFalse();
        assertThat(execution.startedAt()).contains(Instant.parse("2023-02-13T20:37:30Z"));
        assertThat(execution.endedAt()).contains(Instant.parse("2023-02-13T20:47:30Z"));
        assertThat(execution.images()).as("from the execution's template").containsExactly(
                Map.entry("testcontainerappsjob0", "repo/testcontainerappsjob0:v4"));
    }

    // ------------------------------------------------------------------ registry

    ReplayServer registry() {
        return server.challengeWith(recorded("acr/challenge")).serve(recorded("acr/exchange"), recorded("acr/token"));
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new java.util.LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    @Test
    void manifestMediaType_comesFromContentTypeAfterTheRecordedTokenDance() {
        registry().serve(recorded("acr/manifest-get"));
        PinnedImage image = PinnedImage.parse("myregistry.azurecr.io/oci-artifact@sha256:f1e8b959aa4250751da92d2f79263e35e9d4b00fe0166a2aa3a31e104fbe2284");

        assertThat(connection.acrRegistry().manifestMediaType(image)).contains("application/vnd.oci.image.manifest.v1+json");

        Map<String, String> exchange = form(server.requests("POST", "/oauth2/exchange").get(0).body());
        assertThat(exchange).containsEntry("grant_type", "access_token").containsEntry("service", "myregistry.azurecr.io")
                .containsEntry("access_token", "fake-aad-token");
        Map<String, String> token = form(server.requests("POST", "/oauth2/token").get(0).body());
        assertThat(token).containsEntry("grant_type", "refresh_token").containsEntry("refresh_token", "fake-acr-refresh-token")
                .containsEntry("scope", "repository:oci-artifact:pull");
        assertThat(server.requests("GET", "/manifests/").get(1).headers()).containsEntry("authorization", "Bearer fake-acr-access-token");
    }

    @Test
    void pushedAt_andDigestOf_readTheAcrMetadataApi() {
        String tagDigest = "sha256:eabe547f78d4c18c708dd97ec3166cf7464cc651f1cbb67e70d407405b7ad7b6";
        Recorded properties = recorded("acr/manifest-properties");
        registry().serve(properties, recorded("acr/tag-properties"))
                .serveAt("GET", "/acr/v1/test/bash/_manifests/" + tagDigest, properties);
        PinnedImage nanoserver = PinnedImage.parse("myregistry.azurecr.io/nanoserver@sha256:110d2b6c84592561338aa040b1b14b7ab81c2f9edbd564c2285dd7d70d777086");

        assertThat(connection.acrRegistry().pushedAt(nanoserver)).contains(Instant.parse("2018-09-06T06:17:20.9983915Z"));
        // the SDK resolves the tag, then reads the manifest properties of that digest and returns their digest
        assertThat(connection.acrRegistry().digestOf("myregistry.azurecr.io", "test/bash", "tagName"))
                .contains(Digest.parse("sha256:110d2b6c84592561338aa040b1b14b7ab81c2f9edbd564c2285dd7d70d777086"));
        assertThat(server.requests("GET", "/_tags/tagName")).isNotEmpty();
    }

    @Test
    void manifestFacts_readsPushTimeFromTheRecordedAttributesAndLeavesAMissingMediaTypeEmpty() {
        registry().serve(recorded("acr/manifest-properties"));
        PinnedImage nanoserver = PinnedImage.parse("myregistry.azurecr.io/nanoserver@sha256:110d2b6c84592561338aa040b1b14b7ab81c2f9edbd564c2285dd7d70d777086");

        var facts = connection.acrRegistry().manifestFacts(nanoserver);

        assertThat(facts).hasValueSatisfying(f -> {
            assertThat(f.pushedAt()).contains(Instant.parse("2018-09-06T06:17:20.9983915Z"));
            assertThat(f.mediaType()).isEmpty();
        });
        Map<String, String> token = form(server.requests("POST", "/oauth2/token").get(0).body());
        assertThat(token).containsEntry("scope", "repository:nanoserver:metadata_read");
    }

    @Test
    void referrers_readsTheFilteredOciIndexOfTheSpec() {
        registry().serve(recorded("acr/referrers-filtered"));
        PinnedImage subject = PinnedImage.parse("myregistry.azurecr.io/hello-world@sha256:5e140a61e16155b30356685a6801e5250339bfb11370e70573d28d4ff2dc89cf");

        assertThat(connection.acrRegistry().referrers(subject, "application/vnd.cncf.notary.signature"))
                .containsExactly(Digest.parse("sha256:" + "a1".repeat(32)));
        assertThat(server.requests("GET", "/referrers/").get(1).query()).isEqualTo("artifactType=application%2Fvnd.cncf.notary.signature");
    }

    // ------------------------------------------------------------------ ACR Tasks

    @Test
    void startRun_putsANamedTaskRunAndReadsTheRunIdFromItsAnswer() throws Exception {
        server.serve(recorded("acrtasks/task-get"), recorded("acrtasks/task-run-create"));

        String runId = connection.acrTasks().startRun(SPEC_REGISTRY, "myTask", Map.of("BASE_IMAGE", "debian:12"), "myRun");

        assertThat(runId).isEqualTo("yd5");
        assertThat(server.requests("GET", "/taskRuns/myRun")).as("looked for first").hasSize(1);
        JsonNode request = onlyBody("PUT", "/taskRuns/myRun").path("properties").path("runRequest");
        assertThat(request.path("type").asText()).isEqualTo("TaskRunRequest");
        assertThat(request.path("taskId").asText()).isEqualTo(SPEC_REGISTRY + "/tasks/myTask");
        assertThat(request.path("overrideTaskStepProperties").path("arguments").get(0).path("name").asText()).isEqualTo("BASE_IMAGE");
        assertThat(server.requests("POST", "/scheduleRun")).isEmpty();
    }

    @Test
    void getRun_readsStatusOutputImagesAndTheLogLink() {
        server.serve(recorded("acrtasks/run-get"), recorded("acrtasks/run-log-sas-url"));

        BuildRun run = connection.acrTasks().getRun(SPEC_REGISTRY, "0accec26-d6de-4757-8e74-d080f38eaaab");

        assertThat(run.succeeded()).isTrue();
        assertThat(run.outputImages()).containsExactly("myregistry.azurecr.io/myimage:latest@sha256:cbbf2f9a99b47fc460d422812b6a5adff7dfee951d8fa2e4a98caa0");
        assertThat(run.logLink()).hasValueSatisfying(l -> assertThat(l).startsWith("https://registrystorageaccount.blob.core.windows.net/"));
    }

    // ------------------------------------------------------------------ Resource Graph

    @Test
    void findings_followTheSkipTokenToTheLastPage() throws Exception {
        server.serve(recorded("resourcegraph/query-first-page"), recorded("resourcegraph/query-last-page"));
        Digest digest = Digest.parse("sha256:213bbc182920ab41e18edc2001e06abcca6735d87782d9cef68abd83941cf0e5");

        List<Finding> findings = connection.findings(List.of("00000000-0000-0000-0000-000000000000")).forDigests(List.of(digest)).findings();

        assertThat(findings).singleElement().satisfies(f -> assertThat(f.digest()).isEqualTo(digest));
        List<ReplayServer.Seen> queries = server.requests("POST", "/providers/Microsoft.ResourceGraph/resources");
        assertThat(queries).hasSize(2);
        assertThat(JSON.readTree(queries.get(1).body()).path("options").path("$skipToken").asText())
                .isEqualTo("eyAibm8iOiAibHVjayIsICJidXQiOiAibmljZSIsICJ0cnkiOiAiISIgfQ==");
    }
}
