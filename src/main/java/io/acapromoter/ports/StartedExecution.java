package io.acapromoter.ports;

import java.util.Objects;
import java.util.Optional;

/**
 * A job execution started (or found started) for an image.
 *
 * @param execution   the execution's name
 * @param jobUpdated  why the job itself was updated to the image before the start, when it was (its template has
 *                    what a start template cannot carry); empty when the execution started from a template
 */
public record StartedExecution(String execution, Optional<String> jobUpdated) {

    public StartedExecution {
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(jobUpdated, "jobUpdated");
    }
}
