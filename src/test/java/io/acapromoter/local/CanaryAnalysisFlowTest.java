package io.acapromoter.local;

import io.acapromoter.domain.Phase;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.local.sim.ContainerAppState;
import io.acapromoter.policy.InconclusivePolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Canary analysis end to end: the real adapters read the simulator's Azure Monitor (metrics API and Logs query API),
 * whose users send requests to the revisions by their traffic weights; injected errors and latency decide.
 */
class CanaryAnalysisFlowTest {

    static final Duration LONG = Duration.ofMinutes(30);
    static final String CHECKOUT_ANALYSIS = """
                  interval: 10s
                  minRequests: 10
                  maxErrorRate: 5%
                  maxLatencyP95: 500ms
                  maxRestarts: 0
                  failureLimit: 1
                  inconclusive: wait
                  maxWait: 1m
                  applicationInsights: /subscriptions/00000000-0000-0000-0000-0000000000a1/resourceGroups/demo-rg/providers/Microsoft.Insights/components/demo-insights
            """;
    static final Pattern RATE = Pattern.compile("5xx (\\d+\\.\\d)%");

    LocalFlow flow;

    @AfterEach
    void close() {
        if (flow != null) {
            try {
                flow.assertDeterministic();
            } finally {
                flow.close();
            }
        }
    }

    /** The demo configuration with shop-checkout's analysis block replaced by {@code analysis} (indented lines). */
    static String checkoutAnalysis(String analysis) {
        String demo = DemoWorld.demoConfig();
        assertThat(demo).contains(CHECKOUT_ANALYSIS);
        return demo.replace(CHECKOUT_ANALYSIS, analysis);
    }

    ContainerAppState app(String name) {
        return flow.rt.sim().containerApp(DemoWorld.RESOURCE_GROUP, name);
    }

    String approved(String target) {
        String id = flow.push(target);
        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);
        flow.approve(id, "alice@example.com");
        return id;
    }

    static List<String> timeline(PromotionStatus status) {
        return status.timeline().stream().map(PromotionStatus.TimelineEntry::detail).toList();
    }

    @Test
    void canaryWhoseErrorRateRisesAt50PercentIsRolledBackBefore100WithTheMeasuredRate() {
        // Platform metrics (no Application Insights): Requests split by statusCodeCategory for the revision.
        flow = new LocalFlow(checkoutAnalysis("""
                      interval: 10s
                      minRequests: 10
                      maxErrorRate: 5%
                      failureLimit: 1
                """));
        String id = approved("shop-checkout");
        String candidate = flow.status(id).image();
        flow.advanceUntil(f -> app("shop-checkout").imagesServing().getOrDefault(candidate, 0) == 50, Duration.ofSeconds(1),
                LONG, () -> "the candidate at 50%");
        String revision = app("shop-checkout").latestRevisionName();
        flow.rt.sim().injectTraffic(revision, 0.3, Duration.ofMillis(40));

        flow.advanceUntilFinished(id, LONG);

        PromotionStatus status = flow.status(id);
        assertThat(status.phase()).as(status.detail()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(status.detail()).startsWith("canary step 50%: analysis failed (1 of 1 failed checks allowed): " + revision).contains("(max 5.0%)",
                "Azure Monitor metrics");
        Matcher rate = RATE.matcher(status.detail());
        assertThat(rate.find()).as(status.detail()).isTrue();
        assertThat(Double.parseDouble(rate.group(1))).isGreaterThan(5.0).isLessThanOrEqualTo(30.0);
        assertThat(timeline(status)).noneMatch(d -> d.contains("takes 100%"));
        assertThat(app("shop-checkout").imagesServing()).containsOnlyKeys(flow.rt.world().productionImages().get("shop-checkout"));
        assertThat(flow.rt.audit().all()).anyMatch(r -> r.kind() == io.acapromoter.ports.AuditKind.ANALYSIS && r.detail().contains("analysis failed"));
    }

    @Test
    void healthyCanaryCompletesWithTheMeasuredNumbersInItsTimeline() {
        flow = new LocalFlow();
        String id = approved("shop-checkout");
        String candidate = flow.status(id).image();

        flow.advanceUntilFinished(id, LONG);

        PromotionStatus status = flow.status(id);
        assertThat(status.phase()).as(status.detail()).isEqualTo(Phase.SUCCEEDED);
        assertThat(app("shop-checkout").imagesServing()).containsOnlyKeys(candidate);
        assertThat(timeline(status)).anyMatch(d -> d.startsWith("canary step 20%: analysis passed") && d.contains("5xx 0.0%")
                        && d.contains("p95 40 ms (max 500 ms)") && d.contains("restarts 0 (max 0)"))
                .anyMatch(d -> d.startsWith("canary step 50%: analysis passed"))
                .anyMatch(d -> d.startsWith("monitor window: analysis passed"));
        assertThat(flow.rt.audit().all()).filteredOn(r -> r.kind() == io.acapromoter.ports.AuditKind.ANALYSIS).hasSize(3);
    }

    @ParameterizedTest
    @EnumSource(InconclusivePolicy.class)
    void tooLittleTrafficIsInconclusiveAndHandledAsConfigured(InconclusivePolicy policy) {
        flow = new LocalFlow(checkoutAnalysis("""
                      interval: 10s
                      minRequests: 10
                      maxErrorRate: 5%
                      failureLimit: 2
                      inconclusive: POLICY
                """.replace("POLICY", policy.key()) + (policy == InconclusivePolicy.WAIT ? "      maxWait: 1m\n" : "")));
        flow.rt.sim().setRequestsPerMinute(DemoWorld.RESOURCE_GROUP, "shop-checkout", 6);
        String id = approved("shop-checkout");

        flow.advanceUntilFinished(id, Duration.ofHours(2));

        PromotionStatus status = flow.status(id);
        assertThat(timeline(status)).anyMatch(d -> d.contains("analysis inconclusive (inconclusive: " + policy.key() + ")")
                && d.contains("fewer than the 10 requests needed"));
        switch (policy) {
            case PASS -> assertThat(status.phase()).as(status.detail()).isEqualTo(Phase.SUCCEEDED);
            case FAIL -> {
                assertThat(status.phase()).as(status.detail()).isEqualTo(Phase.ROLLED_BACK);
                assertThat(status.detail()).contains("canary step 20%: analysis inconclusive (inconclusive: fail), counted as failed (2 of 2 failed checks allowed)");
            }
            case WAIT -> {
                assertThat(status.phase()).as(status.detail()).isEqualTo(Phase.ROLLED_BACK);
                assertThat(status.detail()).contains("canary step 20%: no passing analysis check within",
                        "maxWait 1 min", "fewer than the 10 requests needed");
            }
        }
    }

    @Test
    void waitingOutTooLittleTrafficGoesOnOnceUsersReturn() {
        flow = new LocalFlow();
        flow.rt.sim().setRequestsPerMinute(DemoWorld.RESOURCE_GROUP, "shop-checkout", 6);
        String id = approved("shop-checkout");
        flow.advanceUntil(f -> timeline(f.status(id)).stream().anyMatch(d -> d.contains("analysis inconclusive")),
                Duration.ofSeconds(5), LONG, () -> "an inconclusive check");
        assertThat(flow.phase(id)).isEqualTo(Phase.ROLLING_OUT);
        flow.rt.sim().setRequestsPerMinute(DemoWorld.RESOURCE_GROUP, "shop-checkout", 600);

        flow.advanceUntilFinished(id, LONG);

        assertThat(flow.phase(id)).as(flow.status(id).detail()).isEqualTo(Phase.SUCCEEDED);
    }

    @Test
    void latencyRegressionInTheMonitorWindowRollsBackABlueGreenRelease() {
        flow = new LocalFlow(DemoWorld.demoConfig().replace("""
                    monitor: { window: 30s, interval: 10s, maxRestarts: 0 }
                """, """
                    monitor: { window: 30s, interval: 10s, maxRestarts: 0 }
                    analysis:
                      interval: 10s
                      minRequests: 10
                      maxLatencyP95: 300ms
                      applicationInsights: /subscriptions/00000000-0000-0000-0000-0000000000a1/resourceGroups/demo-rg/providers/Microsoft.Insights/components/demo-insights
                """));
        String id = approved("shop-web");
        flow.advanceUntilPhase(id, Phase.MONITORING, LONG);
        String released = app("shop-web").labels().get("production");
        flow.rt.sim().injectTraffic(released, 0, Duration.ofMillis(900));

        flow.advanceUntilFinished(id, LONG);

        PromotionStatus status = flow.status(id);
        assertThat(status.phase()).as(status.detail()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(status.detail()).contains("monitor window: analysis failed", released, "p95 900 ms (max 300 ms)",
                "Application Insights requests");
        assertThat(app("shop-web").imagesServing()).containsOnlyKeys(flow.rt.world().productionImages().get("shop-web"));
    }
}
