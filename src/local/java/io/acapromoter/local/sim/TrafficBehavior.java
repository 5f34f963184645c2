package io.acapromoter.local.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How the simulated users' requests to a revision fare from a given time on: the share answered with 5xx and how
 * long each takes. Registered with {@link AzureSimulator#injectTraffic} for a revision name, or for any revision
 * whose image contains a key (a digest).
 *
 * @param errorRate share of requests answered 500, 0 to 1
 * @param latency   how long each request takes (the Application Insights {@code duration})
 * @param from      from when (simulated time)
 */
public record TrafficBehavior(double errorRate, Duration latency, Instant from) {

    /** What a healthy revision's requests take. */
    public static final Duration HEALTHY_LATENCY = Duration.ofMillis(40);

    public TrafficBehavior {
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new IllegalArgumentException("errorRate must be between 0 and 1, got " + errorRate);
        }
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(from, "from");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, got " + latency);
        }
    }
}
