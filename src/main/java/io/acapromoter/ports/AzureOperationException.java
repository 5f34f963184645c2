package io.acapromoter.ports;

/**
 * An Azure call failed after the SDK's own retries. The message says which operation, on which
 * resource, and what Azure answered; {@link #isTransient()} tells whether trying later may help
 * (throttling, 5xx, timeouts) or not (not found, forbidden, invalid request).
 */
public class AzureOperationException extends RuntimeException {

    private final String operation;
    private final String resource;
    private final int status;
    private final boolean transientFault;

    public AzureOperationException(String operation, String resource, int status, boolean transientFault,
                                   String detail, Throwable cause) {
        super(operation + " on " + resource + " failed" + (status > 0 ? " (HTTP " + status + ")" : "") + ": " + detail,
                cause);
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
