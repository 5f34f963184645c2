package io.acapromoter.local.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.appcontainers.ContainerAppsApiManager;
import com.azure.resourcemanager.appcontainers.models.ActiveRevisionsMode;
import com.azure.resourcemanager.appcontainers.models.Configuration;
import com.azure.resourcemanager.appcontainers.models.Container;
import com.azure.resourcemanager.appcontainers.models.ContainerApp;
import com.azure.resourcemanager.appcontainers.models.Ingress;
import com.azure.resourcemanager.appcontainers.models.Replica;
import com.azure.resourcemanager.appcontainers.models.Job;
import com.azure.resourcemanager.appcontainers.models.JobExecutionBase;
import com.azure.resourcemanager.appcontainers.models.JobPatchPropertiesProperties;
import com.azure.resourcemanager.appcontainers.models.ReplicaContainer;
import com.azure.resourcemanager.appcontainers.models.Revision;
import com.azure.resourcemanager.appcontainers.models.RevisionHealthState;
import com.azure.resourcemanager.appcontainers.models.RevisionProvisioningState;
import com.azure.resourcemanager.appcontainers.models.Template;
import com.azure.resourcemanager.appcontainers.models.TrafficWeight;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerAppsSimulationTest {
    private static final String RG = "rg-apps";
    private static final String IMAGE_A = "simreg.azurecr.io/web@sha256:" + "a".repeat(64);
    private static final String IMAGE_B = "simreg.azurecr.io/web@sha256:" + "b".repeat(64);

    private AzureSimulator sim;
    private ContainerAppsApiManager arm;
    private HttpClient browser;

    @BeforeAll
    void start() {
        sim = AzureSimulator.builder()
                .clock(SimClock.manual(Instant.parse("2026-01-01T00:00:00Z")))
                .revisionProvisioningDelay(Duration.ofSeconds(10))
                .jobExecutionDuration(Duration.ofSeconds(30))
                .start();
        sim.createEnvironment(RG, "env");
        arm = SimClients.containerApps(sim);
        browser = SimClients.jdkBuilder(sim).build();
    }

    @AfterEach
    void clearFaults() {
        sim.faults().clear();
    }

    @AfterAll
    void stop() {
        sim.close();
    }

    private ContainerApp deployImage(String app, String image, String suffix) {
        ContainerApp current = arm.containerApps().getByResourceGroup(RG, app);
        Template template = current.template();
        template.containers().get(0).withImage(image);
        template.withRevisionSuffix(suffix);
        return current.update().withTemplate(template).apply();
    }

    private ContainerApp setTraffic(String app, TrafficWeight... weights) {
        ContainerApp current = arm.containerApps().getByResourceGroup(RG, app);
        current.configuration().ingress().withTraffic(List.of(weights));
        return current.update().withConfiguration(current.configuration()).apply();
    }

    private static TrafficWeight weight(String revision, int weight, String label) {
        return new TrafficWeight().withRevisionName(revision).withWeight(weight).withLabel(label);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void environment_reportsADefaultDomainThatTheSimulatorServes() {
        sim.createEnvironment(RG, "env-x");
        assertThat(arm.managedEnvironments().getByResourceGroup(RG, "env-x").defaultDomain()).isEqualTo(sim.defaultDomain());
    }

    @Test
    void templateUpdate_createsANewRevisionThatProvisionsAfterTheDelay() {
        sim.createContainerApp(ContainerAppSpec.of(RG, "web1", "env", IMAGE_A).withRevisionSuffix("v1"));
        sim.clearRequests();

        ContainerApp updated = deployImage("web1", IMAGE_B, "v2");

        assertThat(updated.latestRevisionName()).isEqualTo("web1--v2");
        assertThat(updated.latestReadyRevisionName()).isEqualTo("web1--v1");
        assertThat(sim.requestCounts()).containsKeys("ContainerApps_Update", "ContainerAppsOperationStatuses_Get");
        Revision fresh = arm.containerAppsRevisions().getRevision(RG, "web1", "web1--v2");
        assertThat(fresh.provisioningState()).isEqualTo(RevisionProvisioningState.PROVISIONING);
        assertThat(fresh.template().containers().get(0).image()).isEqualTo(IMAGE_B);

        sim.advance(Duration.ofSeconds(10));

        Revision ready = arm.containerAppsRevisions().getRevision(RG, "web1", "web1--v2");
        assertThat(ready.provisioningState()).isEqualTo(RevisionProvisioningState.PROVISIONED);
        assertThat(ready.healthState()).isEqualTo(RevisionHealthState.HEALTHY);
        assertThat(ready.active()).isTrue();
        assertThat(ready.fqdn()).isEqualTo("web1--v2." + sim.defaultDomain());
        assertThat(arm.containerApps().getByResourceGroup(RG, "web1").latestReadyRevisionName()).isEqualTo("web1--v2");
    }

    @Test
    void labelsAndWeights_routeTheAzureUrlsToTheRightRevisionThroughTheProxy() throws Exception {
        sim.createContainerApp(ContainerAppSpec.of(RG, "web2", "env", IMAGE_A).withRevisionSuffix("v1"));
        deployImage("web2", IMAGE_B, "v2");
        setTraffic("web2", weight("web2--v1", 100, "production"), weight("web2--v2", 0, "staging"));
        sim.advance(Duration.ofSeconds(10));

        assertThat(get("https://web2---staging." + sim.defaultDomain() + "/health").body()).contains("web2--v2", IMAGE_B);
        assertThat(get("https://web2." + sim.defaultDomain() + "/").body()).contains("web2--v1");

        setTraffic("web2", weight("web2--v2", 100, "production"), weight("web2--v1", 0, "previous"));

        ContainerAppState state = sim.containerApp(RG, "web2");
        assertThat(state.trafficByRevision()).containsEntry("web2--v2", 100).containsEntry("web2--v1", 0);
        assertThat(state.imageForLabel("production")).contains(IMAGE_B);
        assertThat(get("https://web2." + sim.defaultDomain() + "/").body()).contains("web2--v2");
        assertThat(arm.containerAppsRevisions().getRevision(RG, "web2", "web2--v2").trafficWeight()).isEqualTo(100);
    }

    @Test
    void oneUpdate_canAddARevisionAndGiveItAStagingLabelAtWeightZero() throws Exception {
        sim.createContainerApp(ContainerAppSpec.of(RG, "web16", "env", IMAGE_A).withRevisionSuffix("v1"));
        ContainerApp current = arm.containerApps().getByResourceGroup(RG, "web16");
        Template template = current.template();
        template.containers().get(0).withImage(IMAGE_B);
        template.withRevisionSuffix("bbbbbbb");
        current.configuration().ingress().withTraffic(List.of(weight("web16--v1", 100, "production"), weight("web16--bbbbbbb", 0, "staging")));

        current.update().withTemplate(template).withConfiguration(current.configuration()).apply();
        sim.advance(Duration.ofSeconds(10));

        ContainerAppState state = sim.containerApp(RG, "web16");
        assertThat(state.imageForLabel("staging")).contains(IMAGE_B);
        assertThat(state.imagesServing()).containsOnlyKeys(IMAGE_A);
        assertThat(get("https://web16---staging." + sim.defaultDomain() + "/health").body()).contains(IMAGE_B);
    }

    @Test
    void trafficNamingAnUnknownRevision_isRejectedWithAnArmError() {
        sim.createContainerApp(ContainerAppSpec.of(RG, "web3", "env", IMAGE_A).withRevisionSuffix("v1"));

        assertThatThrownBy(() -> setTraffic("web3", weight("web3--nope", 100, null)))
                .isInstanceOfSatisfying(ManagementException.class, e -> {
                    assertThat(e.getResponse().getStatusCode()).isEqualTo(400);
                    assertThat(e.getValue().getCode()).isEqualTo("ContainerAppRevisionNotFound");
                    assertThat(e.getValue().getMessage()).contains("web3--nope");
                });
    }

    @Test
    void trafficWeightsThatDoNotSumTo100_areRejected() {
        sim.createContainerApp(ContainerAppSpec.of(RG, "web4", "env", IMAGE_A).withRevisionSuffix("v1"));
        deployImage("web4", IMAGE_B, "v2");

        assertThatThrownBy(() -> setTraffic("web4", weight("web4--v1", 60, null), weight("web4--v2", 60, null)))
                .isInstanceOfSatisfying(ManagementException.class,
                        e -> assertThat(e.getValue().getCode()).isEqualTo("ContainerAppInvalidTrafficWeight"));
        assertThat(sim.containerApp(RG, "web4").trafficByRevision()).as("latestRevision means the latest ready one")
                .containsEntry("web4--v1", 100);
        sim.advance(Duration.ofSeconds(10));
        assertThat(sim.containerApp(RG, "web4").trafficByRevision()).containsEntry("web4--v2", 100);
    }

    @Test
    void singleRevisionMode_replacesTheOldRevisionOnlyOnceTheNewOneIsProvisioned() throws Exception {
        sim.createContainerApp(ContainerAppSpec.of(RG, "worker1", "env", IMAGE_A).singleRevision().withRevisionSuffix("v1"));

        deployImage("worker1", IMAGE_B, "v2");
        assertThat(sim.containerApp(RG, "worker1").revision("worker1--v1").orElseThrow().active()).isTrue();
        assertThat(get("https://worker1." + sim.defaultDomain() + "/").body()).contains("worker1--v1");

        sim.advance(Duration.ofSeconds(10));

        ContainerAppState state = sim.containerApp(RG, "worker1");
        assertThat(state.revision("worker1--v1").orElseThrow().active()).isFalse();
        assertThat(state.imagesServing()).containsOnlyKeys(IMAGE_B);
        assertThat(get("https://worker1." + sim.defaultDomain() + "/").body()).contains("worker1--v2");
    }

    @Test
    void revisionFailingProvisioning_endsFailedAndLeavesTheOldRevisionServing() {
        sim.createContainerApp(ContainerAppSpec.of(RG, "worker2", "env", IMAGE_A).singleRevision().withRevisionSuffix("v1"));
        sim.faults().inject(Fault.failedProvisioning().times(1).on("PATCH", ".*/containerApps/worker2"));

        deployImage("worker2", IMAGE_B, "v2");
        sim.advance(Duration.ofSeconds(10));

        Revision failed = arm.containerAppsRevisions().getRevision(RG, "worker2", "worker2--v2");
        assertThat(failed.provisioningState()).isEqualTo(RevisionProvisioningState.FAILED);
        assertThat(sim.containerApp(RG, "worker2").imagesServing()).containsOnlyKeys(IMAGE_A);
        assertThat(arm.containerApps().getByResourceGroup(RG, "worker2").latestReadyRevisionName()).isEqualTo("worker2--v1");
    }

    @Test
    void brokenImage_isProvisionedButAnswers500() throws Exception {
        String broken = "simreg.azurecr.io/web@sha256:" + "c".repeat(64);
        sim.setImageBehavior(broken, ImageBehavior.brokenHttp());
        sim.createContainerApp(ContainerAppSpec.of(RG, "web5", "env", IMAGE_A).withRevisionSuffix("v1"));
        deployImage("web5", broken, "v2");
        setTraffic("web5", weight("web5--v1", 100, "production"), weight("web5--v2", 0, "staging"));
        sim.advance(Duration.ofSeconds(10));

        assertThat(get("https://web5---staging." + sim.defaultDomain() + "/health").statusCode()).isEqualTo(500);
        assertThat(get("https://web5---production." + sim.defaultDomain() + "/health").statusCode()).isEqualTo(200);
        assertThat(get("https://web5--v2." + sim.defaultDomain() + "/").statusCode()).isEqualTo(500);
    }

    @Test
    void appResponsesSetForAnImage_areServedBesideTheDefaultRoutes() throws Exception {
        String image = "simreg.azurecr.io/web@sha256:" + "e".repeat(64);
        sim.setAppResponse(image, "/api/version", 200, "{\"version\":\"2.1\"}");
        sim.createContainerApp(ContainerAppSpec.of(RG, "web13", "env", image));

        assertThat(get("https://web13." + sim.defaultDomain() + "/api/version").body()).isEqualTo("{\"version\":\"2.1\"}");
        assertThat(get("https://web13." + sim.defaultDomain() + "/api/other").statusCode()).isEqualTo(404);
    }

    @Test
    void plainHttp_isRedirectedToHttpsLikeAzureIngress() throws Exception {
        sim.createContainerApp(ContainerAppSpec.of(RG, "web14", "env", IMAGE_A));

        HttpResponse<String> response = get("http://web14." + sim.defaultDomain() + "/health");

        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location")).contains("https://web14." + sim.defaultDomain() + "/health");
    }

    @Test
    void slowImage_makesAClientWithAShortTimeoutGiveUp() {
        String slow = "simreg.azurecr.io/web@sha256:" + "9".repeat(64);
        sim.setImageBehavior(slow, ImageBehavior.slow(Duration.ofSeconds(3)));
        sim.createContainerApp(ContainerAppSpec.of(RG, "web17", "env", slow));

        assertThatThrownBy(() -> browser.send(HttpRequest.newBuilder(URI.create("https://web17." + sim.defaultDomain() + "/health"))
                .timeout(Duration.ofMillis(300)).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void deactivatedRevision_stopsServing() throws Exception {
        sim.createContainerApp(ContainerAppSpec.of(RG, "web6", "env", IMAGE_A).withRevisionSuffix("v1"));
        deployImage("web6", IMAGE_B, "v2");
        setTraffic("web6", weight("web6--v2", 100, "production"), weight("web6--v1", 0, "previous"));
        sim.advance(Duration.ofSeconds(10));
        assertThat(get("https://web6---previous." + sim.defaultDomain() + "/").statusCode()).isEqualTo(200);

        arm.containerAppsRevisions().deactivateRevision(RG, "web6", "web6--v1");

        assertThat(arm.containerAppsRevisions().getRevision(RG, "web6", "web6--v1").active()).isFalse();
        assertThat(get("https://web6---previous." + sim.defaultDomain() + "/").statusCode()).isEqualTo(404);

        arm.containerAppsRevisions().activateRevision(RG, "web6", "web6--v1");
        assertThat(get("https://web6---previous." + sim.defaultDomain() + "/").statusCode()).isEqualTo(200);
    }

    @Test
    void crashingImage_turnsUnhealthyAndCountsRestarts() {
        String crashing = "simreg.azurecr.io/web@sha256:" + "d".repeat(64);
        sim.setImageBehavior(crashing, ImageBehavior.crashesAfter(Duration.ofMinutes(2)));
        sim.createContainerApp(ContainerAppSpec.of(RG, "web7", "env", IMAGE_A).withRevisionSuffix("v1"));
        deployImage("web7", crashing, "v2");
        sim.advance(Duration.ofSeconds(10));
        assertThat(arm.containerAppsRevisions().getRevision(RG, "web7", "web7--v2").healthState()).isEqualTo(RevisionHealthState.HEALTHY);

        sim.advance(Duration.ofMinutes(3));

        assertThat(arm.containerAppsRevisions().getRevision(RG, "web7", "web7--v2").healthState()).isEqualTo(RevisionHealthState.UNHEALTHY);
        int restarts = arm.containerAppsRevisionReplicas().listReplicas(RG, "web7", "web7--v2").value().get(0).containers().get(0).restartCount();
        assertThat(restarts).isGreaterThan(1);

        arm.containerAppsRevisions().restartRevision(RG, "web7", "web7--v2");
        assertThat(arm.containerAppsRevisions().getRevision(RG, "web7", "web7--v2").healthState()).as("healthy again until it crashes")
                .isEqualTo(RevisionHealthState.HEALTHY);
    }

    @Test
    void replicas_sayWhatTheRevisionsStateImplies_readyRunningNotReadyOrCrashLooping() {
        String sick = "simreg.azurecr.io/web@sha256:" + "1".repeat(64);
        String crashing = "simreg.azurecr.io/web@sha256:" + "2".repeat(64);
        String restarting = "simreg.azurecr.io/web@sha256:" + "3".repeat(64);
        sim.setImageBehavior(sick, ImageBehavior.neverHealthy());
        sim.setImageBehavior(crashing, ImageBehavior.crashesAfter(Duration.ofMinutes(1)));
        sim.setImageBehavior(restarting, ImageBehavior.restarting());
        for (String app : List.of("web30", "web31", "web32", "web33")) {
            sim.createContainerApp(ContainerAppSpec.of(RG, app, "env", IMAGE_A).withRevisionSuffix("v1"));
        }
        deployImage("web31", sick, "v2");
        deployImage("web32", crashing, "v2");
        deployImage("web33", restarting, "v2");
        sim.advance(Duration.ofSeconds(10));

        ReplicaContainer healthy = onlyContainer("web30", "web30--v1", "Running");
        assertThat(List.of(healthy.ready(), healthy.started())).containsOnly(true);
        assertThat(healthy.restartCount()).isZero();
        assertThat(healthy.runningState().toString()).isEqualTo("Running");

        ReplicaContainer notReady = onlyContainer("web31", "web31--v2", "Running");
        assertThat(notReady.ready()).as("its readiness probe fails: the app answers 503").isFalse();
        assertThat(notReady.started()).isTrue();
        assertThat(notReady.runningState().toString()).isEqualTo("Running");

        ReplicaContainer restarted = onlyContainer("web33", "web33--v2", "Running");
        assertThat(List.of(restarted.ready(), restarted.started())).containsOnly(true);
        assertThat(restarted.restartCount()).isEqualTo(1);
        assertThat(arm.containerAppsRevisions().getRevision(RG, "web33", "web33--v2").healthState())
                .as("Azure's revision state does not show a container that comes straight back").isEqualTo(RevisionHealthState.HEALTHY);

        sim.advance(Duration.ofMinutes(2));

        ReplicaContainer crashLooping = onlyContainer("web32", "web32--v2", "NotRunning");
        assertThat(List.of(crashLooping.ready(), crashLooping.started())).containsOnly(false);
        assertThat(crashLooping.restartCount()).isPositive();
        assertThat(crashLooping.runningState().toString()).isEqualTo("Waiting");
        assertThat(crashLooping.runningStateDetails()).startsWith("CrashLoopBackOff");
        assertThat(onlyContainer("web33", "web33--v2", "Running").restartCount()).as("one more every 30 s").isEqualTo(5);
    }

    /** The one container of the one replica of {@code revision}, whose running state must be {@code replicaState}. */
    private ReplicaContainer onlyContainer(String app, String revision, String replicaState) {
        List<Replica> replicas = arm.containerAppsRevisionReplicas().listReplicas(RG, app, revision).value();
        assertThat(replicas).hasSize(1);
        assertThat(replicas.get(0).runningState().toString()).as(revision).isEqualTo(replicaState);
        assertThat(replicas.get(0).containers()).hasSize(1);
        return replicas.get(0).containers().get(0);
    }

    @Test
    void imageThatNeverBecomesHealthy_isProvisionedButDegradedAndAnswers503() throws Exception {
        String sick = "simreg.azurecr.io/web@sha256:" + "f".repeat(64);
        sim.setImageBehavior(sick, ImageBehavior.neverHealthy());
        sim.createContainerApp(ContainerAppSpec.of(RG, "web15", "env", IMAGE_A).withRevisionSuffix("v1"));
        deployImage("web15", sick, "v2");
        sim.advance(Duration.ofSeconds(10));

        Revision revision = arm.containerAppsRevisions().getRevision(RG, "web15", "web15--v2");
        assertThat(revision.provisioningState()).isEqualTo(RevisionProvisioningState.PROVISIONED);
        assertThat(revision.healthState()).isEqualTo(RevisionHealthState.UNHEALTHY);
        assertThat(revision.runningState().toString()).isEqualTo("Degraded");
        assertThat(get("https://web15--v2." + sim.defaultDomain() + "/health").statusCode()).isEqualTo(503);
    }

    @Test
    void listByResourceGroup_returnsTheAppsOfThatGroupOnly() {
        sim.createContainerApp(ContainerAppSpec.of("rg-other", "lonely", "env-other", IMAGE_A));

        assertThat(arm.containerApps().listByResourceGroup("rg-other").stream().map(ContainerApp::name)).containsExactly("lonely");
    }

    @Test
    void throttling_isRetriedByTheSdkPipeline() {
        sim.createContainerApp(ContainerAppSpec.of(RG, "web8", "env", IMAGE_A));
        sim.faults().inject(Fault.status(429).retryAfterSeconds(1).times(2).on("GET", ".*/containerApps/web8"));
        sim.clearRequests();

        assertThat(arm.containerApps().getByResourceGroup(RG, "web8").name()).isEqualTo("web8");

        assertThat(sim.requests()).extracting(RecordedRequest::status).containsExactly(429, 429, 200);
    }

    @Test
    void persistentServerError_surfacesAfterTheSdkGivesUp() {
        sim.createContainerApp(ContainerAppSpec.of(RG, "web9", "env", IMAGE_A));
        sim.faults().inject(Fault.status(500).on("GET", ".*/containerApps/web9"));
        sim.clearRequests();

        assertThatThrownBy(() -> arm.containerApps().getByResourceGroup(RG, "web9"))
                .isInstanceOfSatisfying(ManagementException.class, e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(500));
        assertThat(sim.requestCounts().get("ContainerApps_Get")).isEqualTo(4L);
    }

    @Test
    void answerSlowerThanTheClientTimeout_isRetried() {
        sim.createContainerApp(ContainerAppSpec.of(RG, "web10", "env", IMAGE_A));
        sim.faults().inject(Fault.delay(Duration.ofSeconds(4)).times(1).on("GET", ".*/containerApps/web10"));

        assertThat(arm.containerApps().getByResourceGroup(RG, "web10").name()).isEqualTo("web10");
        assertThat(sim.requestCounts().get("ContainerApps_Get")).isGreaterThanOrEqualTo(2L);
    }

    @Test
    void failedLongRunningOperation_surfacesAndLeavesTheAppUnchanged() {
        sim.createContainerApp(ContainerAppSpec.of(RG, "web11", "env", IMAGE_A).withRevisionSuffix("v1"));
        sim.faults().inject(Fault.failedOperation().times(1).on("PATCH", ".*/containerApps/web11"));

        assertThatThrownBy(() -> deployImage("web11", IMAGE_B, "v2")).isInstanceOf(ManagementException.class);

        assertThat(sim.containerApp(RG, "web11").revisions()).extracting(ContainerAppState.RevisionState::name).containsExactly("web11--v1");
        assertThat(arm.containerApps().getByResourceGroup(RG, "web11").provisioningState().toString()).isEqualTo("Failed");
    }

    @Test
    void reusingARevisionSuffix_failsTheOperationForAnotherTemplateAndIsASilentNoOpForTheSameOne() {
        sim.createContainerApp(ContainerAppSpec.of(RG, "web12", "env", IMAGE_A).withRevisionSuffix("v1"));

        assertThatThrownBy(() -> deployImage("web12", IMAGE_B, "v1"))
                .isInstanceOfSatisfying(ManagementException.class, e -> assertThat(e.getValue().getCode()).isEqualTo("ContainerAppOperationError"));
        deployImage("web12", IMAGE_B, "v2");
        sim.advance(Duration.ofSeconds(15));
        deployImage("web12", IMAGE_A, "v1");

        ContainerAppState state = sim.containerApp(RG, "web12");
        assertThat(state.revisions()).extracting(ContainerAppState.RevisionState::name).containsExactly("web12--v1", "web12--v2");
        assertThat(state.latestRevisionName()).isEqualTo("web12--v2");
    }

    @Test
    void createdThroughArm_appStartsWithAProvisioningRevisionAndAnIngressUrl() throws Exception {
        String envId = arm.managedEnvironments().getByResourceGroup(RG, "env").id();
        ContainerApp created = arm.containerApps().define("staging-web").withRegion("westeurope").withExistingResourceGroup(RG)
                .withManagedEnvironmentId(envId)
                .withConfiguration(new Configuration().withActiveRevisionsMode(ActiveRevisionsMode.SINGLE)
                        .withIngress(new Ingress().withExternal(true).withTargetPort(8080)))
                .withTemplate(new Template().withContainers(List.of(new Container().withName("web").withImage(IMAGE_B))))
                .create();

        assertThat(created.latestRevisionName()).startsWith("staging-web--");
        assertThat(created.configuration().ingress().fqdn()).isEqualTo("staging-web." + sim.defaultDomain());
        sim.advance(Duration.ofSeconds(10));
        assertThat(get("https://" + created.configuration().ingress().fqdn() + "/health").body()).contains(IMAGE_B);
    }

    @Test
    void failedJobUpdate_surfacesAndKeepsTheOldImage() {
        sim.createJob(RG, "weekly", "env", "main", IMAGE_A);
        sim.faults().inject(Fault.failedOperation().times(1).on("PATCH", ".*/jobs/weekly"));
        Job job = arm.jobs().getByResourceGroup(RG, "weekly");
        job.template().containers().get(0).withImage(IMAGE_B);

        assertThatThrownBy(() -> job.update().withProperties(new JobPatchPropertiesProperties().withTemplate(job.template())).apply())
                .isInstanceOf(ManagementException.class);
        assertThat(sim.jobImage(RG, "weekly")).isEqualTo(IMAGE_A);
        // Job updates answer with a Location header only: the SDK polls the operation's result, not a status.
        assertThat(sim.requestCounts()).containsKey("JobsOperationResults_Get").doesNotContainKey("JobsOperationStatuses_Get");
    }

    @Test
    void jobUpdateAndStart_runAnExecutionToCompletion() {
        sim.createJob(RG, "nightly", "env", "main", IMAGE_A);
        Job job = arm.jobs().getByResourceGroup(RG, "nightly");
        job.template().containers().get(0).withImage(IMAGE_B);
        job.update().withProperties(new JobPatchPropertiesProperties().withTemplate(job.template())).apply();
        assertThat(sim.jobImage(RG, "nightly")).isEqualTo(IMAGE_B);

        JobExecutionBase started = arm.jobs().start(RG, "nightly");
        assertThat(arm.resourceProviders().jobExecution(RG, "nightly", started.name()).status().toString()).isEqualTo("Running");

        sim.advance(Duration.ofSeconds(30));

        assertThat(arm.resourceProviders().jobExecution(RG, "nightly", started.name()).status().toString()).isEqualTo("Succeeded");
        assertThat(arm.jobsExecutions().list(RG, "nightly").stream().map(e -> e.name())).contains(started.name());
    }
}
