package io.acapromoter.domain;

/**
 * Where a promotion stands. {@link #FAILED} is a verdict (smoke test failed, blocking CVE,
 * unsigned image: never retried); {@link #ERRORED} is a technical fault that outlived its retries.
 */
public enum Phase {
    PENDING, VERIFYING, STAGING, SMOKE_TESTING, AWAITING_APPROVAL, ROLLING_OUT, MONITORING,
    SUCCEEDED, REJECTED, EXPIRED, SUPERSEDED, FAILED, ERRORED, ROLLED_BACK,
    /** Stopped by an operator before production changed; staging cleaned up. */
    CANCELLED;

    public boolean isTerminal() {
        return ordinal() >= SUCCEEDED.ordinal();
    }
}
