package io.acapromoter.policy;

import io.acapromoter.domain.RevisionTraffic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Judges one span of a new revision's traffic against the target's {@link Analysis}: a pure function, so every
 * threshold is a table test. Restarts are judged even with too little traffic (a crashing revision may serve
 * nothing); rates and percentiles only from {@code minRequests} on. The previous revision is compared only when it
 * served {@code minRequests} itself; else the detail says the baseline was skipped.
 */
public final class CanaryJudge {

    private CanaryJudge() {
    }

    public static AnalysisVerdict judge(Analysis analysis, RevisionTraffic canary, Optional<RevisionTraffic> previous) {
        List<String> measured = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        measured.add(canary.requests() + " requests");
        if (canary.restarts().isPresent() && analysis.maxRestarts().isPresent()) {
            int restarts = canary.restarts().getAsInt();
            int max = analysis.maxRestarts().getAsInt();
            String text = "restarts " + restarts + " (max " + max + ")";
            measured.add(text);
            if (restarts > max) {
                broken.add(text);
            }
        }
        boolean enough = canary.requests() >= analysis.minRequests();
        if (enough) {
            double rate = canary.errorRatePercent();
            String rateText = "5xx " + percent(rate) + " (" + canary.serverErrors() + ")";
            analysis.maxErrorRate().ifPresentOrElse(max -> {
                String text = rateText + " (max " + percent(max) + ")";
                measured.add(text);
                if (rate > max) {
                    broken.add(text);
                }
            }, () -> measured.add(rateText));
            canary.p95Millis().ifPresent(p95 -> {
                Optional<Duration> max = analysis.maxLatencyP95();
                String text = "p95 " + millis(p95) + max.map(m -> " (max " + millis(m.toMillis()) + ")").orElse("");
                measured.add(text);
                if (max.isPresent() && p95 > max.get().toMillis()) {
                    broken.add(text);
                }
            });
            analysis.baseline().ifPresent(baseline -> compare(analysis, baseline, canary, previous, measured, broken));
        }
        String detail = canary.revision() + ": " + String.join(", ", measured) + " [" + canary.source() + "]";
        if (!broken.isEmpty()) {
            return new AnalysisVerdict(AnalysisVerdict.Outcome.FAILED, detail + "; beyond the threshold: "
                    + String.join("; ", broken));
        }
        if (!enough) {
            return new AnalysisVerdict(AnalysisVerdict.Outcome.INCONCLUSIVE, detail + "; fewer than the "
                    + analysis.minRequests() + " requests needed (minRequests): inconclusive");
        }
        return new AnalysisVerdict(AnalysisVerdict.Outcome.PASSED, detail);
    }

    private static void compare(Analysis analysis, Analysis.Baseline baseline, RevisionTraffic canary,
                                Optional<RevisionTraffic> previous, List<String> measured, List<String> broken) {
        if (previous.isEmpty() || previous.get().requests() < analysis.minRequests()) {
            measured.add("baseline skipped (previous revision "
                    + previous.map(p -> p.revision() + " served " + p.requests() + " requests").orElse("serves nothing")
                    + ", fewer than minRequests)");
            return;
        }
        RevisionTraffic before = previous.get();
        baseline.maxErrorRateIncrease().ifPresent(points -> {
            double increase = canary.errorRatePercent() - before.errorRatePercent();
            String text = "5xx " + percent(canary.errorRatePercent()) + " vs " + percent(before.errorRatePercent())
                    + " on " + before.revision() + " (at most +" + points(points) + " points)";
            measured.add(text);
            if (increase > points) {
                broken.add(text);
            }
        });
        baseline.maxLatencyIncrease().ifPresent(pct -> {
            if (canary.p95Millis().isEmpty() || before.p95Millis().isEmpty()) {
                measured.add("p95 baseline skipped (no durations measured)");
                return;
            }
            double now = canary.p95Millis().getAsDouble();
            double was = before.p95Millis().getAsDouble();
            String text = "p95 " + millis(now) + " vs " + millis(was) + " on " + before.revision() + " (at most +"
                    + points(pct) + "%)";
            measured.add(text);
            if (now > was * (1 + pct / 100.0)) {
                broken.add(text);
            }
        });
    }

    static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f%%", value);
    }

    private static String points(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String millis(double value) {
        return Math.round(value) + " ms";
    }
}
