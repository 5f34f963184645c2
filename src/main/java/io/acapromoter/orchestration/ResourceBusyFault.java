package io.acapromoter.orchestration;

import com.microsoft.durabletask.FailureDetails;

/**
 * Thrown by an activity when Azure refused a write because another operation on the same resource is still in
 * progress (Container Apps: 409 {@code ContainerAppOperationInProgress}), e.g. a newer candidate's staging while this
 * app's rollout provisions, or a change made in the portal. Such an operation can take minutes (a revision pulls and
 * starts its image), longer than the usual retries last, so {@link Retries} waits for it longer
 * ({@link Retries#BUSY_FOR}). Like every {@link RootFault} it has no cause, so that its type name arrives.
 */
public final class ResourceBusyFault extends RootFault {

    public ResourceBusyFault(String message, Throwable original) {
        super(message, original);
    }

    /** Whether a failed activity threw this. */
    static boolean caused(FailureDetails failure) {
        return caused(ResourceBusyFault.class, failure);
    }

    static boolean isType(String errorType) {
        return isType(ResourceBusyFault.class, errorType);
    }
}
