package io.acapromoter.policy;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Canary analysis on real traffic: every {@code interval}, the new revision's requests of the last interval are
 * measured (Azure Monitor platform metrics; Application Insights {@code requests} where a resource is named) and
 * judged against the thresholds. It runs through every canary step before the weight moves on and through the
 * monitor window of every strategy; {@code failureLimit} failed checks roll the release back.
 *
 * @param interval            how often a check runs, and the span of traffic each check looks at
 * @param minRequests         fewer requests than this in the span make a check inconclusive
 * @param maxErrorRate        highest share of 5xx answers, in percent (0-100), if checked
 * @param maxLatencyP95       highest 95th-percentile duration of requests, if checked (needs Application Insights)
 * @param maxRestarts         most replica restarts the new revision may report, if checked
 * @param failureLimit        failed checks (per promotion) that trip the rollback
 * @param inconclusive        what a check with too little traffic counts as
 * @param maxWait             how long {@link InconclusivePolicy#WAIT} keeps checking past a step's or window's end
 * @param baseline            comparison with the revision that served before, if on
 * @param applicationInsights ARM id of the Application Insights resource whose {@code requests} the app reports to
 */
public record Analysis(Duration interval, int minRequests, OptionalDouble maxErrorRate, Optional<Duration> maxLatencyP95,
                       OptionalInt maxRestarts, int failureLimit, InconclusivePolicy inconclusive, Duration maxWait,
                       Optional<Baseline> baseline, Optional<String> applicationInsights) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
    public static final int DEFAULT_MIN_REQUESTS = 20;
    public static final int DEFAULT_FAILURE_LIMIT = 1;
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofMinutes(30);

    /**
     * The new revision may do at most this much worse than the previous revision measured over the same span
     * (the previous one needs {@code minRequests} too, else only the absolute thresholds apply).
     *
     * @param maxErrorRateIncrease percentage points of 5xx share above the previous revision's, if compared
     * @param maxLatencyIncrease   percent of p95 above the previous revision's, if compared (needs Application Insights)
     */
    public record Baseline(OptionalDouble maxErrorRateIncrease, OptionalDouble maxLatencyIncrease) {
        public Baseline {
            Objects.requireNonNull(maxErrorRateIncrease, "maxErrorRateIncrease");
            Objects.requireNonNull(maxLatencyIncrease, "maxLatencyIncrease");
            if (maxErrorRateIncrease.isEmpty() && maxLatencyIncrease.isEmpty()) {
                throw new IllegalArgumentException("a baseline compares at least one of error rate and latency");
            }
        }
    }

    public Analysis {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(maxErrorRate, "maxErrorRate");
        Objects.requireNonNull(maxLatencyP95, "maxLatencyP95");
        Objects.requireNonNull(maxRestarts, "maxRestarts");
        Objects.requireNonNull(inconclusive, "inconclusive");
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(applicationInsights, "applicationInsights");
        if (interval.toSeconds() < 1) {
            throw new IllegalArgumentException("interval must be at least one second, got " + interval);
        }
        if (minRequests < 0 || failureLimit < 1) {
            throw new IllegalArgumentException("minRequests must be >= 0 and failureLimit >= 1, got " + minRequests
                    + " and " + failureLimit);
        }
        if (maxErrorRate.isEmpty() && maxLatencyP95.isEmpty() && maxRestarts.isEmpty() && baseline.isEmpty()) {
            throw new IllegalArgumentException("an analysis checks at least one threshold");
        }
    }

    /** Whether a check needs the request durations (only Application Insights has them per request). */
    public boolean needsLatency() {
        return maxLatencyP95.isPresent() || baseline.map(b -> b.maxLatencyIncrease().isPresent()).orElse(false);
    }
}
