package io.acapromoter.policy;

import java.util.List;
import java.util.Objects;

/**
 * The vulnerability gate's verdict on a candidate. A block is a verdict ({@code FAILED}, never retried), not a
 * fault; "not scanned yet" is neither: the promotion waits for the scan, bounded by {@code scanWait}.
 *
 * @param outcome  what the gate found
 * @param blocking the CVEs at or above the threshold, most severe first (only when blocked)
 * @param reason   why, for the promotion's status and the approval card
 */
public record GateVerdict(Outcome outcome, List<String> blocking, String reason) {

    /** No gate configured; Defender scanned it and nothing blocks; a finding blocks; Defender has not scanned it yet. */
    public enum Outcome {
        NO_GATE, SCANNED_CLEAN, BLOCKED, NOT_SCANNED
    }

    public GateVerdict {
        Objects.requireNonNull(outcome, "outcome");
        blocking = List.copyOf(blocking);
        Objects.requireNonNull(reason, "reason");
        if ((outcome == Outcome.BLOCKED) == blocking.isEmpty()) {
            throw new IllegalArgumentException("a gate blocks exactly when a CVE blocks it");
        }
    }

    /** Whether the candidate may go on now. */
    public boolean passed() {
        return outcome == Outcome.NO_GATE || outcome == Outcome.SCANNED_CLEAN;
    }

    static GateVerdict of(Outcome outcome, String reason) {
        return new GateVerdict(outcome, List.of(), reason);
    }

    static GateVerdict fail(List<String> blocking, String reason) {
        return new GateVerdict(Outcome.BLOCKED, blocking, reason);
    }
}
