package io.acapromoter.orchestration;

import io.acapromoter.policy.Analysis;
import io.acapromoter.policy.InconclusivePolicy;

import java.util.Objects;

/**
 * What the orchestrator needs of a target's canary analysis: its cadence and how verdicts add up. The thresholds
 * stay with the {@code AnalyzeTraffic} activity. Part of {@link Plan}, so read once per promotion.
 *
 * @param intervalSeconds how often a check runs (and the span each looks at)
 * @param failureLimit    failed checks that trip the rollback
 * @param inconclusive    what a check with too little traffic counts as
 * @param maxWaitSeconds  how long {@code wait} goes on checking past a step's or the window's end
 */
public record AnalysisPlan(long intervalSeconds, int failureLimit, InconclusivePolicy inconclusive, long maxWaitSeconds) {

    public AnalysisPlan {
        Objects.requireNonNull(inconclusive, "inconclusive");
        if (intervalSeconds < 1 || failureLimit < 1 || maxWaitSeconds < 0) {
            throw new IllegalArgumentException("interval >= 1 s, failureLimit >= 1 and maxWait >= 0 expected, got "
                    + intervalSeconds + ", " + failureLimit + ", " + maxWaitSeconds);
        }
    }

    static AnalysisPlan of(Analysis a) {
        return new AnalysisPlan(a.interval().toSeconds(), a.failureLimit(), a.inconclusive(), a.maxWait().toSeconds());
    }
}
