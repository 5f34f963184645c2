package io.acapromoter.policy;

/** What the planner decides for one finding; {@link #label()} is what logs and {@code explain-event} print. */
public enum RebuildOutcome {
    REBUILD("rebuild"),
    ALREADY_REBUILDING("already rebuilding"),
    RECENTLY_REBUILT("recently rebuilt"),
    NOT_FIXABLE("not fixable"),
    BELOW_THRESHOLD("below threshold"),
    NOT_RUNNING("not running anywhere"),
    NO_POLICY("no rebuild policy"),
    DEFERRED("deferred (cap)");

    private final String label;

    RebuildOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
