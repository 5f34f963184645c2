package io.acapromoter.ports;

import java.time.Instant;
import java.util.Optional;

/** One execution of a job, with its status as Azure names it ({@code Running}, {@code Succeeded}, {@code Failed}…). */
public record JobExecution(String name, String status, Optional<Instant> startedAt, Optional<Instant> endedAt) {

    public boolean isFinished() {
        return !"Running".equalsIgnoreCase(status) && !"Processing".equalsIgnoreCase(status);
    }

    public boolean succeeded() {
        return "Succeeded".equalsIgnoreCase(status);
    }
}
