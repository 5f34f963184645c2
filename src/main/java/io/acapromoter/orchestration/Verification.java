package io.acapromoter.orchestration;

import java.util.List;
import java.util.Objects;

/**
 * The answer of {@code VerifyCandidate}: whether the candidate may go on, and what production runs now.
 *
 * @param verdict            the outcome
 * @param detail             why, for the timeline
 * @param productionImage    what production runs, as Azure reports it (may be a tag), or null
 * @param productionRevision the revision production traffic goes to, or null (jobs)
 * @param warnings           things people should know
 */
public record Verification(Verdict verdict, String detail, String productionImage, String productionRevision,
                           List<String> warnings) {

    /** Verified; rejected (a verdict, never retried); production already runs the candidate. */
    public enum Verdict {
        VERIFIED, REJECTED, ALREADY_RUNNING
    }

    public Verification {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(detail, "detail");
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
