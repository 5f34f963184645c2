package io.acapromoter.ports;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which revision's traffic to measure, over which span, and what to read.
 *
 * @param appResourceId       ARM id of the container app
 * @param revision            the revision
 * @param from                start of the span (inclusive)
 * @param to                  end of the span (exclusive)
 * @param applicationInsights the Application Insights resource the app reports requests to, if any: requests,
 *                            failures and durations then come from its {@code requests} table
 * @param restarts            whether to read the revision's replica restarts too
 */
public record TrafficQuery(String appResourceId, String revision, Instant from, Instant to,
                           Optional<String> applicationInsights, boolean restarts) {

    public TrafficQuery {
        Objects.requireNonNull(appResourceId, "appResourceId");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(applicationInsights, "applicationInsights");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the span must end after it starts, got " + from + " to " + to);
        }
    }
}
