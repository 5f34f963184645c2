package io.acapromoter.local;

import io.acapromoter.domain.Phase;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.local.sim.ContainerAppState;
import io.acapromoter.local.sim.Fault;
import io.acapromoter.local.sim.ImageBehavior;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four ways production changes — blue-green and canary apps, a single-revision worker, a job —
 * succeeding, failing, and rolled back; after each test, what production runs and its traffic.
 */
class RolloutStrategiesTest {

    static final Duration LONG = Duration.ofMinutes(30);

    final LocalFlow flow = new LocalFlow();

    @AfterEach
    void checkAndClose() {
        try {
            flow.assertDeterministic();
            for (String app : new String[] {"shop-web", "shop-api", "shop-worker"}) {
                assertThat(app(app).imagesServing()).as(app + " serves something").isNotEmpty();
            }
        } finally {
            flow.close();
        }
    }

    ContainerAppState app(String name) {
        return flow.rt.sim().containerApp(DemoWorld.RESOURCE_GROUP, name);
    }

    String before(String target) {
        return flow.rt.world().productionImages().get(target);
    }

    String approveAndWaitFor(String target, Phase phase) {
        String id = flow.push(target);
        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);
        flow.approve(id, "alice@example.com");
        flow.advanceUntilPhase(id, phase, LONG);
        return id;
    }

    @Test
    void canary_movesTrafficInStepsAndEndsWithAllTrafficOnTheCandidate() {
        String id = flow.push("shop-api");
        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);
        flow.approve(id, "alice@example.com");
        flow.rt.driver().runUntilIdle();
        String candidate = flow.status(id).image();
        assertThat(app("shop-api").imagesServing()).containsEntry(candidate, 20).containsEntry(before("shop-api"), 80);

        flow.advanceUntilFinished(id, LONG);

        assertThat(flow.phase(id)).as(flow.status(id).detail()).isEqualTo(Phase.SUCCEEDED);
        assertThat(app("shop-api").imagesServing()).containsOnlyKeys(candidate).containsEntry(candidate, 100);
        assertThat(app("shop-api").imageForLabel("production")).contains(candidate);
    }

    @Test
    void canary_keepsTheStagingLabelOfANewerCandidateStagedDuringItsSteps() {
        String id = flow.push("shop-api");
        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);
        flow.approve(id, "alice@example.com");
        flow.rt.driver().runUntilIdle();
        String candidate = flow.status(id).image();
        assertThat(app("shop-api").imagesServing()).containsEntry(candidate, 20);

        flow.rt.sim().pushImage(DemoWorld.REGISTRY, "shop/api", "v9.9.9");
        flow.rt.driver().runUntilIdle();
        String newer = flow.rt.orchestrations().list("PromotionOrchestrator", "shop-api-", 10).stream()
                .map(io.acapromoter.ports.InstanceView::instanceId).filter(i -> !i.equals(id)).findFirst().orElseThrow();
        flow.advanceUntilPhase(newer, Phase.AWAITING_APPROVAL, LONG);
        String staged = flow.status(newer).stagingRevision();
        flow.advanceUntilFinished(id, LONG);

        assertThat(flow.phase(id)).as(flow.status(id).detail()).isEqualTo(Phase.SUCCEEDED);
        assertThat(app("shop-api").imagesServing()).containsOnlyKeys(candidate).containsEntry(candidate, 100);
        assertThat(app("shop-api").labels()).as("the later steps read the app: another promotion was live on it")
                .containsEntry("staging", staged);
    }

    @Test
    void canary_failingCheckReturnsAllTrafficToThePreviousRevisionAtOnce() {
        String id = flow.push("shop-api");
        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);
        flow.approve(id, "alice@example.com");
        flow.rt.sim().setImageBehavior(flow.candidateDigest("shop-api"), ImageBehavior.brokenHttp());

        flow.advanceUntilFinished(id, LONG);

        PromotionStatus status = flow.status(id);
        assertThat(status.phase()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(status.detail()).contains("canary step 20% failed");
        assertThat(app("shop-api").imagesServing()).containsOnlyKeys(before("shop-api")).containsEntry(before("shop-api"), 100);
        assertThat(app("shop-api").imageForLabel("production")).contains(before("shop-api"));
    }

    @Test
    void blueGreen_armFaultsDuringRollbackAreRetriedUntilProductionIsRestored() {
        String id = approveAndWaitFor("shop-web", Phase.MONITORING);
        flow.rt.sim().setImageBehavior(flow.candidateDigest("shop-web"), ImageBehavior.brokenHttp());
        flow.rt.sim().faults().inject(Fault.status(500).times(8).on("PATCH", ".*/containerApps/shop-web"));

        flow.advanceUntilFinished(id, LONG);

        assertThat(flow.phase(id)).as(flow.status(id).detail()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(app("shop-web").imagesServing()).containsOnlyKeys(before("shop-web"));
        assertThat(flow.rt.sim().requests()).filteredOn(r -> r.status() == 500).hasSize(8);
    }

    @Test
    void worker_isReplacedInPlaceWithAWarningAboutTwoConsumers() {
        String id = approveAndWaitFor("shop-worker", Phase.MONITORING);
        flow.advanceUntilFinished(id, LONG);

        PromotionStatus status = flow.status(id);
        assertThat(status.phase()).as(status.detail()).isEqualTo(Phase.SUCCEEDED);
        assertThat(app("shop-worker").imagesServing()).containsOnlyKeys(status.image());
        assertThat(status.warnings()).anyMatch(w -> w.contains("may both consume messages"));
        assertThat(app("shop-worker-staging").imagesServing()).containsOnlyKeys(status.image());
    }

    @Test
    void worker_failingInTheMonitorWindowIsRedeployedWithThePreviousDigest() {
        String id = approveAndWaitFor("shop-worker", Phase.MONITORING);
        flow.rt.sim().setImageBehavior(flow.candidateDigest("shop-worker"), ImageBehavior.brokenHttp());

        flow.advanceUntilFinished(id, LONG);

        assertThat(flow.phase(id)).as(flow.status(id).detail()).isEqualTo(Phase.ROLLED_BACK);
        flow.advanceUntil(f -> app("shop-worker").imagesServing().containsKey(before("shop-worker")), Duration.ofSeconds(5),
                Duration.ofMinutes(5), () -> "previous worker image serving");
        assertThat(app("shop-worker").imagesServing()).containsOnlyKeys(before("shop-worker"));
    }

    @Test
    void worker_failingDuringTheRolloutIsRolledBack() {
        String id = flow.push("shop-worker");
        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);
        flow.rt.sim().setImageBehavior(flow.candidateDigest("shop-worker"), ImageBehavior.neverHealthy());
        flow.approve(id, "alice@example.com");

        flow.advanceUntilFinished(id, LONG);

        assertThat(flow.phase(id)).as(flow.status(id).detail()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(flow.status(id).detail()).contains("running Degraded");
        flow.advanceUntil(f -> app("shop-worker").imagesServing().containsKey(before("shop-worker")), Duration.ofSeconds(5),
                Duration.ofMinutes(5), () -> "previous worker image serving");
    }

    @Test
    void job_runsOnceInStagingThenUpdatesProduction() {
        String staging = flow.rt.sim().jobImage(DemoWorld.RESOURCE_GROUP, "nightly-report-staging");
        String id = flow.push("nightly-report");
        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);
        assertThat(flow.rt.sim().jobExecutions(DemoWorld.RESOURCE_GROUP, "nightly-report-staging")).hasSize(1);
        assertThat(flow.rt.sim().jobImage(DemoWorld.RESOURCE_GROUP, "nightly-report-staging"))
                .as("the staging job ran the candidate from a start template, itself unchanged").isEqualTo(staging);
        assertThat(flow.rt.sim().jobImage(DemoWorld.RESOURCE_GROUP, "nightly-report")).isEqualTo(before("nightly-report"));

        flow.approve(id, "alice@example.com");
        flow.advanceUntilFinished(id, LONG);

        PromotionStatus status = flow.status(id);
        assertThat(status.phase()).as(status.detail()).isEqualTo(Phase.SUCCEEDED);
        assertThat(flow.rt.sim().jobImage(DemoWorld.RESOURCE_GROUP, "nightly-report")).isEqualTo(status.image());
        // In the twice suite the rollout's second run finds its own write already made (a job cannot tell it from one
        // by hand): the target's history still says this promotion put the candidate into production.
        assertThat(flow.rt.audit().productions("nightly-report", 10, java.util.Optional.empty()).records())
                .first().satisfies(r -> {
                    assertThat(r.promotion()).isEqualTo(id);
                    assertThat(r.image()).isEqualTo(status.image());
                    assertThat(r.previousImage()).isEqualTo(before("nightly-report"));
                });
    }

    @Test
    void job_failingStagingExecutionEndsFailedAndLeavesProductionAlone() {
        flow.rt.sim().setImageBehavior(flow.candidateDigest("nightly-report"), ImageBehavior.failsProvisioning());
        String id = flow.push("nightly-report");

        flow.advanceUntilFinished(id, LONG);

        assertThat(flow.phase(id)).isEqualTo(Phase.FAILED);
        assertThat(flow.status(id).detail()).contains("staging job execution");
        assertThat(flow.rt.sim().jobImage(DemoWorld.RESOURCE_GROUP, "nightly-report")).isEqualTo(before("nightly-report"));
    }

    /** Enough 500s on the job to outlast every retry of the rollout (each try of the activity takes some). */
    int jobRolloutFaults() {
        return 20;
    }

    @Test
    void job_armFaultDuringTheRolloutIsRetriedThenRestoresThePreviousImage() {
        String id = flow.push("nightly-report");
        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);
        flow.rt.sim().faults().inject(Fault.status(500).times(jobRolloutFaults()).on("PATCH", ".*/jobs/nightly-report"));
        flow.approve(id, "alice@example.com");

        flow.advanceUntilFinished(id, LONG);

        PromotionStatus status = flow.status(id);
        assertThat(status.phase()).as(status.detail()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(status.detail()).contains("RollOut failed after retries");
        assertThat(flow.rt.sim().jobImage(DemoWorld.RESOURCE_GROUP, "nightly-report")).isEqualTo(before("nightly-report"));
    }

    @Test
    void aRestartDuringTheMonitorWindow_isCountedBeforeTheWindowEndsAndRollsBack() throws Exception {
        String id = approveAndWaitFor("shop-web", Phase.MONITORING);
        String revision = flow.status(id).stagingRevision();
        // A replica restarts once and comes back healthy: only its restart count tells (shop-web allows 0).
        String subscription = flow.rt.ports().file().target("shop-web").orElseThrow().productionResourceId();
        java.net.http.HttpResponse<String> restarted = java.net.http.HttpClient.newBuilder().sslContext(flow.rt.sim().sslContext())
                .build().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(flow.rt.sim().armEndpoint()
                                + subscription.substring(1) + "/revisions/" + revision + "/restart?api-version=2025-01-01"))
                        .header("Authorization", "Bearer test").POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(restarted.statusCode()).as(restarted.body()).isEqualTo(200);

        flow.advanceUntilFinished(id, LONG);

        PromotionStatus status = flow.status(id);
        assertThat(status.phase()).as(status.detail()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(status.detail()).contains("restarted 1 times (at most 0 allowed)");
        assertThat(app("shop-web").imagesServing()).containsOnlyKeys(before("shop-web"));
    }

    @Test
    void anOlderPushNeverReplacesANewerImageInProduction() {
        flow.rt.driver().advance(Duration.ofMinutes(1));
        flow.rt.sim().pushImage(DemoWorld.REGISTRY, "shop/web", "v1.2.0");
        String newer = flow.rt.orchestrations().list("PromotionOrchestrator", "shop-web-", 5).get(0).instanceId();
        flow.advanceUntilPhase(newer, Phase.AWAITING_APPROVAL, LONG);
        flow.approve(newer, "alice@example.com");
        flow.advanceUntilFinished(newer, LONG);
        assertThat(flow.phase(newer)).isEqualTo(Phase.SUCCEEDED);

        String older = flow.push("shop-web");
        flow.advanceUntilFinished(older, LONG);

        assertThat(flow.phase(older)).isEqualTo(Phase.FAILED);
        assertThat(flow.status(older).detail()).contains("production already runs a newer image");
        assertThat(app("shop-web").imagesServing()).containsOnlyKeys(flow.status(newer).image());
    }

    @Test
    void aNewerImagePutInProductionWhileAwaitingApproval_isSeenAfterApprovalAndTheOlderCandidateFails() {
        String id = flow.push("nightly-report");
        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);
        flow.rt.driver().advance(Duration.ofMinutes(1));
        // Someone deploys a newer push by hand (a tag no target takes, so it starts no promotion).
        String newer = DemoWorld.REGISTRY_HOST + "/reports/nightly@"
                + flow.rt.sim().pushImage(DemoWorld.REGISTRY, "reports/nightly", "hotfix").digest();
        String productionJob = flow.rt.ports().file().targets().stream().filter(t -> t.name().equals("nightly-report"))
                .findFirst().orElseThrow().productionResourceId();
        flow.rt.ports().containerApps().updateJobImage(productionJob, "report", io.acapromoter.domain.PinnedImage.parse(newer));

        flow.approve(id, "alice@example.com");
        flow.advanceUntilFinished(id, LONG);

        assertThat(flow.phase(id)).as(flow.status(id).detail()).isEqualTo(Phase.FAILED);
        assertThat(flow.status(id).detail()).contains("production already runs a newer image: " + newer);
        assertThat(flow.rt.sim().jobImage(DemoWorld.RESOURCE_GROUP, "nightly-report")).isEqualTo(newer);
    }

    @Test
    void theCandidatePutInProductionByHandWhileAwaitingApproval_endsSucceededWithNothingToDo() {
        String id = flow.push("nightly-report");
        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);
        String candidate = flow.status(id).image();
        String previous = flow.status(id).productionImage();
        String productionJob = flow.rt.ports().file().target("nightly-report").orElseThrow().productionResourceId();
        flow.rt.ports().containerApps().updateJobImage(productionJob, "report", io.acapromoter.domain.PinnedImage.parse(candidate));

        flow.approve(id, "alice@example.com");
        flow.advanceUntilFinished(id, LONG);

        assertThat(flow.phase(id)).as(flow.status(id).detail()).isEqualTo(Phase.SUCCEEDED);
        assertThat(flow.status(id).detail()).isEqualTo("production already runs " + candidate + "; nothing to do");
        // The history says what production runs from now on (so "roll back now" goes back to what ran before it).
        assertThat(flow.rt.audit().productions("nightly-report", 10, java.util.Optional.empty()).records())
                .first().satisfies(r -> {
                    assertThat(r.promotion()).isEqualTo(id);
                    assertThat(r.image()).isEqualTo(candidate);
                    assertThat(r.to()).isNull();
                    assertThat(r.previousImage()).isEqualTo(previous);
                    assertThat(r.approvers()).containsExactly("alice@example.com");
                });
    }

    @Test
    void productionSwitchedByHandToAnotherRevisionOfItsImage_isSeenByTheRolloutsOwnRead_thenReleasedOverThatRevision() {
        String id = flow.push("shop-web");
        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);
        String byHand = serveByHand("shop-web", before("shop-web"), "byhand", flow.status(id).stagingRevision());

        flow.approve(id, "alice@example.com");
        flow.advanceUntilFinished(id, LONG);

        PromotionStatus status = flow.status(id);
        assertThat(status.phase()).as(status.detail()).isEqualTo(Phase.SUCCEEDED);
        assertThat(status.timeline()).anyMatch(e -> e.detail().startsWith("production changed since verification (shop-web serves "
                + byHand + ", not shop-web--initial"));
        assertThat(status.detail()).endsWith(byHand + " deactivated");
        assertThat(app("shop-web").imagesServing()).containsOnlyKeys(status.image());
    }

    @Test
    void aNewerImageServedByHandWhileAwaitingApproval_stopsTheBlueGreenRolloutBeforeItWritesAnything() {
        String id = flow.push("shop-web");
        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);
        flow.rt.driver().advance(Duration.ofMinutes(1));
        String newer = DemoWorld.REGISTRY_HOST + "/shop/web@" + flow.rt.sim().pushImage(DemoWorld.REGISTRY, "shop/web", "hotfix").digest();
        serveByHand("shop-web", newer, "hotfix", flow.status(id).stagingRevision());
        int updates = updatesOf("shop-web");

        flow.approve(id, "alice@example.com");
        flow.advanceUntilFinished(id, LONG);

        assertThat(flow.phase(id)).as(flow.status(id).detail()).isEqualTo(Phase.FAILED);
        assertThat(flow.status(id).detail()).contains("production already runs a newer image: " + newer);
        assertThat(app("shop-web").imagesServing()).containsOnlyKeys(newer);
        // Only the staging clean-up wrote to the app after approval (its staging label), never production's traffic.
        assertThat(updatesOf("shop-web") - updates).isLessThanOrEqualTo(1);
    }

    @Test
    void aNewerImageDeployedByHandToTheWorkerWhileAwaitingApproval_isNeverReplacedByTheOlderCandidate() {
        String id = flow.push("shop-worker");
        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);
        flow.rt.driver().advance(Duration.ofMinutes(1));
        String newer = DemoWorld.REGISTRY_HOST + "/shop/worker@" + flow.rt.sim().pushImage(DemoWorld.REGISTRY, "shop/worker", "hotfix").digest();
        String appId = flow.rt.ports().file().target("shop-worker").orElseThrow().productionResourceId();
        flow.rt.ports().containerApps().beginDeployImage(appId, "worker", io.acapromoter.domain.PinnedImage.parse(newer), "hotfix");
        flow.advanceUntil(f -> app("shop-worker").imagesServing().containsKey(newer), Duration.ofSeconds(5), Duration.ofMinutes(5),
                () -> "the hand-deployed worker serving");

        flow.approve(id, "alice@example.com");
        flow.advanceUntilFinished(id, LONG);

        assertThat(flow.phase(id)).as(flow.status(id).detail()).isEqualTo(Phase.FAILED);
        assertThat(flow.status(id).detail()).contains("production already runs a newer image: " + newer);
        assertThat(app("shop-worker").imagesServing()).containsOnlyKeys(newer);
    }

    @Test
    void aStagingAppPullingWithAPassword_isRefusedRightBeforeItsWrite_andNothingIsDeployed() {
        flow.rt.sim().useRegistryPassword(DemoWorld.RESOURCE_GROUP, "shop-worker-staging", DemoWorld.REGISTRY_HOST, "demoacr");
        String id = flow.push("shop-worker");
        flow.advanceUntilFinished(id, LONG);

        assertThat(flow.phase(id)).as(flow.status(id).detail()).isEqualTo(Phase.FAILED);
        assertThat(flow.status(id).detail()).startsWith("staging app shop-worker-staging pulls demoacr.azurecr.io with a stored "
                + "password (user demoacr, passwordSecretRef); the target requires a managed identity");
        assertThat(updatesOf("shop-worker-staging")).isZero();
        assertThat(flow.status(id).stagingRevision()).as("never staged").isNull();
    }

    @Test
    void aProductionAppSwitchedToAPasswordPullWhileAwaitingApproval_isRefusedAndProductionIsUntouched() {
        String id = flow.push("shop-web");
        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);
        flow.rt.sim().useRegistryPassword(DemoWorld.RESOURCE_GROUP, "shop-web", DemoWorld.REGISTRY_HOST, "demoacr");

        flow.approve(id, "alice@example.com");
        flow.advanceUntilFinished(id, LONG);

        assertThat(flow.phase(id)).as(flow.status(id).detail()).isEqualTo(Phase.FAILED);
        assertThat(flow.status(id).detail()).startsWith("production app shop-web pulls demoacr.azurecr.io with a stored password");
        assertThat(app("shop-web").imagesServing()).containsOnlyKeys(before("shop-web"));
    }

    /** Deploys {@code image} to {@code app} by hand as a new revision and gives it all production traffic; its name. */
    String serveByHand(String app, String image, String suffix, String staging) {
        String appId = flow.rt.ports().file().target(app).orElseThrow().productionResourceId();
        String container = flow.rt.ports().file().target(app).orElseThrow().container();
        String revision = flow.rt.ports().containerApps().beginDeployImage(appId, container,
                io.acapromoter.domain.PinnedImage.parse(image), suffix).revision();
        flow.advanceUntil(f -> app(app).revision(revision).filter(r -> r.provisioningState().equals("Provisioned")).isPresent(),
                Duration.ofSeconds(5), Duration.ofMinutes(5), () -> revision + " provisioned");
        flow.rt.ports().containerApps().setTraffic(appId, java.util.List.of(
                new io.acapromoter.ports.TrafficSplit(revision, 100, java.util.Optional.of("production")),
                new io.acapromoter.ports.TrafficSplit(staging, 0, java.util.Optional.of("staging"))));
        return revision;
    }

    int updatesOf(String app) {
        return (int) flow.rt.sim().requests().stream().filter(r -> r.operation().equals("ContainerApps_Update")
                && r.path().endsWith("/containerApps/" + app)).count();
    }

    @Test
    void oneRolloutPerTargetAtATime_theSecondWaitsThenRebasesOnTheFirst() {
        String first = flow.push("shop-web");
        flow.advanceUntilPhase(first, Phase.AWAITING_APPROVAL, LONG);
        flow.approve(first, "alice@example.com");
        flow.advanceUntilPhase(first, Phase.MONITORING, LONG);

        flow.rt.sim().pushImage(DemoWorld.REGISTRY, "shop/web", "v1.3.0");
        String second = flow.rt.orchestrations().list("PromotionOrchestrator", "shop-web-", 5).stream()
                .map(io.acapromoter.ports.InstanceView::instanceId).filter(i -> !i.equals(first)).findFirst().orElseThrow();
        flow.advanceUntilPhase(second, Phase.AWAITING_APPROVAL, LONG);
        if (flow.phase(first) == Phase.MONITORING) {
            flow.approve(second, "alice@example.com");
            assertThat(flow.status(second).detail()).contains("waiting for " + first);
        } else {
            flow.approve(second, "alice@example.com");
        }
        flow.advanceUntilFinished(second, LONG);

        assertThat(flow.phase(first)).isEqualTo(Phase.SUCCEEDED);
        assertThat(flow.phase(second)).as(flow.status(second).detail()).isEqualTo(Phase.SUCCEEDED);
        assertThat(flow.status(second).productionImage()).isEqualTo(flow.status(first).image());
        assertThat(app("shop-web").imagesServing()).containsOnlyKeys(flow.status(second).image());
    }
}
