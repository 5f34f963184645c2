package io.acapromoter.orchestration;

import com.microsoft.durabletask.FailureDetails;

/**
 * Thrown by an activity when trying again cannot help (Azure answered 400, 401, 403, 404, 409…):
 * the retry handler in {@link Retries} stops at once and the promotion ends {@code ERRORED} with
 * this message.
 *
 * <p>It has no cause on purpose. The Functions Java worker reports a failed activity by its root
 * cause only ({@code ShortTypeName: first line of the message}), and the Durable extension turns
 * that into the failure details the orchestrator's retry handler reads. So this exception must be
 * the root for its type name to arrive; the original exception travels as a suppressed one, which
 * stack traces (and so the logs) still show.
 */
public final class NonRetriableFault extends RuntimeException {

    public NonRetriableFault(String message, Throwable original) {
        super(message);
        if (original != null) {
            addSuppressed(original);
        }
    }

    /**
     * Whether a failed activity threw this: the Functions host records the short type name, the
     * durabletask worker (and a Java-only host) the full one.
     */
    static boolean caused(FailureDetails failure) {
        return failure != null && isType(failure.getErrorType());
    }

    static boolean isType(String errorType) {
        return NonRetriableFault.class.getSimpleName().equals(errorType)
                || NonRetriableFault.class.getName().equals(errorType);
    }
}
