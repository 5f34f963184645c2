package io.acapromoter.local.durable;

import java.util.Objects;

/**
 * Why an orchestration failed, as durabletask recorded it, plus what the driver saw underneath.
 *
 * @param errorType    the exception type durabletask recorded
 * @param errorMessage its message; for an exception thrown by orchestrator code this is the Functions
 *                     middleware's generic "Unexpected failure in the task execution", as in Azure
 * @param stackTrace   durabletask's stack trace text, may be null
 * @param cause        the original exception thrown by orchestrator code ({@code type: message}), which
 *                     Azure does not keep; null when there was none
 */
public record FailureInfo(String errorType, String errorMessage, String stackTrace, String cause) {
    public FailureInfo {
        Objects.requireNonNull(errorType, "errorType");
        errorMessage = errorMessage == null ? "" : errorMessage;
    }

    /** Type, message and cause in one line, for assertions and logs. */
    public String describe() {
        return errorType + ": " + errorMessage + (cause == null ? "" : " (cause: " + cause + ")");
    }
}
