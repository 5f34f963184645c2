package io.acapromoter.local;

import io.acapromoter.ports.AuditKind;
import io.acapromoter.domain.Phase;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.local.sim.ContainerAppState;
import io.acapromoter.local.sim.Fault;
import io.acapromoter.local.sim.ImageBehavior;
import io.acapromoter.ports.AuditRecord;
import io.acapromoter.ports.InstanceView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole promotions of the blue-green demo app ({@code shop-web}) through the in-memory Durable
 * driver, the real Azure SDK adapters and the simulator: every way a promotion can end.
 */
class PromotionFlowTest {

    static final Duration LONG = Duration.ofMinutes(30);

    final LocalFlow flow = new LocalFlow();
    final String before = flow.rt.world().productionImages().get("shop-web");

    @AfterEach
    void checkAndClose() {
        try {
            flow.assertDeterministic();
            ContainerAppState web = web();
            assertThat(web.trafficByRevision().values().stream().mapToInt(Integer::intValue).sum())
                    .as("traffic of shop-web sums to 100").isEqualTo(100);
            assertThat(web.imagesServing()).as("shop-web serves something").isNotEmpty();
        } finally {
            flow.close();
        }
    }

    ContainerAppState web() {
        return flow.rt.sim().containerApp(DemoWorld.RESOURCE_GROUP, "shop-web");
    }

    void assertProductionUntouched() {
        assertThat(web().imageForLabel("production").or(() -> web().imagesServing().keySet().stream().findFirst()))
                .contains(before);
        assertThat(web().imagesServing()).containsOnlyKeys(before);
    }

    @Test
    void happyPath_stagesTestsAsksAndReleasesTheExactDigest() {
        String id = flow.push("shop-web");
        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);
        PromotionStatus waiting = flow.status(id);
        assertThat(waiting.smoke()).isNotEmpty().allMatch(PromotionStatus.ProbeOutcome::passed);
        assertThat(waiting.stagingUrl()).startsWith("https://shop-web---staging.");
        assertThat(waiting.productionImage()).isEqualTo(before);
        assertThat(web().imagesServing()).containsOnlyKeys(before);

        flow.approve(id, "alice@example.com");
        flow.advanceUntilFinished(id, LONG);

        PromotionStatus done = flow.status(id);
        assertThat(done.phase()).as(done.detail()).isEqualTo(Phase.SUCCEEDED);
        assertThat(done.image()).contains("@" + flow.candidateDigest("shop-web"));
        assertThat(web().imageForLabel("production")).contains(done.image());
        assertThat(web().imagesServing()).containsOnlyKeys(done.image());
        assertThat(done.timeline()).extracting(PromotionStatus.TimelineEntry::phase).containsSubsequence(
                Phase.PENDING, Phase.VERIFYING, Phase.STAGING, Phase.SMOKE_TESTING, Phase.AWAITING_APPROVAL,
                Phase.ROLLING_OUT, Phase.MONITORING, Phase.SUCCEEDED);
        assertThat(flow.rt.audit().history(id)).extracting(AuditRecord::kind)
                .contains(AuditKind.APPROVAL_REQUESTED, AuditKind.DECISION, AuditKind.OUTCOME);
    }

    @Test
    void stagingProvisioningFails_endsFailedWithProductionUntouched() {
        flow.rt.sim().setImageBehavior(flow.candidateDigest("shop-web"), ImageBehavior.failsProvisioning());
        String id = flow.push("shop-web");

        flow.advanceUntilFinished(id, LONG);

        assertThat(flow.phase(id)).isEqualTo(Phase.FAILED);
        assertThat(flow.status(id).detail()).contains("failed to provision");
        assertProductionUntouched();
    }

    @Test
    void revisionNeverHealthy_endsFailedAsSoonAsItReportsDegraded_notAtTheReadyTimeout() {
        flow.rt.sim().setImageBehavior(flow.candidateDigest("shop-web"), ImageBehavior.neverHealthy());
        String id = flow.push("shop-web");

        flow.advanceUntilFinished(id, Duration.ofMinutes(2));

        assertThat(flow.phase(id)).isEqualTo(Phase.FAILED);
        assertThat(flow.status(id).detail()).contains("running Degraded, health UNHEALTHY");
        assertProductionUntouched();
    }

    @Test
    void smokeTestFails_endsFailedAndCleansUpTheStagingRevision() {
        flow.rt.sim().setImageBehavior(flow.candidateDigest("shop-web"), ImageBehavior.brokenHttp());
        String id = flow.push("shop-web");

        flow.advanceUntilFinished(id, LONG);

        PromotionStatus status = flow.status(id);
        assertThat(status.phase()).isEqualTo(Phase.FAILED);
        assertThat(status.detail()).contains("smoke tests failed").contains("expected status 200, got 500");
        assertThat(status.smoke()).anyMatch(p -> !p.passed());
        assertThat(web().labels()).doesNotContainKey("staging");
        assertThat(web().revision(status.stagingRevision()).orElseThrow().active()).isFalse();
        assertProductionUntouched();
    }

    @Test
    void rejected_endsRejectedWithTheReason() {
        String id = flow.push("shop-web");
        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);

        flow.decide(id, flow.request(id).reject(), "bob@example.com", "reject", "not before the sale");
        flow.advanceUntilFinished(id, LONG);

        assertThat(flow.phase(id)).isEqualTo(Phase.REJECTED);
        assertThat(flow.status(id).detail()).contains("bob@example.com").contains("not before the sale");
        assertThat(web().labels()).doesNotContainKey("staging");
        assertProductionUntouched();
    }

    @Test
    void deadlinePasses_endsExpiredAfterReminders() {
        String id = flow.push("shop-web");
        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);

        flow.advanceUntil(f -> f.phase(id).isTerminal(), Duration.ofMinutes(5), Duration.ofHours(3), () -> "expired");

        assertThat(flow.phase(id)).isEqualTo(Phase.EXPIRED);
        assertThat(flow.rt.audit().history(id)).filteredOn(r -> r.kind() == AuditKind.APPROVAL_REMINDED).hasSizeGreaterThanOrEqualTo(3);
        assertProductionUntouched();
    }

    @Test
    void newerPush_supersedesTheOlderCandidateBeforeProduction() {
        String older = flow.push("shop-web");
        flow.advanceUntilPhase(older, Phase.AWAITING_APPROVAL, LONG);

        flow.rt.driver().advance(Duration.ofMinutes(1));
        flow.rt.sim().pushImage(DemoWorld.REGISTRY, "shop/web", "v1.2.0");
        flow.rt.driver().runUntilIdle();
        flow.advanceUntilFinished(older, LONG);

        assertThat(flow.phase(older)).isEqualTo(Phase.SUPERSEDED);
        assertThat(flow.status(older).detail()).contains("superseded by a newer candidate");
        String newer = flow.rt.orchestrations().list("PromotionOrchestrator", "shop-web-", 10).stream()
                .map(InstanceView::instanceId).filter(i -> !i.equals(older)).findFirst().orElseThrow();
        flow.advanceUntilPhase(newer, Phase.AWAITING_APPROVAL, LONG);
        assertProductionUntouched();
    }

    @Test
    void aNewTagOnWhatProductionRuns_endsWithNothingToDo_andSupersedesNoCandidate() {
        String waiting = flow.push("shop-web");
        flow.advanceUntilPhase(waiting, Phase.AWAITING_APPROVAL, LONG);
        String production = web().imagesServing().keySet().iterator().next();
        String digest = production.substring(production.indexOf('@') + 1);

        flow.rt.driver().advance(Duration.ofMinutes(1));
        flow.rt.sim().pushImage(DemoWorld.REGISTRY, "shop/web", "v1.9.9", digest);
        flow.rt.driver().runUntilIdle();
        String retagged = "shop-web-" + digest.replace(':', '-');
        flow.advanceUntilFinished(retagged, LONG);

        assertThat(flow.phase(retagged)).as(flow.status(retagged).detail()).isEqualTo(Phase.SUCCEEDED);
        assertThat(flow.status(retagged).detail()).contains("nothing to do");
        assertThat(flow.phase(waiting)).as("a pushed tag is not a newer image: the candidate still waits").isEqualTo(Phase.AWAITING_APPROVAL);
    }

    @Test
    void pushesOfDigestsThatDoNotExist_neverSupersedeAVerifiedPromotionWaitingForApproval() {
        String waiting = flow.push("shop-web");
        flow.advanceUntilPhase(waiting, Phase.AWAITING_APPROVAL, LONG);
        String event = flow.rt.world().sampleEvents().get("shop-web");
        String realDigest = flow.candidateDigest("shop-web");

        Set<String> bogus = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            String digest = "sha256:" + String.format("%064x", 0xbad0000L + i);
            bogus.add(flow.deliver(event.replace(realDigest, digest).replace("2026-", "2027-")));
        }
        for (String id : bogus) {
            flow.advanceUntilFinished(id, LONG);
            assertThat(flow.phase(id)).isEqualTo(Phase.FAILED);
        }

        assertThat(flow.phase(waiting)).isEqualTo(Phase.AWAITING_APPROVAL);
        flow.approve(waiting, "alice@example.com");
        flow.advanceUntilFinished(waiting, LONG);
        assertThat(flow.phase(waiting)).isEqualTo(Phase.SUCCEEDED);
    }

    @Test
    void productionFailsInTheMonitorWindow_rollsBackToThePreviousRevision() {
        String id = flow.push("shop-web");
        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);
        flow.approve(id, "alice@example.com");
        flow.advanceUntilPhase(id, Phase.MONITORING, LONG);

        flow.rt.sim().setImageBehavior(flow.candidateDigest("shop-web"), ImageBehavior.brokenHttp());
        flow.advanceUntilFinished(id, LONG);

        PromotionStatus status = flow.status(id);
        assertThat(status.phase()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(status.detail()).contains("production probes failed").contains("traffic back on");
        assertThat(web().imageForLabel("production")).contains(before);
        assertThat(web().imagesServing()).containsOnlyKeys(before);
        assertThat(web().revision(status.stagingRevision()).orElseThrow().active()).as("failed revision deactivated").isFalse();
    }

    @Test
    void armThrottlingAndServerErrors_areRetriedAndThePromotionSucceeds() {
        flow.rt.sim().faults().inject(Fault.status(429).retryAfterSeconds(1).times(2).on("PATCH", ".*/containerApps/shop-web"));
        flow.rt.sim().faults().inject(Fault.status(503).times(2).on("GET", ".*/containerApps/shop-web/revisions/.*"));
        String id = flow.push("shop-web");
        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);
        flow.rt.sim().faults().inject(Fault.status(500).times(2).on("PATCH", ".*/containerApps/shop-web"));
        flow.approve(id, "alice@example.com");

        flow.advanceUntilFinished(id, LONG);

        assertThat(flow.phase(id)).as(flow.status(id).detail()).isEqualTo(Phase.SUCCEEDED);
        assertThat(flow.rt.sim().requests()).anyMatch(r -> r.status() == 429).anyMatch(r -> r.status() == 503);
    }

    @Test
    void anAppBusyWithAnotherOperation_isWaitedForLongerThanOtherFaults_andThePromotionSucceeds() {
        // More refusals than the 5 attempts other faults get: an operation in progress may take minutes.
        flow.rt.sim().faults().inject(Fault.status(409).code("ContainerAppOperationInProgress").times(8)
                .on("PATCH", ".*/containerApps/shop-web"));
        String id = flow.push("shop-web");
        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);
        flow.approve(id, "alice@example.com");

        flow.advanceUntilFinished(id, LONG);

        assertThat(flow.phase(id)).as(flow.status(id).detail()).isEqualTo(Phase.SUCCEEDED);
        assertThat(flow.rt.sim().requests()).filteredOn(r -> r.status() == 409).hasSize(8);
    }

    @Test
    void anAppThatStaysBusy_endsErroredAfterTheBusyWait_withAzuresAnswer() {
        PromotionStatus status = pushWhileArmRefusesUpdates(409, "ContainerAppOperationInProgress");

        assertThat(status.phase()).isEqualTo(Phase.ERRORED);
        assertThat(status.detail()).contains("DeployStaging failed after retries").contains("ContainerAppOperationInProgress");
        long refusals = flow.rt.sim().requests().stream().filter(r -> r.status() == 409).count();
        assertThat(refusals).as("tried every 20 s for 15 minutes (each try twice when the driver runs every activity twice)")
                .isBetween(40L, 100L);
        flow.rt.sim().faults().clear();
        assertProductionUntouched();
    }

    /** Pushes shop-web while ARM answers every update of the app with {@code httpStatus}; the promotion's end. */
    PromotionStatus pushWhileArmRefusesUpdates(int httpStatus) {
        return pushWhileArmRefusesUpdates(httpStatus, null);
    }

    /** The same, ARM's error naming {@code code} (null: the status's generic code). */
    PromotionStatus pushWhileArmRefusesUpdates(int httpStatus, String code) {
        flow.rt.sim().faults().inject(Fault.status(httpStatus).code(code).always().on("PATCH", ".*/containerApps/shop-web"));
        String id = flow.push("shop-web");
        flow.advanceUntilFinished(id, LONG);
        return flow.status(id);
    }

    @Test
    void persistentArmFault_endsErroredWithProductionUntouched() {
        PromotionStatus status = pushWhileArmRefusesUpdates(500);

        assertThat(status.phase()).isEqualTo(Phase.ERRORED);
        assertThat(status.detail()).contains("DeployStaging failed after retries").contains("HTTP 500");
        flow.rt.sim().faults().clear();
        assertProductionUntouched();
    }

    @Test
    void forbiddenFromArm_endsErroredAtOnceWithTheCause() {
        PromotionStatus status = pushWhileArmRefusesUpdates(403);

        assertThat(status.phase()).isEqualTo(Phase.ERRORED);
        assertThat(status.detail()).contains("DeployStaging failed, not retried").contains("HTTP 403");
        assertThat(flow.rt.sim().requests()).as("one attempt, no retries").filteredOn(r -> r.status() == 403).hasSize(1);
        flow.rt.sim().faults().clear();
        assertProductionUntouched();
    }

    @Test
    void theSameEventDeliveredTwentyTimes_startsOnePromotion() {
        String event = flow.rt.world().sampleEvents().get("shop-web");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            ids.add(flow.deliver(event));
            flow.rt.driver().runUntilIdle();
        }

        assertThat(ids).hasSize(1);
        assertThat(flow.rt.orchestrations().list("PromotionOrchestrator", "", 50)).hasSize(1);
    }
}
