package io.acapromoter.orchestration;

import com.microsoft.durabletask.FailureDetails;

/**
 * Thrown by an activity when Azure refused a write because another operation on the same resource is still in
 * progress (Container Apps: 409 {@code ContainerAppOperationInProgress}), e.g. a newer candidate's staging while this
 * app's rollout provisions, or a change made in the portal. Such an operation can take minutes (a revision pulls and
 * starts its image), longer than the usual retries last, so {@link Retries} waits for it longer
 * ({@link Retries#BUSY_FOR}); it does not count it as the activity failing.
 *
 * <p>Like {@link NonRetriableFault} it has no cause, so that its type name is what the orchestrator's retry handler
 * reads; the original exception travels as a suppressed one.
 */
public final class ResourceBusyFault extends RuntimeException {

    public ResourceBusyFault(String message, Throwable original) {
        super(message);
        if (original != null) {
            addSuppressed(original);
        }
    }

    /** Whether a failed activity threw this (short type name from the Functions host, full from durabletask). */
    static boolean caused(FailureDetails failure) {
        return failure != null && isType(failure.getErrorType());
    }

    static boolean isType(String errorType) {
        return ResourceBusyFault.class.getSimpleName().equals(errorType) || ResourceBusyFault.class.getName().equals(errorType);
    }
}
