package io.acapromoter.orchestration;

import com.microsoft.durabletask.FailureDetails;

/**
 * A fault an activity throws to tell the orchestrator's retry handler ({@link Retries}) how to treat it, recognised by
 * its type name. It has no cause on purpose: the Functions Java worker reports a failed activity by its root cause only
 * ({@code ShortTypeName: first line of the message}), and the Durable extension turns that into the failure details
 * the retry handler reads; so this exception must be the root for its type name to arrive. The original exception
 * travels as a suppressed one, which stack traces (and so the logs) still show.
 */
abstract class RootFault extends RuntimeException {

    RootFault(String message, Throwable original) {
        super(message);
        if (original != null) {
            addSuppressed(original);
        }
    }

    /** Whether a failed activity threw {@code type}: the Functions host records the short type name, durabletask the full one. */
    static boolean caused(Class<? extends RootFault> type, FailureDetails failure) {
        return failure != null && isType(type, failure.getErrorType());
    }

    static boolean isType(Class<? extends RootFault> type, String errorType) {
        return type.getSimpleName().equals(errorType) || type.getName().equals(errorType);
    }
}
