package io.acapromoter.local;

import io.acapromoter.domain.Digest;
import io.acapromoter.domain.Phase;
import io.acapromoter.domain.PromotionId;
import io.acapromoter.local.sim.ImageBehavior;
import io.acapromoter.local.sim.PushedImage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Azure as it really behaves, through the simulator and the real SDK adapters: running states the
 * API spec does not list, deployments whose operation fails ten minutes later, suffix reuse answered
 * by a silent no-op, job executions that report passing states.
 */
class AzureBehaviourTest {

    static final Duration LONG = Duration.ofMinutes(30);

    LocalFlow flow = new LocalFlow();

    @AfterEach
    void close() {
        try {
            flow.assertDeterministic();
        } finally {
            flow.close();
        }
    }

    @Test
    void stagingRevisionRunningAtMaxScale_isReady() {
        flow.rt.sim().setImageBehavior(flow.candidateDigest("shop-web"), ImageBehavior.reporting("RunningAtMaxScale"));
        String id = flow.push("shop-web");

        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, Duration.ofMinutes(2));

        assertThat(flow.status(id).stagingUrl()).isNotBlank();
    }

    @Test
    void stagingRevisionScaledToZero_isReadyAndAnswersItsSmokeTests() {
        flow.rt.sim().setImageBehavior(flow.candidateDigest("shop-web"), ImageBehavior.reporting("ScaledToZero"));
        String id = flow.push("shop-web");

        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, Duration.ofMinutes(2));

        assertThat(flow.status(id).smoke()).isNotEmpty().allSatisfy(p -> assertThat(p.passed()).isTrue());
    }

    @Test
    void revisionThatNeverActivates_failsWhenAzureFailsItsOperation_withTheArmError_notAtTheReadyTimeout() {
        flow.close();
        flow = new LocalFlow(DemoWorld.demoConfig().replace("readyTimeout: 5m", "readyTimeout: 30m"));
        flow.rt.sim().setImageBehavior(flow.candidateDigest("shop-web"), ImageBehavior.stuckActivating());
        String id = flow.push("shop-web");

        flow.advanceUntilFinished(id, Duration.ofMinutes(12));

        assertThat(flow.phase(id)).isEqualTo(Phase.FAILED);
        assertThat(flow.status(id).detail()).contains("failed in Azure: ContainerAppOperationError")
                .contains("Operation expired");
    }

    @Test
    void productionRevisionThatStartsRestartingMidWindow_whileAzureStillCallsItHealthy_isRolledBackAtTheNextCheck() {
        flow.close();
        // A long window: restarts counted only now and then (or at its end) would let this run for minutes.
        flow = new LocalFlow(DemoWorld.demoConfig().replace("monitor: { window: 30s, interval: 10s, maxRestarts: 0 }",
                "monitor: { window: 10m, interval: 10s, maxRestarts: 0 }"));
        String id = flow.push("shop-web");
        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, Duration.ofMinutes(2));
        flow.approve(id, "alice@example.com");
        flow.advanceUntilPhase(id, Phase.MONITORING, Duration.ofMinutes(2));
        String revision = flow.status(id).stagingRevision();

        flow.rt.sim().setImageBehavior(flow.candidateDigest("shop-web"), ImageBehavior.restarting());
        flow.advanceUntilFinished(id, Duration.ofSeconds(30));

        assertThat(flow.phase(id)).isEqualTo(Phase.ROLLED_BACK);
        assertThat(flow.status(id).detail()).contains("revision " + revision + " restarted 1 times (at most 0 allowed)")
                .contains("running and ready, 1 restart");
        assertThat(flow.rt.sim().containerApp(DemoWorld.RESOURCE_GROUP, "shop-web").trafficByRevision())
                .containsEntry(revision, 0);
    }

    @Test
    void workerRolledBackTwiceOntoTheSameImage_servesItAgainBothTimes() {
        String previous = flow.rt.world().productionImages().get("shop-worker");
        for (String tag : new String[] {"v3.2.0", "v3.3.0"}) {
            PushedImage candidate = flow.rt.sim().pushImage(DemoWorld.REGISTRY, "shop/worker", tag);
            String id = PromotionId.of("shop-worker", Digest.parse(candidate.digest())).value();
            flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);
            flow.rt.sim().setImageBehavior(candidate.digest(), ImageBehavior.neverHealthy());
            flow.approve(id, "alice@example.com");
            flow.advanceUntilFinished(id, LONG);

            assertThat(flow.phase(id)).as(flow.status(id).detail()).isEqualTo(Phase.ROLLED_BACK);
            flow.advanceUntil(f -> worker().imagesServing().containsKey(previous), Duration.ofSeconds(5),
                    Duration.ofMinutes(5), () -> "previous worker image serving after rolling back " + tag
                            + " (serving " + worker().imagesServing() + ")");
        }
    }

    @Test
    void stagingJobExecutionReportingDegradedWhileItRuns_isWaitedFor() {
        flow.rt.sim().setImageBehavior(flow.candidateDigest("nightly-report"), ImageBehavior.reporting("Degraded"));
        String id = flow.push("nightly-report");

        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, Duration.ofMinutes(5));

        assertThat(flow.rt.sim().jobExecutions(DemoWorld.RESOURCE_GROUP, "nightly-report-staging"))
                .last().asString().endsWith(":Succeeded");
    }

    io.acapromoter.local.sim.ContainerAppState worker() {
        return flow.rt.sim().containerApp(DemoWorld.RESOURCE_GROUP, "shop-worker");
    }
}
