package io.acapromoter.orchestration;

import io.acapromoter.domain.Digest;

import java.util.List;
import java.util.Objects;

/**
 * The input of {@code RecheckCandidate}: what {@code VerifyCandidate} saw before approval, so that
 * after approval only what can have changed is asked again (production's serving revision and image,
 * Defender's findings), not the whole verification.
 *
 * @param promotion          which promotion
 * @param productionRevision the revision production traffic went to at verification, or null (jobs, nothing served)
 * @param productionImage    the image production ran at verification, as Azure reported it (may be a tag), or null
 * @param scanned            the digests Defender scans for the candidate ({@link Verification#scanned()}), or empty
 * @param defenderOnly       only Defender is asked again: production is checked by {@code RollOut}'s own read right
 *                           before it writes ({@link ReleaseStep#checkProduction()}). False (production read again too)
 *                           when {@code RollOut} found production changed, and in inputs queued before this field existed
 */
public record Recheck(PromotionRef promotion, String productionRevision, String productionImage, List<Digest> scanned,
                      boolean defenderOnly) {

    public Recheck {
        Objects.requireNonNull(promotion, "promotion");
        scanned = scanned == null ? List.of() : List.copyOf(scanned);
    }

    public Recheck(PromotionRef promotion, String productionRevision, String productionImage, List<Digest> scanned) {
        this(promotion, productionRevision, productionImage, scanned, false);
    }

    /** Production and Defender again: what {@code VerifyCandidate} saw is the reference. */
    static Recheck of(PromotionRef promotion, Verification verified) {
        return new Recheck(promotion, verified.productionRevision(), verified.productionImage(), verified.scanned(), false);
    }

    /** Defender only: production is checked by the rollout's own read. */
    static Recheck findings(PromotionRef promotion, Verification verified) {
        return new Recheck(promotion, verified.productionRevision(), verified.productionImage(), verified.scanned(), true);
    }
}
