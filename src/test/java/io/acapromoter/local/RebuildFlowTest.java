package io.acapromoter.local;

import io.acapromoter.ports.AuditKind;
import io.acapromoter.domain.Phase;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.local.sim.VulnerabilityFinding;
import io.acapromoter.orchestration.Names;
import io.acapromoter.orchestration.RebuildStatus;
import io.acapromoter.policy.RebuildDecision;
import io.acapromoter.policy.RebuildOutcome;
import io.acapromoter.ports.InstanceView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Finding → ACR Task run → push of the rebuilt image → a promotion that names the CVEs it fixes. */
class RebuildFlowTest {

    static final Duration LONG = Duration.ofMinutes(30);

    final LocalFlow flow = new LocalFlow();
    final String production = flow.rt.world().productionImages().get("shop-web");
    final String productionDigest = production.substring(production.indexOf('@') + 1);

    @AfterEach
    void checkAndClose() {
        try {
            flow.assertDeterministic();
        } finally {
            flow.close();
        }
    }

    List<InstanceView> rebuilds() {
        return flow.rt.orchestrations().list(Names.REBUILD_ORCHESTRATOR, "", 50);
    }

    RebuildStatus rebuild(InstanceView v) {
        try {
            return LocalFlow.JSON.readValue(v.customStatus().orElseThrow(), RebuildStatus.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    InstanceView promotionOfRebuild() {
        return flow.rt.orchestrations().list(Names.PROMOTION_ORCHESTRATOR, "shop-web-", 10).stream().findFirst()
                .orElseThrow(() -> new AssertionError("no promotion of the rebuilt image"));
    }

    @Test
    void finding_rebuildsTheImageAndItsPromotionNamesTheFixedCves() {
        List<RebuildDecision> decisions = flow.rt.findingIntake().handle(flow.rt.world().sampleFinding(),
                flow.rt.orchestrations(), LocalFlow.LOG);
        assertThat(decisions).singleElement().satisfies(d -> assertThat(d.outcome()).isEqualTo(RebuildOutcome.REBUILD));

        flow.advanceUntil(f -> !f.rt.orchestrations().list(Names.PROMOTION_ORCHESTRATOR, "", 10).isEmpty(),
                Duration.ofSeconds(5), LONG, () -> "a promotion of the rebuilt image");
        String id = promotionOfRebuild().instanceId();
        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);

        PromotionStatus status = flow.status(id);
        assertThat(status.rebuildOf()).isEqualTo(productionDigest);
        assertThat(status.fixes()).containsExactly("CVE-2024-6387");
        assertThat(status.tag()).isEqualTo("v1.0.1");
        java.net.URI link = flow.request(id).approve();
        String page = flow.rt.approvals().get(link.getPath().substring(io.acapromoter.approval.ApprovalLinks.ROUTE.length()),
                java.util.Map.of("x-ms-client-principal-name", "alice@example.com")).body();
        assertThat(page).contains("CVE-2024-6387").contains(productionDigest);
        assertThat(flow.printed.toString()).contains("rebuild of " + productionDigest + " fixing CVE-2024-6387");
        flow.advanceUntil(f -> rebuild(rebuilds().get(0)).state() == RebuildStatus.State.SUCCEEDED, Duration.ofSeconds(5), LONG,
                () -> "rebuild finished");
        assertThat(flow.rt.sim().taskRuns(DemoWorld.REGISTRY)).hasSize(1);
    }

    @Test
    void findingRepeatedTheNextDayWithinTheWindow_startsNoSecondRebuild() {
        flow.rt.findingIntake().handle(flow.rt.world().sampleFinding(), flow.rt.orchestrations(), LocalFlow.LOG);
        flow.advanceUntil(f -> rebuilds().get(0).state().isFinished(), Duration.ofSeconds(10), LONG, () -> "rebuild done");
        flow.rt.driver().advance(Duration.ofHours(2));

        List<RebuildDecision> again = flow.rt.findingIntake().handle(flow.rt.world().sampleFinding(),
                flow.rt.orchestrations(), LocalFlow.LOG);

        assertThat(again).singleElement().satisfies(d -> assertThat(d.outcome()).isEqualTo(RebuildOutcome.RECENTLY_REBUILT));
        assertThat(rebuilds()).hasSize(1);
    }

    @Test
    void failedTaskRun_isReportedWithTheRunIdAndStartsNoPromotion() {
        flow.rt.sim().failNextTaskRuns(DemoWorld.REGISTRY, DemoWorld.REBUILD_TASK, 1);
        flow.rt.findingIntake().handle(flow.rt.world().sampleFinding(), flow.rt.orchestrations(), LocalFlow.LOG);

        flow.advanceUntil(f -> rebuilds().get(0).state().isFinished(), Duration.ofSeconds(10), LONG, () -> "rebuild done");

        RebuildStatus status = rebuild(rebuilds().get(0));
        assertThat(status.state()).isEqualTo(RebuildStatus.State.FAILED);
        assertThat(status.detail()).contains("run " + status.runId()).contains("az acr task logs");
        assertThat(flow.rt.orchestrations().list(Names.PROMOTION_ORCHESTRATOR, "", 10)).isEmpty();
        assertThat(flow.rt.audit().history(status.rebuildId())).anyMatch(r -> r.kind() == AuditKind.REBUILD);
    }

    @Test
    void sweep_findsAVulnerableRunningDigestWithoutAnyEvent() {
        flow.rt.sim().addFinding(VulnerabilityFinding.current(DemoWorld.REGISTRY_HOST, "shop/web", productionDigest,
                "CVE-2025-0001", "Critical"));

        List<RebuildDecision> decisions = flow.rt.findingIntake().sweep(flow.rt.orchestrations(), LocalFlow.LOG);
        flow.rt.driver().runUntilIdle();

        assertThat(decisions).extracting(RebuildDecision::outcome).contains(RebuildOutcome.REBUILD);
        assertThat(rebuilds()).singleElement().satisfies(v -> assertThat(rebuild(v).cves()).contains("CVE-2025-0001"));
    }
}
