package io.acapromoter.ports;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One execution of a job, with its status as Azure names it: {@code Running}, {@code Processing},
 * {@code Succeeded}, {@code Failed}, {@code Stopped}, {@code Degraded}, {@code Unknown}; and the image each of its
 * containers ran (by container name, from the execution's template; empty when Azure reports none).
 */
public record JobExecution(String name, String status, Optional<Instant> startedAt, Optional<Instant> endedAt,
                           Map<String, String> images) {

    /** The states an execution ends in; {@code Degraded} (replicas failing, retries left) and {@code Unknown} are not. */
    private static final Set<String> FINAL = Set.of("succeeded", "failed", "stopped");

    public JobExecution {
        images = Map.copyOf(images);
    }

    public boolean isFinished() {
        return FINAL.contains(status == null ? "" : status.toLowerCase(Locale.ROOT));
    }

    public boolean succeeded() {
        return "Succeeded".equalsIgnoreCase(status);
    }
}
