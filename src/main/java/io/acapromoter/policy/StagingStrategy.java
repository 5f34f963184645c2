package io.acapromoter.policy;

/** Where a candidate runs before production. */
public enum StagingStrategy {
    /** New revision of the production app with the {@code staging} label and 0% traffic. */
    LABEL("label"),
    /** A separate staging container app gets the digest. */
    APP("app"),
    /** A separate staging job is updated and one execution is run. */
    JOB("job");

    private final String key;

    StagingStrategy(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
