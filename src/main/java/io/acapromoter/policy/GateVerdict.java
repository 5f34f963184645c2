package io.acapromoter.policy;

import java.util.List;
import java.util.Objects;

/**
 * The vulnerability gate's verdict on a candidate digest. A failure is a verdict ({@code FAILED}, never
 * retried), not a fault.
 *
 * @param passed   whether the candidate may go on
 * @param blocking the CVEs at or above the threshold, most severe first (empty when passed)
 * @param reason   why, for the promotion's status and the approval card
 */
public record GateVerdict(boolean passed, List<String> blocking, String reason) {

    public GateVerdict {
        blocking = List.copyOf(blocking);
        Objects.requireNonNull(reason, "reason");
        if (passed != blocking.isEmpty()) {
            throw new IllegalArgumentException("a gate passes exactly when nothing blocks it");
        }
    }

    static GateVerdict pass(String reason) {
        return new GateVerdict(true, List.of(), reason);
    }

    static GateVerdict fail(List<String> blocking, String reason) {
        return new GateVerdict(false, blocking, reason);
    }
}
