package io.acapromoter.orchestration;

import io.acapromoter.domain.Digest;

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
 * @param scanned            the digests Defender scans for the candidate (its platform manifests for an index),
 *                           when the vulnerability gate was asked; empty otherwise. {@code RecheckCandidate} asks
 *                           about them again without reading the manifest a second time.
 * @param candidatePushedAt  when the registry says the candidate was pushed (ISO-8601), or null: {@code DeployStaging}
 *                           compares it with production's push time when it checks production itself
 *                           ({@link StagingOrder#checkProduction()})
 */
public record Verification(Verdict verdict, String detail, String productionImage, String productionRevision,
                           List<String> warnings, List<String> facts, List<Digest> scanned, String candidatePushedAt) {

    /**
     * Verified; rejected (a verdict, never retried); production already runs the candidate; a
     * required signature is not attached yet (signing follows the push: ask again later); Defender has not
     * scanned it yet (the vulnerability gate cannot judge it: the orchestrator waits up to the gate's scan wait).
     */
    public enum Verdict {
        VERIFIED, REJECTED, ALREADY_RUNNING, AWAITING_SIGNATURE, NOT_SCANNED
    }

    public Verification {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(detail, "detail");
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        facts = facts == null ? List.of() : List.copyOf(facts);
        scanned = scanned == null ? List.of() : List.copyOf(scanned);
    }

    public Verification(Verdict verdict, String detail, String productionImage, String productionRevision,
                        List<String> warnings, List<String> facts, List<Digest> scanned) {
        this(verdict, detail, productionImage, productionRevision, warnings, facts, scanned, null);
    }

    public Verification(Verdict verdict, String detail, String productionImage, String productionRevision,
                        List<String> warnings, List<String> facts) {
        this(verdict, detail, productionImage, productionRevision, warnings, facts, List.of());
    }

    public Verification(Verdict verdict, String detail, String productionImage, String productionRevision,
                        List<String> warnings) {
        this(verdict, detail, productionImage, productionRevision, warnings, List.of());
    }

    /** The same answer, naming the digests Defender scans for the candidate. */
    public Verification withScanned(List<Digest> digests) {
        return new Verification(verdict, detail, productionImage, productionRevision, warnings, facts, digests, candidatePushedAt);
    }

    /** The same answer, naming when the registry says the candidate was pushed. */
    public Verification withCandidatePushedAt(String pushedAt) {
        return new Verification(verdict, detail, productionImage, productionRevision, warnings, facts, scanned, pushedAt);
    }

    /**
     * This verification of the candidate completed by {@code production}'s check of production (made apart, by
     * {@code DeployStaging}): what production runs, its warnings and facts after these, and its verdict where it
     * stops the candidate (rejected, already running).
     */
    Verification withProduction(Verification production) {
        List<String> allWarnings = new java.util.ArrayList<>(warnings);
        allWarnings.addAll(production.warnings());
        List<String> allFacts = new java.util.ArrayList<>(facts);
        allFacts.addAll(production.facts());
        boolean stops = production.verdict() != Verdict.VERIFIED;
        return new Verification(stops ? production.verdict() : verdict, stops ? production.detail() : detail,
                production.productionImage(), production.productionRevision(), allWarnings, allFacts, scanned, candidatePushedAt);
    }
}
