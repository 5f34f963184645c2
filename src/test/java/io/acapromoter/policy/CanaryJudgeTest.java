package io.acapromoter.policy;

import io.acapromoter.domain.RevisionTraffic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class CanaryJudgeTest {

    static final Analysis THRESHOLDS = new Analysis(Duration.ofMinutes(1), 20, OptionalDouble.of(5), Optional.of(Duration.ofMillis(500)),
            OptionalInt.of(0), 1, InconclusivePolicy.WAIT, Duration.ofMinutes(30), Optional.empty(), Optional.empty());
    static final Analysis BASELINE = new Analysis(Duration.ofMinutes(1), 20, OptionalDouble.empty(), Optional.empty(),
            OptionalInt.empty(), 1, InconclusivePolicy.WAIT, Duration.ofMinutes(30),
            Optional.of(new Analysis.Baseline(OptionalDouble.of(1), OptionalDouble.of(20))), Optional.empty());

    static RevisionTraffic traffic(String revision, long requests, long errors, double p95, int restarts) {
        return new RevisionTraffic(revision, requests, errors, p95 < 0 ? OptionalDouble.empty() : OptionalDouble.of(p95),
                restarts < 0 ? OptionalInt.empty() : OptionalInt.of(restarts), "test");
    }

    @ParameterizedTest(name = "{0} requests, {1} 5xx, p95 {2}, restarts {3} -> {4}")
    @CsvSource({
            // requests, 5xx, p95 ms, restarts, outcome, in the detail
            "100, 5, 200, 0, PASSED, 5xx 5.0% (5) (max 5.0%)",
            "100, 6, 200, 0, FAILED, beyond the threshold: 5xx 6.0% (6) (max 5.0%)",
            "100, 0, 501, 0, FAILED, beyond the threshold: p95 501 ms (max 500 ms)",
            "100, 0, 200, 1, FAILED, beyond the threshold: restarts 1 (max 0)",
            "19, 19, 900, 0, INCONCLUSIVE, fewer than the 20 requests needed",
            "0, 0, -1, 2, FAILED, restarts 2 (max 0)",
            "20, 0, -1, -1, PASSED, 20 requests, 5xx 0.0% (0) (max 5.0%)",
    })
    void judge_appliesEveryThresholdOnlyFromMinRequestsOnExceptRestarts(long requests, long errors, double p95, int restarts,
                                                                       AnalysisVerdict.Outcome outcome, String detail) {
        AnalysisVerdict verdict = CanaryJudge.judge(THRESHOLDS, traffic("web--new", requests, errors, p95, restarts), Optional.empty());

        assertThat(verdict.outcome()).as(verdict.detail()).isEqualTo(outcome);
        assertThat(verdict.detail()).startsWith("web--new: ").contains(detail);
    }

    @ParameterizedTest(name = "new {0}/{1} p95 {2} vs previous {3}/{4} p95 {5} -> {6}")
    @CsvSource({
            "100, 3, 100, 100, 2, 100, PASSED, 5xx 3.0% vs 2.0% on web--old (at most +1 points)",
            "100, 4, 100, 100, 2, 100, FAILED, beyond the threshold: 5xx 4.0% vs 2.0% on web--old",
            "100, 0, 121, 100, 0, 100, FAILED, beyond the threshold: p95 121 ms vs 100 ms on web--old (at most +20%)",
            "100, 0, 120, 100, 0, 100, PASSED, p95 120 ms vs 100 ms",
            "100, 9, 900, 5, 0, 100, PASSED, baseline skipped (previous revision web--old served 5 requests",
    })
    void judge_comparesWithThePreviousRevisionOnlyWhenItServedEnough(long requests, long errors, double p95, long oldRequests,
                                                                     long oldErrors, double oldP95, AnalysisVerdict.Outcome outcome,
                                                                     String detail) {
        AnalysisVerdict verdict = CanaryJudge.judge(BASELINE, traffic("web--new", requests, errors, p95, -1),
                Optional.of(traffic("web--old", oldRequests, oldErrors, oldP95, -1)));

        assertThat(verdict.outcome()).as(verdict.detail()).isEqualTo(outcome);
        assertThat(verdict.detail()).contains(detail);
    }
}
