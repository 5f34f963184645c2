package io.acapromoter.status;

import io.acapromoter.domain.Phase;

import java.util.List;
import java.util.Objects;

/**
 * One target as the board shows it: what production runs, what is on its way there, what happened
 * before. Built by {@link BoardQueries}, drawn by {@link BoardPage}, serialized as the board's JSON.
 *
 * @param name       target name
 * @param kind       {@code app} or {@code job}
 * @param strategy   the rollout strategy's key ({@code blue-green}, {@code canary}, {@code replace}, {@code job})
 * @param production what production runs now, as Azure reports it
 * @param candidates promotions in flight, newest first
 * @param rebuilds   rebuilds in flight, newest first
 * @param outcomes   the last finished promotions, newest first
 * @param history    the last productions from the audit trail, newest first
 * @param notices    things to know about the target as a whole (warnings, states such as frozen)
 * @param actions    operators' latest actions on the target (and refusals), newest first, from its audit partition
 */
public record TargetBoard(String name, String kind, String strategy, Production production,
                          List<Candidate> candidates, List<Rebuild> rebuilds, List<Outcome> outcomes,
                          List<ProductionRun> history, List<Notice> notices, List<OperatorAction> actions) {

    public TargetBoard {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(production, "production");
        candidates = List.copyOf(candidates);
        rebuilds = List.copyOf(rebuilds);
        outcomes = List.copyOf(outcomes);
        history = List.copyOf(history);
        notices = List.copyOf(notices);
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    /** A target no operator has acted on. */
    public TargetBoard(String name, String kind, String strategy, Production production,
                       List<Candidate> candidates, List<Rebuild> rebuilds, List<Outcome> outcomes,
                       List<ProductionRun> history, List<Notice> notices) {
        this(name, kind, strategy, production, candidates, rebuilds, outcomes, history, notices, List.of());
    }

    /** A copy with one more notice: how other features (freezes, windows) mark a target. */
    public TargetBoard withNotice(Notice notice) {
        List<Notice> all = new java.util.ArrayList<>(notices);
        all.add(notice);
        return new TargetBoard(name, kind, strategy, production, candidates, rebuilds, outcomes, history, all, actions);
    }

    /**
     * An operator's action on the target, as its audit record keeps it.
     *
     * @param at     ISO-8601 time
     * @param by     who
     * @param action the audit kind's wire word ({@code operator.freeze}, {@code operator.rollback}, {@code operator.refused}, …)
     * @param detail what it did
     * @param reason why, as the operator wrote it
     */
    public record OperatorAction(String at, String by, String action, String detail, String reason) {
    }

    /**
     * What production runs.
     *
     * @param image     the image of the revision taking most traffic (or the job's), or null when unknown
     * @param digest    its digest, or null when it runs a tag
     * @param since     ISO-8601 time it has run since (its production record, else its revision's creation), or null
     * @param promotion the promotion that released it, or null when no record names one
     * @param traffic   traffic split across revisions (apps with ingress)
     * @param readAt    ISO-8601 time Azure was read
     * @param problem   why production could not be read, or null
     */
    public record Production(String image, String digest, String since, String promotion, List<Share> traffic,
                             String readAt, String problem) {
        public Production {
            traffic = traffic == null ? List.of() : List.copyOf(traffic);
        }

        public static Production unreadable(String readAt, String problem) {
            return new Production(null, null, null, null, List.of(), readAt, problem);
        }
    }

    /** One traffic entry: a revision, the share of traffic it takes, its label and image. */
    public record Share(String revision, int weight, String label, String image) {
    }

    /**
     * A promotion in flight.
     *
     * @param promotion    instance id
     * @param image        the candidate
     * @param tag          the tag it was pushed with
     * @param phase        where it stands
     * @param step         the step bar's current step
     * @param stepSince    ISO-8601 time the current step began
     * @param stepSeconds  seconds spent in the current step so far
     * @param detail       what is happening
     * @param canaryWeight traffic share of the candidate's revision in production while it rolls out, or null
     * @param deadline     ISO-8601 approval deadline, or null
     * @param warnings     what ops should know (undelivered approvals, unscanned image, single-revision switch-over)
     * @param fixes        for rebuilds: the CVEs it fixes
     * @param waiting      what an approved promotion waits for before its rollout ({@code waiting for the rollout
     *                     window until …}, {@code waiting: target … is frozen by …}), or null when it is not held back
     */
    public record Candidate(String promotion, String image, String tag, Phase phase, Step step, String stepSince,
                            long stepSeconds, String detail, Integer canaryWeight, String deadline,
                            List<String> warnings, List<String> fixes, String waiting) {
        public Candidate {
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
            fixes = fixes == null ? List.of() : List.copyOf(fixes);
        }

        /** A candidate not held back by a freeze or a rollout window. */
        public Candidate(String promotion, String image, String tag, Phase phase, Step step, String stepSince,
                         long stepSeconds, String detail, Integer canaryWeight, String deadline,
                         List<String> warnings, List<String> fixes) {
            this(promotion, image, tag, phase, step, stepSince, stepSeconds, detail, canaryWeight, deadline, warnings, fixes, null);
        }
    }

    /** A rebuild in flight: the digest it replaces, the CVEs it is for, where it stands. */
    public record Rebuild(String rebuild, String replacesDigest, List<String> cves, String state, String detail) {
        public Rebuild {
            cves = cves == null ? List.of() : List.copyOf(cves);
        }
    }

    /** A finished promotion: how it ended, when, why. */
    public record Outcome(String promotion, String image, Phase phase, String at, String detail) {
    }

    /**
     * Something about the target as a whole.
     *
     * @param kind a short word that names it, also its {@code data-notice} attribute ({@code warning}, {@code frozen}, …)
     * @param text the sentence shown
     */
    public record Notice(String kind, String text) {
        public Notice {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(text, "text");
        }
    }
}
