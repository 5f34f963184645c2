package io.acapromoter.policy;

import io.acapromoter.local.DemoWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code analysis} block of a target, read from the demo file with its shop-checkout block replaced. */
class AnalysisReaderTest {

    static final String INSIGHTS = "/subscriptions/00000000-0000-0000-0000-0000000000a1/resourceGroups/demo-rg/providers/"
            + "Microsoft.Insights/components/demo-insights";

    static String withAnalysis(String flowMapping) {
        String demo = DemoWorld.demoConfig();
        int start = demo.indexOf("    analysis:\n");
        int end = demo.indexOf("\n\n", start);
        return demo.substring(0, start) + "    analysis: " + flowMapping + demo.substring(end);
    }

    @Test
    void parse_readsTheDemoBlockWithItsDefaults() {
        Analysis a = PromotionFileLoader.parse(DemoWorld.demoConfig(), "demo").target("shop-checkout").orElseThrow()
                .analysis().orElseThrow();
        Analysis minimal = PromotionFileLoader.parse(withAnalysis("{ maxErrorRate: 2.5, interval: 20s }"), "x").target("shop-checkout")
                .orElseThrow().analysis().orElseThrow();

        assertThat(a.interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(a.maxErrorRate()).hasValue(5.0);
        assertThat(a.maxLatencyP95()).contains(Duration.ofMillis(500));
        assertThat(a.applicationInsights()).contains(INSIGHTS);
        assertThat(minimal.maxErrorRate()).hasValue(2.5);
        assertThat(minimal.interval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(minimal.minRequests()).isEqualTo(Analysis.DEFAULT_MIN_REQUESTS);
        assertThat(minimal.inconclusive()).isEqualTo(InconclusivePolicy.WAIT);
        assertThat(minimal.failureLimit()).isEqualTo(1);
        assertThat(PromotionFileLoader.parse(DemoWorld.demoConfig(), "demo").target("shop-api").orElseThrow().analysis()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{}|analysis: checks nothing",
            "{ maxErrorRate: 5%, bogus: 1 }|analysis.bogus",
            "{ maxErrorRate: 150 }|analysis.maxErrorRate: must be between 0.0% and 100.0%",
            "{ maxErrorRate: lots }|analysis.maxErrorRate: must be a percentage",
            "{ maxLatencyP95: 300ms }|analysis.maxLatencyP95: (the 95th percentile) needs applicationInsights",
            "{ maxErrorRate: 5, interval: 1m }|analysis.interval: is longer than rollout.stepPause",
            "{ maxErrorRate: 5, inconclusive: maybe }|analysis.inconclusive: must be one of pass, fail, wait",
            "{ maxErrorRate: 5, inconclusive: pass, maxWait: 5m }|analysis.maxWait: is only used with inconclusive: wait",
            "{ maxErrorRate: 5, failureLimit: 0 }|analysis.failureLimit: must be between 1 and 100",
            "{ baseline: {} }|analysis.baseline: compares nothing",
            "{ baseline: { maxLatencyIncrease: 20 } }|analysis.baseline.maxLatencyIncrease: (comparing p95) needs applicationInsights",
            "{ maxErrorRate: 5, applicationInsights: /subscriptions/x/foo }|analysis.applicationInsights: '/subscriptions/x/foo' is not an Application Insights id",
    })
    void parse_reportsEveryAnalysisProblemByItsPath(String block, String error) {
        assertThatThrownBy(() -> PromotionFileLoader.parse(withAnalysis(block), "x.yaml"))
                .isInstanceOf(PromotionFileException.class)
                .satisfies(e -> assertThat(((PromotionFileException) e).errors())
                        .anyMatch(m -> m.startsWith("targets[2].") && m.contains(error)));
    }

    @Test
    void parse_refusesAnalysisOnAJob() {
        String demo = DemoWorld.demoConfig().replace("      container: report\n",
                "      container: report\n    analysis: { maxErrorRate: 5 }\n");
        assertThatThrownBy(() -> PromotionFileLoader.parse(demo, "x.yaml"))
                .satisfies(e -> assertThat(((PromotionFileException) e).errors())
                        .anyMatch(m -> m.contains(".analysis: jobs serve no traffic")));
    }
}
