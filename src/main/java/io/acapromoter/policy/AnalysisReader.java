package io.acapromoter.policy;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads a target's {@code analysis} block; every problem is recorded with its path. */
final class AnalysisReader {

    static final Pattern APPLICATION_INSIGHTS = Pattern.compile(
            "/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/[-\\w._()]{1,90}/providers/Microsoft\\.Insights/components/[-\\w._()]{1,260}",
            Pattern.CASE_INSENSITIVE);

    private AnalysisReader() {
    }

    static Optional<Analysis> read(Node n, ResourceKind kind, Rollout rollout, Monitor monitor) {
        if (!n.expectObject(false)) {
            return Optional.empty();
        }
        n.onlyKeys(Set.of("interval", "minRequests", "maxErrorRate", "maxLatencyP95", "maxRestarts", "failureLimit",
                "inconclusive", "maxWait", "baseline", "applicationInsights"));
        int before = n.errorCount();
        if (kind == ResourceKind.JOB) {
            n.error("jobs serve no traffic to analyse; remove analysis from a job target");
        }
        Duration interval = n.child("interval").duration(false, Duration.ofSeconds(10), Duration.ofHours(1))
                .orElse(Analysis.DEFAULT_INTERVAL);
        if (rollout.strategy() == RolloutStrategy.CANARY && interval.compareTo(rollout.stepPause()) > 0) {
            n.child("interval").error("is longer than rollout.stepPause (" + rollout.stepPause()
                    + "): every canary step needs at least one check");
        }
        if (!monitor.window().isZero() && interval.compareTo(monitor.window()) > 0) {
            n.child("interval").error("is longer than monitor.window (" + monitor.window()
                    + "): the window needs at least one check");
        }
        int minRequests = n.child("minRequests").integer(false, 0, 1_000_000).orElse(Analysis.DEFAULT_MIN_REQUESTS);
        OptionalDouble maxErrorRate = optional(n.child("maxErrorRate").percent(false, 0, 100));
        Optional<Duration> maxLatency = n.child("maxLatencyP95").duration(false, Duration.ofMillis(1), Duration.ofMinutes(10));
        OptionalInt maxRestarts = n.child("maxRestarts").integer(false, 0, 1000).map(OptionalInt::of).orElse(OptionalInt.empty());
        int failureLimit = n.child("failureLimit").integer(false, 1, 100).orElse(Analysis.DEFAULT_FAILURE_LIMIT);
        InconclusivePolicy inconclusive = n.child("inconclusive")
                .choice(false, InconclusivePolicy.values(), InconclusivePolicy::key).orElse(InconclusivePolicy.WAIT);
        Duration maxWait = n.child("maxWait").duration(false, Duration.ZERO, Duration.ofHours(24)).orElse(Analysis.DEFAULT_MAX_WAIT);
        if (n.has("maxWait") && inconclusive != InconclusivePolicy.WAIT) {
            n.child("maxWait").error("is only used with inconclusive: wait");
        }
        Optional<Analysis.Baseline> baseline = readBaseline(n.child("baseline"));
        Optional<String> insights = n.child("applicationInsights").string(false);
        insights.filter(id -> !APPLICATION_INSIGHTS.matcher(id).matches()).ifPresent(id -> n.child("applicationInsights")
                .error("'" + id + "' is not an Application Insights id (/subscriptions/<id>/resourceGroups/<rg>/providers/"
                        + "Microsoft.Insights/components/<name>)"));
        if (insights.isEmpty()) {
            String why = " needs applicationInsights: Azure Monitor's platform metrics have no request durations per revision";
            maxLatency.ifPresent(d -> n.child("maxLatencyP95").error("(the 95th percentile)" + why));
            baseline.filter(b -> b.maxLatencyIncrease().isPresent())
                    .ifPresent(b -> n.child("baseline").child("maxLatencyIncrease").error("(comparing p95)" + why));
        }
        if (maxErrorRate.isEmpty() && maxLatency.isEmpty() && maxRestarts.isEmpty() && !n.has("baseline")) {
            n.error("checks nothing: set at least one of maxErrorRate, maxLatencyP95, maxRestarts, baseline");
        }
        if (n.errorCount() != before) {
            return Optional.empty();
        }
        return Optional.of(new Analysis(interval, minRequests, maxErrorRate, maxLatency, maxRestarts, failureLimit,
                inconclusive, maxWait, baseline, insights));
    }

    private static Optional<Analysis.Baseline> readBaseline(Node n) {
        if (!n.expectObject(false)) {
            return Optional.empty();
        }
        n.onlyKeys(Set.of("maxErrorRateIncrease", "maxLatencyIncrease"));
        OptionalDouble errors = optional(n.child("maxErrorRateIncrease").percent(false, 0, 100));
        OptionalDouble latency = optional(n.child("maxLatencyIncrease").percent(false, 0, 1000));
        if (errors.isEmpty() && latency.isEmpty()) {
            if (!n.has("maxErrorRateIncrease") && !n.has("maxLatencyIncrease")) {
                n.error("compares nothing: set maxErrorRateIncrease (percentage points) and/or maxLatencyIncrease (percent)");
            }
            return Optional.empty();
        }
        return Optional.of(new Analysis.Baseline(errors, latency));
    }

    private static OptionalDouble optional(Optional<Double> value) {
        return value.map(OptionalDouble::of).orElse(OptionalDouble.empty());
    }
}
