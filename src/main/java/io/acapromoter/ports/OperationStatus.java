package io.acapromoter.ports;

import java.util.Objects;
import java.util.Optional;

/**
 * How a long-running ARM operation stands.
 *
 * @param state where it is
 * @param error ARM's error ({@code code: message}) when it failed
 */
public record OperationStatus(State state, Optional<String> error) {

    public enum State {
        IN_PROGRESS, SUCCEEDED, FAILED
    }

    public OperationStatus {
        Objects.requireNonNull(state, "state");
        error = error == null ? Optional.empty() : error;
    }

    public static OperationStatus inProgress() {
        return new OperationStatus(State.IN_PROGRESS, Optional.empty());
    }

    public static OperationStatus succeeded() {
        return new OperationStatus(State.SUCCEEDED, Optional.empty());
    }

    public static OperationStatus failed(String error) {
        return new OperationStatus(State.FAILED, Optional.of(error));
    }
}
