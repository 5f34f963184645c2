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
 * @param facts              what verification established for approvers (who signed, which identity pulls)
 */
public record Verification(Verdict verdict, String detail, String productionImage, String productionRevision,
                           List<String> warnings, List<String> facts) {

    /**
     * Verified; rejected (a verdict, never retried); production already runs the candidate; a
     * required signature is not attached yet (signing follows the push: ask again later).
     */
    public enum Verdict {
        VERIFIED, REJECTED, ALREADY_RUNNING, AWAITING_SIGNATURE
    }

    public Verification {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(detail, "detail");
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        facts = facts == null ? List.of() : List.copyOf(facts);
    }

    public Verification(Verdict verdict, String detail, String productionImage, String productionRevision,
                        List<String> warnings) {
        this(verdict, detail, productionImage, productionRevision, warnings, List.of());
    }
}
