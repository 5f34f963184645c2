package io.acapromoter.orchestration;

import io.acapromoter.domain.Candidate;
import io.acapromoter.domain.PinnedImage;

import java.util.List;

/**
 * The input of {@code PromotionOrchestrator}: flat, so it passes unchanged through the Functions
 * worker's Gson and durabletask's Jackson. Times are ISO-8601 strings.
 *
 * @param promotionId the instance id (target + digest)
 * @param target      target name
 * @param image       the digest-pinned image (older histories hold it as a string; it reads the same)
 * @param tag         the tag it was pushed with
 * @param pushedAt    ISO-8601 push time, orders candidates of one target
 * @param pushedBy    who pushed it, or null
 * @param eventId     the event that started it
 * @param rebuildOf   for rebuilds: the digest this image replaces, or null
 * @param fixes       for rebuilds: the CVEs the rebuild was for
 */
public record PromotionInput(String promotionId, String target, PinnedImage image, String tag, String pushedAt,
                             String pushedBy, String eventId, String rebuildOf, List<String> fixes) {

    public PromotionInput {
        java.util.Objects.requireNonNull(promotionId, "promotionId");
        java.util.Objects.requireNonNull(target, "target");
        java.util.Objects.requireNonNull(image, "image");
        fixes = fixes == null ? List.of() : List.copyOf(fixes);
    }

    public static PromotionInput of(Candidate candidate) {
        return new PromotionInput(candidate.promotionId().value(), candidate.target(), candidate.image(),
                candidate.tag(), candidate.pushedAt().toString(), candidate.pushedBy().orElse(null),
                candidate.eventId(), null, List.of());
    }

    /** The same candidate, marked as the rebuild of {@code replacedDigest} for {@code cves}. */
    public PromotionInput asRebuild(String replacedDigest, List<String> cves) {
        return new PromotionInput(promotionId, target, image, tag, pushedAt, pushedBy, eventId, replacedDigest,
                List.copyOf(cves));
    }
}
