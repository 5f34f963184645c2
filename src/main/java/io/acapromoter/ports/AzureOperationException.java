package io.acapromoter.ports;

/**
 * An Azure call failed after the SDK's own retries. The message says which operation, on which
 * resource, and what Azure answered; {@link #isTransient()} tells whether trying later may help
 * (throttling, 5xx, timeouts, a resource busy with another operation) or not (not found, forbidden, invalid
 * request); {@link #isBusy()} singles out the resource being busy, which can last minutes. The SDK exception it
 * came from is attached as suppressed (see the constructor), so this is always the root cause.
 */
public class AzureOperationException extends RuntimeException {

    private final String operation;
    private final String resource;
    private final int status;
    private final boolean transientFault;
    private final boolean busy;

    public AzureOperationException(String operation, String resource, int status, boolean transientFault,
                                   String detail, Throwable cause) {
        this(operation, resource, status, transientFault, false, detail, cause);
    }

    /**
     * @param busy Azure refused because another operation on the resource is still in progress (ACA answers a write
     *             then with 409 {@code ContainerAppOperationInProgress}); such a fault is always transient
     */
    public AzureOperationException(String operation, String resource, int status, boolean transientFault, boolean busy,
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
        this.transientFault = transientFault || busy;
        this.busy = busy;
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

    /** Another operation on the resource is in progress: trying again once it ended helps, and that may take minutes. */
    public boolean isBusy() {
        return busy;
    }
}
