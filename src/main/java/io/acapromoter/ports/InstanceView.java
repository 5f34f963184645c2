package io.acapromoter.ports;

import java.time.Instant;
import java.util.Optional;

/**
 * What the orchestration store knows about one instance.
 *
 * @param customStatus the orchestration's custom status as JSON (the promotion's phase and timeline), if set
 * @param input        the input as JSON
 * @param output       the output as JSON once completed
 * @param failure      the failure message once failed
 */
public record InstanceView(String instanceId, String name, RuntimeState state, Optional<String> customStatus,
                           Optional<String> input, Optional<String> output, Optional<String> failure,
                           Instant createdAt, Instant lastUpdatedAt) {

    /** The runtime states Durable reports, reduced to what callers act on. */
    public enum RuntimeState {
        PENDING, RUNNING, COMPLETED, FAILED, TERMINATED, SUSPENDED;

        public boolean isFinished() {
            return this == COMPLETED || this == FAILED || this == TERMINATED;
        }
    }
}
