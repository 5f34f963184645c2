package io.acapromoter.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * What a promotion shows to ops (status endpoint) and approvers (confirmation page): kept as the
 * orchestration's custom status. Flat and JSON-ready: strings, numbers, lists; times ISO-8601.
 *
 * @param promotionId      instance id
 * @param target           target name
 * @param image            the candidate, digest-pinned
 * @param tag              the tag it was pushed with
 * @param pushedBy         who pushed it, or null
 * @param pushedAt         ISO-8601 push time
 * @param phase            current {@link Phase} name
 * @param detail           what is happening or why it stopped
 * @param timeline         every phase change, oldest first
 * @param productionImage  what production ran when the promotion started, or null
 * @param stagingRevision  the staging revision (or staging app/job execution), or null
 * @param stagingUrl       the staging URL, or null
 * @param smoke            smoke results
 * @param approvalsRequired approvals needed
 * @param approvers        who may decide
 * @param deadline         ISO-8601 approval deadline, or null before approval was requested
 * @param decisions        decisions counted so far
 * @param rebuildOf        for rebuilds: the digest this image replaces, or null
 * @param fixes            for rebuilds: the CVEs the rebuild was for
 * @param warnings         things approvers and ops should know (e.g. single-revision switch-over)
 * @param verification     what verification established: who signed the image, which identity pulls it
 */
public record PromotionStatus(String promotionId, String target, String image, String tag, String pushedBy,
                              String pushedAt, String phase, String detail, List<TimelineEntry> timeline,
                              String productionImage, String stagingRevision, String stagingUrl,
                              List<ProbeOutcome> smoke, int approvalsRequired, List<String> approvers,
                              String deadline, List<DecisionEntry> decisions, String rebuildOf, List<String> fixes,
                              List<String> warnings, List<String> verification) {

    public PromotionStatus {
        verification = verification == null ? List.of() : List.copyOf(verification);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
        smoke = smoke == null ? List.of() : List.copyOf(smoke);
        approvers = approvers == null ? List.of() : List.copyOf(approvers);
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
        fixes = fixes == null ? List.of() : List.copyOf(fixes);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A status before verification has established anything. */
    public PromotionStatus(String promotionId, String target, String image, String tag, String pushedBy,
                           String pushedAt, String phase, String detail, List<TimelineEntry> timeline,
                           String productionImage, String stagingRevision, String stagingUrl,
                           List<ProbeOutcome> smoke, int approvalsRequired, List<String> approvers,
                           String deadline, List<DecisionEntry> decisions, String rebuildOf, List<String> fixes,
                           List<String> warnings) {
        this(promotionId, target, image, tag, pushedBy, pushedAt, phase, detail, timeline, productionImage,
                stagingRevision, stagingUrl, smoke, approvalsRequired, approvers, deadline, decisions, rebuildOf, fixes,
                warnings, List.of());
    }

    /** A copy with {@code facts} as what verification established. */
    public PromotionStatus withVerification(List<String> facts) {
        return new PromotionStatus(promotionId, target, image, tag, pushedBy, pushedAt, phase, detail, timeline,
                productionImage, stagingRevision, stagingUrl, smoke, approvalsRequired, approvers, deadline, decisions,
                rebuildOf, fixes, warnings, facts);
    }

    public Phase phaseValue() {
        return Phase.valueOf(phase);
    }

    /** A copy in {@code phase} with {@code detail}, the change appended to the timeline at {@code at}. */
    public PromotionStatus moveTo(Phase next, String why, String at) {
        List<TimelineEntry> entries = new ArrayList<>(timeline);
        entries.add(new TimelineEntry(at, next.name(), why));
        return new PromotionStatus(promotionId, target, image, tag, pushedBy, pushedAt, next.name(), why, entries,
                productionImage, stagingRevision, stagingUrl, smoke, approvalsRequired, approvers, deadline, decisions,
                rebuildOf, fixes, warnings, verification);
    }

    /** One phase change. */
    public record TimelineEntry(String at, String phase, String detail) {
    }

    /** One smoke probe result as shown to people. */
    public record ProbeOutcome(String probe, String url, boolean passed, int status, long latencyMs, int attempts,
                               String failure) {

        public static ProbeOutcome of(ProbeResult r) {
            return new ProbeOutcome(r.probe(), r.url(), r.passed(), r.status(), r.latencyMs(), r.attempts(),
                    r.failure().orElse(null));
        }
    }

    /** One counted decision: who, {@code approve} or {@code reject}, why, when. */
    public record DecisionEntry(String approver, String decision, String reason, String at) {
    }
}
