package io.acapromoter.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * What a promotion shows to ops (status endpoint) and approvers (confirmation page): kept as the
 * orchestration's custom status. JSON-ready: strings, numbers, lists, enums by name; times ISO-8601.
 * Built with {@link #builder} / {@link #toBuilder} rather than the 20-argument constructor.
 *
 * @param promotionId      instance id
 * @param target           target name
 * @param image            the candidate, digest-pinned
 * @param tag              the tag it was pushed with
 * @param pushedBy         who pushed it, or null
 * @param pushedAt         ISO-8601 push time
 * @param phase            where the promotion stands
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
 * @param vulnerabilityScan what the vulnerability gate found: scanned and clean, or not scanned and allowed with a
 *                          warning; null when the target has no gate or the gate has not run yet
 */
public record PromotionStatus(String promotionId, String target, String image, String tag, String pushedBy,
                              String pushedAt, Phase phase, String detail, List<TimelineEntry> timeline,
                              String productionImage, String stagingRevision, String stagingUrl,
                              List<ProbeOutcome> smoke, int approvalsRequired, List<String> approvers,
                              String deadline, List<DecisionEntry> decisions, String rebuildOf, List<String> fixes,
                              List<String> warnings, List<String> verification, String vulnerabilityScan) {

    /** Without a gate result (the gate has not run, or the target has none). */
    public PromotionStatus(String promotionId, String target, String image, String tag, String pushedBy,
                           String pushedAt, Phase phase, String detail, List<TimelineEntry> timeline,
                           String productionImage, String stagingRevision, String stagingUrl,
                           List<ProbeOutcome> smoke, int approvalsRequired, List<String> approvers,
                           String deadline, List<DecisionEntry> decisions, String rebuildOf, List<String> fixes,
                           List<String> warnings, List<String> verification) {
        this(promotionId, target, image, tag, pushedBy, pushedAt, phase, detail, timeline, productionImage,
                stagingRevision, stagingUrl, smoke, approvalsRequired, approvers, deadline, decisions, rebuildOf, fixes,
                warnings, verification, null);
    }

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
                           String pushedAt, Phase phase, String detail, List<TimelineEntry> timeline,
                           String productionImage, String stagingRevision, String stagingUrl,
                           List<ProbeOutcome> smoke, int approvalsRequired, List<String> approvers,
                           String deadline, List<DecisionEntry> decisions, String rebuildOf, List<String> fixes,
                           List<String> warnings) {
        this(promotionId, target, image, tag, pushedBy, pushedAt, phase, detail, timeline, productionImage,
                stagingRevision, stagingUrl, smoke, approvalsRequired, approvers, deadline, decisions, rebuildOf, fixes,
                warnings, List.of());
    }

    /** A status of promotion {@code promotionId} of {@code image} to {@code target}, {@code PENDING} until set. */
    public static Builder builder(String promotionId, String target, String image) {
        return new Builder().promotionId(promotionId).target(target).image(image).phase(Phase.PENDING);
    }

    public Builder toBuilder() {
        return new Builder().promotionId(promotionId).target(target).image(image).tag(tag).pushedBy(pushedBy)
                .pushedAt(pushedAt).phase(phase).detail(detail).timeline(timeline).productionImage(productionImage)
                .stagingRevision(stagingRevision).stagingUrl(stagingUrl).smoke(smoke)
                .approvalPolicy(approvalsRequired, approvers).deadline(deadline).decisions(decisions)
                .rebuildOf(rebuildOf).fixes(fixes).warnings(warnings).verification(verification)
                .vulnerabilityScan(vulnerabilityScan);
    }

    /**
     * How the detail of an approved promotion held back before its rollout begins (a freeze, a rollout
     * window): {@code approved; waiting …}, the phase still {@link Phase#AWAITING_APPROVAL}.
     */
    public static final String RELEASE_WAIT = "approved; waiting";

    /**
     * What an approved promotion waits for before its rollout ({@code waiting for the rollout window until …},
     * {@code waiting: target … is frozen by …}), or empty when it is not held back.
     */
    public java.util.Optional<String> releaseWait() {
        return phase == Phase.AWAITING_APPROVAL && detail != null && detail.startsWith(RELEASE_WAIT)
                ? java.util.Optional.of(detail.substring("approved; ".length())) : java.util.Optional.empty();
    }

    /** A copy in {@code phase} with {@code detail}, the change appended to the timeline at {@code at}. */
    public PromotionStatus moveTo(Phase next, String why, String at) {
        List<TimelineEntry> entries = new ArrayList<>(timeline);
        entries.add(new TimelineEntry(at, next, why));
        return toBuilder().phase(next).detail(why).timeline(entries).build();
    }

    /** One phase change. */
    public record TimelineEntry(String at, Phase phase, String detail) {
    }

    /** One smoke probe result as shown to people. */
    public record ProbeOutcome(String probe, String url, boolean passed, int status, long latencyMs, int attempts,
                               String failure) {

        public static ProbeOutcome of(ProbeResult r) {
            return new ProbeOutcome(r.probe(), r.url(), r.passed(), r.status(), r.latencyMs(), r.attempts(),
                    r.failure().orElse(null));
        }
    }

    /** One counted decision: who, what they decided, why, when. */
    public record DecisionEntry(String approver, Decision decision, String reason, String at) {
    }

    /** Builds a {@link PromotionStatus} one named field at a time. */
    public static final class Builder {
        private String promotionId;
        private String target;
        private String image;
        private String tag;
        private String pushedBy;
        private String pushedAt;
        private Phase phase;
        private String detail;
        private List<TimelineEntry> timeline = List.of();
        private String productionImage;
        private String stagingRevision;
        private String stagingUrl;
        private List<ProbeOutcome> smoke = List.of();
        private int approvalsRequired;
        private List<String> approvers = List.of();
        private String deadline;
        private List<DecisionEntry> decisions = List.of();
        private String rebuildOf;
        private List<String> fixes = List.of();
        private List<String> warnings = List.of();
        private List<String> verification = List.of();
        private String vulnerabilityScan;

        private Builder() {
        }

        public Builder promotionId(String v) {
            promotionId = v;
            return this;
        }

        public Builder target(String v) {
            target = v;
            return this;
        }

        public Builder image(String v) {
            image = v;
            return this;
        }

        public Builder tag(String v) {
            tag = v;
            return this;
        }

        public Builder pushedBy(String v) {
            pushedBy = v;
            return this;
        }

        public Builder pushedAt(String v) {
            pushedAt = v;
            return this;
        }

        public Builder phase(Phase v) {
            phase = v;
            return this;
        }

        public Builder detail(String v) {
            detail = v;
            return this;
        }

        public Builder timeline(List<TimelineEntry> v) {
            timeline = v;
            return this;
        }

        public Builder productionImage(String v) {
            productionImage = v;
            return this;
        }

        /** The staging revision (or execution) and its URL (null without ingress). */
        public Builder staging(String revision, String url) {
            stagingRevision = revision;
            stagingUrl = url;
            return this;
        }

        public Builder stagingRevision(String v) {
            stagingRevision = v;
            return this;
        }

        public Builder stagingUrl(String v) {
            stagingUrl = v;
            return this;
        }

        public Builder smoke(List<ProbeOutcome> v) {
            smoke = v;
            return this;
        }

        public Builder approvalPolicy(int required, List<String> who) {
            approvalsRequired = required;
            approvers = who;
            return this;
        }

        public Builder deadline(String v) {
            deadline = v;
            return this;
        }

        public Builder decisions(List<DecisionEntry> v) {
            decisions = v;
            return this;
        }

        public Builder rebuildOf(String v) {
            rebuildOf = v;
            return this;
        }

        public Builder fixes(List<String> v) {
            fixes = v;
            return this;
        }

        public Builder warnings(List<String> v) {
            warnings = v;
            return this;
        }

        public Builder verification(List<String> v) {
            verification = v;
            return this;
        }

        public Builder vulnerabilityScan(String v) {
            vulnerabilityScan = v;
            return this;
        }

        public PromotionStatus build() {
            return new PromotionStatus(promotionId, target, image, tag, pushedBy, pushedAt, phase, detail, timeline,
                    productionImage, stagingRevision, stagingUrl, smoke, approvalsRequired, approvers, deadline,
                    decisions, rebuildOf, fixes, warnings, verification, vulnerabilityScan);
        }
    }
}
