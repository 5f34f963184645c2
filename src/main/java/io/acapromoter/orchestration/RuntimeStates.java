package io.acapromoter.orchestration;

import com.microsoft.durabletask.OrchestrationRuntimeStatus;
import io.acapromoter.ports.InstanceView;

/**
 * Durable's runtime status reduced to what callers act on: one mapping for both implementations of
 * {@link io.acapromoter.ports.Orchestrations} (the Durable client adapter and the in-memory driver).
 */
public final class RuntimeStates {

    private RuntimeStates() {
    }

    public static InstanceView.RuntimeState of(OrchestrationRuntimeStatus status) {
        return switch (status) {
            case RUNNING, CONTINUED_AS_NEW -> InstanceView.RuntimeState.RUNNING;
            case COMPLETED -> InstanceView.RuntimeState.COMPLETED;
            case FAILED -> InstanceView.RuntimeState.FAILED;
            case CANCELED, TERMINATED -> InstanceView.RuntimeState.TERMINATED;
            case PENDING -> InstanceView.RuntimeState.PENDING;
            case SUSPENDED -> InstanceView.RuntimeState.SUSPENDED;
        };
    }
}
