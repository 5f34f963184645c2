package io.acapromoter.policy;

/** How an approved digest reaches production. */
public enum RolloutStrategy {
    /** The staging revision takes the production label and all traffic in one update. */
    BLUE_GREEN("blue-green"),
    /** Traffic moves to the new revision in steps, with health checks between them. */
    CANARY("canary"),
    /** Single-revision apps (workers): the new revision replaces the old one. */
    REPLACE("replace"),
    /** Jobs: the production job is updated to the digest. */
    JOB("job");

    private final String key;

    RolloutStrategy(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
