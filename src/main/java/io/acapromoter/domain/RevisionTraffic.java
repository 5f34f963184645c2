package io.acapromoter.domain;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What one revision served over a span of time, as Azure Monitor measured it.
 *
 * @param revision     the revision
 * @param requests     requests it answered
 * @param serverErrors of those, answers with a 5xx status
 * @param p95Millis    95th percentile of request durations in milliseconds, where measured (Application Insights)
 * @param restarts     the most restarts any of its replicas reported, where asked for
 * @param source       where the numbers come from, for the reason text (e.g. "Azure Monitor metrics")
 */
public record RevisionTraffic(String revision, long requests, long serverErrors, OptionalDouble p95Millis,
                              OptionalInt restarts, String source) {

    public RevisionTraffic {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(p95Millis, "p95Millis");
        Objects.requireNonNull(restarts, "restarts");
        Objects.requireNonNull(source, "source");
        if (requests < 0 || serverErrors < 0 || serverErrors > requests) {
            throw new IllegalArgumentException("requests and 5xx answers must satisfy 0 <= 5xx <= requests, got "
                    + serverErrors + " of " + requests + " for " + revision);
        }
    }

    /** Share of 5xx answers in percent; 0 without requests. */
    public double errorRatePercent() {
        return requests == 0 ? 0 : 100.0 * serverErrors / requests;
    }
}
