package io.acapromoter.policy;

/** What the vulnerability gate does with a candidate Defender has not scanned once {@code scanWait} is over. */
public enum UnscannedPolicy {
    /** The promotion ends {@code FAILED}: nothing reaches production unscanned. */
    BLOCK("block"),
    /** The promotion goes on; the approval page, the card and the status say it was not scanned. */
    ALLOW_WITH_WARNING("allow-with-warning");

    private final String key;

    UnscannedPolicy(String key) {
        this.key = key;
    }

    /** As written in the promotion file. */
    public String key() {
        return key;
    }
}
