package io.acapromoter.policy;

/**
 * What an analysis check that saw too little traffic (fewer requests than {@code minRequests}) counts as.
 */
public enum InconclusivePolicy {
    /** It counts as passed: quiet hours never hold a release back (and never protect it either). */
    PASS("pass"),
    /** It counts as a failed check, towards {@code failureLimit}: nothing moves on without evidence. */
    FAIL("fail"),
    /**
     * It counts as neither: the step (or the monitor window) goes on with another check every interval until one is
     * conclusive, for at most {@code maxWait}; still inconclusive then, the release is rolled back.
     */
    WAIT("wait");

    private final String key;

    InconclusivePolicy(String key) {
        this.key = key;
    }

    /** As written in the promotion file. */
    public String key() {
        return key;
    }
}
