package io.acapromoter.ports;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One execution of a job, with its status as Azure names it: {@code Running}, {@code Processing},
 * {@code Succeeded}, {@code Failed}, {@code Stopped}, {@code Degraded}, {@code Unknown}.
 */
public record JobExecution(String name, String status, Optional<Instant> startedAt, Optional<Instant> endedAt) {

    /** The states an execution ends in; {@code Degraded} (replicas failing, retries left) and {@code Unknown} are not. */
    private static final Set<String> FINAL = Set.of("succeeded", "failed", "stopped");

    public boolean isFinished() {
        return FINAL.contains(status == null ? "" : status.toLowerCase(Locale.ROOT));
    }

    public boolean succeeded() {
        return "Succeeded".equalsIgnoreCase(status);
    }
}
