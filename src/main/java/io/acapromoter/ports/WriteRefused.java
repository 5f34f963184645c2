package io.acapromoter.ports;

import java.util.Objects;

/**
 * A guarded write to Azure refused by its caller's own condition on the resource as read right before it:
 * nothing was written. Not a fault: the caller decides what to do (check the candidate against what it found).
 */
public final class WriteRefused extends RuntimeException {

    private final String reason;

    public WriteRefused(String resource, String reason) {
        super("nothing written to " + resource + ": " + Objects.requireNonNull(reason, "reason"));
        this.reason = reason;
    }

    /** Why the write was refused, as the condition said it. */
    public String reason() {
        return reason;
    }
}
