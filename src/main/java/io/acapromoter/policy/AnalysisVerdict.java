package io.acapromoter.policy;

import java.util.Objects;

/**
 * The outcome of one analysis check, with the numbers it was decided on (for the timeline, the audit trail and a
 * rollback's reason).
 *
 * @param outcome what the check found
 * @param detail  the measured numbers and the thresholds, e.g. {@code "web--sha-1: 412 requests, 5xx 31.3% (max 5%)"}
 */
public record AnalysisVerdict(Outcome outcome, String detail) {

    /** Within the thresholds; beyond one of them; too little traffic to tell. */
    public enum Outcome {
        PASSED, FAILED, INCONCLUSIVE
    }

    public AnalysisVerdict {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
    }
}
