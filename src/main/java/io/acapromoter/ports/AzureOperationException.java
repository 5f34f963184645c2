package io.acapromoter.ports;

/**
 * An Azure call failed after the SDK's own retries. The message says which operation, on which
 * resource, and what Azure answered; {@link #isTransient()} tells whether trying later may help
 * (throttling, 5xx, timeouts) or not (not found, forbidden, invalid request). The SDK exception it
 * came from is attached as suppressed (see the constructor), so this is always the root cause.
 */
public class AzureOperationException extends RuntimeException {

    private final String operation;
    private final String resource;
    private final int status;
    private final boolean transientFault;

    public AzureOperationException(String operation, String resource, int status, boolean transientFault,
                                   String detail, Throwable cause) {
        super(operation + " on " + resource + " failed" + (status > 0 ? " (HTTP " + status + ")" : "") + ": " + detail);
        // Suppressed, not the cause: the Functions Java worker reports a failed activity by its root
        // cause only, so the SDK's exception as cause would replace this message in the orchestrator.
        if (cause != null) {
            addSuppressed(cause);
        }
        this.operation = operation;
        this.resource = resource;
        this.status = status;
        this.transientFault = transientFault;
    }

    public String operation() {
        return operation;
    }

    public String resource() {
        return resource;
    }

    public int status() {
        return status;
    }

    public boolean isTransient() {
        return transientFault;
    }
}
