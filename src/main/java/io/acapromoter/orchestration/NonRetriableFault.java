package io.acapromoter.orchestration;

import com.microsoft.durabletask.FailureDetails;

/**
 * Thrown by an activity when trying again cannot help (Azure answered 400, 401, 403, 404, 409…):
 * the retry handler in {@link Retries} stops at once and the promotion ends {@code ERRORED} with
 * this message. Like every {@link RootFault} it has no cause, so that its type name arrives.
 */
public final class NonRetriableFault extends RootFault {

    public NonRetriableFault(String message, Throwable original) {
        super(message, original);
    }

    /** Whether a failed activity threw this. */
    static boolean caused(FailureDetails failure) {
        return caused(NonRetriableFault.class, failure);
    }

    static boolean isType(String errorType) {
        return isType(NonRetriableFault.class, errorType);
    }
}
