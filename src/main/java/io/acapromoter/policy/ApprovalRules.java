package io.acapromoter.policy;

import io.acapromoter.domain.Decision;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.domain.PromotionStatus.DecisionEntry;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may decide on a promotion and what a decision does, as a pure function: the approval page
 * asks it before raising an event, and the orchestrator asks it again before counting one, so a
 * forged or replayed event cannot count either. No I/O, no clock: the same inputs give the same
 * verdict on every replay.
 *
 * <p>Approver entries are user names (UPN or e-mail, compared case-insensitively) and
 * {@code group:<object id>} entries matched against the principal's group ids.
 */
public final class ApprovalRules {

    static final String GROUP_PREFIX = "group:";

    private final List<String> approvers;
    private final int required;
    private final String pushedBy;

    /**
     * @param approvers user names and {@code group:<id>} entries allowed to decide
     * @param required  approvals needed, at least 1
     * @param pushedBy  who pushed the image (may not approve it), or null when the event names nobody
     */
    public ApprovalRules(List<String> approvers, int required, String pushedBy) {
        Objects.requireNonNull(approvers, "approvers");
        if (required < 1) {
            throw new IllegalArgumentException("approvals required must be at least 1, was " + required);
        }
        this.approvers = List.copyOf(approvers);
        this.required = required;
        this.pushedBy = pushedBy == null || pushedBy.isBlank() ? null : pushedBy.strip();
    }

    /** The rules the promotion's status carries (approvers, approvals required, pusher). */
    public static ApprovalRules of(PromotionStatus status) {
        return new ApprovalRules(status.approvers(), Math.max(1, status.approvalsRequired()), status.pushedBy());
    }

    /** Whether {@code name} (or one of {@code groups}) is on the approver list. */
    public boolean isApprover(String name, Collection<String> groups) {
        String who = normalize(name);
        for (String entry : approvers) {
            String e = normalize(entry);
            if (e.startsWith(GROUP_PREFIX)) {
                String group = e.substring(GROUP_PREFIX.length());
                if (!group.isEmpty() && groups != null && groups.stream().map(ApprovalRules::normalize).anyMatch(group::equals)) {
                    return true;
                }
            } else if (!e.isEmpty() && e.equals(who)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code name} is the person who pushed the image. */
    public boolean isPusher(String name) {
        return pushedBy != null && normalize(pushedBy).equals(normalize(name));
    }

    /** Where the decisions counted so far leave the promotion. */
    public Outcome outcome(List<DecisionEntry> counted) {
        int approvals = 0;
        for (DecisionEntry d : counted) {
            if (d.decision() == Decision.REJECT) {
                return new Outcome(State.REJECTED, approvals, required, d.approver());
            }
            if (d.decision() == Decision.APPROVE) {
                approvals++;
            }
        }
        return new Outcome(approvals >= required ? State.APPROVED : State.OPEN, approvals, required, null);
    }

    /**
     * Judges one decision against the decisions counted so far.
     *
     * @param name     the signed-in person's name
     * @param groups   their group ids
     * @param decision what they decided; null (no decision named) is refused as invalid
     * @param reason   the reason given; required to reject
     * @param counted  decisions counted so far, oldest first
     */
    public Verdict judge(String name, Collection<String> groups, Decision decision, String reason,
                         List<DecisionEntry> counted) {
        Optional<Verdict> refused = refusalToDecide(name, groups, counted);
        if (refused.isPresent()) {
            return refused.get();
        }
        Outcome before = outcome(counted);
        if (decision == null) {
            return Verdict.refused(Refusal.INVALID, "decision must be approve or reject", before);
        }
        if (decision == Decision.APPROVE && isPusher(name)) {
            return Verdict.refused(Refusal.PUSHER, name + " pushed this image and cannot approve it", before);
        }
        if (decision == Decision.REJECT && (reason == null || reason.isBlank())) {
            return Verdict.refused(Refusal.INVALID, "a reason is required to reject", before);
        }
        Outcome after = decision == Decision.REJECT
                ? new Outcome(State.REJECTED, before.approvals(), required, name)
                : new Outcome(before.approvals() + 1 >= required ? State.APPROVED : State.OPEN,
                before.approvals() + 1, required, null);
        String why = switch (after.state()) {
            case REJECTED -> "rejected by " + name;
            case APPROVED -> "approved: " + after.approvals() + " of " + required + " approvals";
            case OPEN -> "approval counted: " + after.approvals() + " of " + required + " approvals";
        };
        return new Verdict(true, null, why, after);
    }

    /**
     * Why {@code name} may not decide at all now, whatever the decision: the request is closed, they
     * are not an approver, or they already decided. Empty when they may decide. The confirmation page
     * uses it to decide whether to show the form; {@link #judge} starts with it.
     */
    public Optional<Verdict> refusalToDecide(String name, Collection<String> groups, List<DecisionEntry> counted) {
        Outcome before = outcome(counted);
        if (before.state() != State.OPEN) {
            return Optional.of(Verdict.refused(Refusal.CLOSED, "the request is already " + before.state().word()
                    + "; decisions after the end are not counted", before));
        }
        if (name == null || name.isBlank()) {
            return Optional.of(Verdict.refused(Refusal.NOT_APPROVER, "no signed-in person", before));
        }
        if (!isApprover(name, groups)) {
            return Optional.of(Verdict.refused(Refusal.NOT_APPROVER, name + " is not an approver of this target", before));
        }
        for (DecisionEntry d : counted) {
            if (normalize(d.approver()).equals(normalize(name))) {
                return Optional.of(Verdict.refused(Refusal.ALREADY_DECIDED, name + " already decided (" + d.decision()
                        + "); each person counts once", before));
            }
        }
        return Optional.empty();
    }

    static String normalize(String s) {
        return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    }

    /** Where the request stands. */
    public enum State {
        OPEN("open"), APPROVED("approved"), REJECTED("rejected");

        private final String word;

        State(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /** Why a decision was not counted. */
    public enum Refusal {
        /** Not on the approver list, or nobody signed in. */
        NOT_APPROVER,
        /** The person who pushed the image tried to approve it. */
        PUSHER,
        /** This person's decision is already counted. */
        ALREADY_DECIDED,
        /** The request was already approved or rejected. */
        CLOSED,
        /** Not approve/reject, or a rejection without a reason. */
        INVALID
    }

    /**
     * @param state     open, approved or rejected
     * @param approvals approvals counted
     * @param required  approvals needed
     * @param rejectedBy who rejected, when rejected
     */
    public record Outcome(State state, int approvals, int required, String rejectedBy) {
    }

    /**
     * @param counted whether the decision counts
     * @param refusal why not, when not counted
     * @param reason  a sentence for people
     * @param after   where the request stands with this decision (unchanged when refused)
     */
    public record Verdict(boolean counted, Refusal refusal, String reason, Outcome after) {

        static Verdict refused(Refusal refusal, String reason, Outcome unchanged) {
            return new Verdict(false, refusal, reason, unchanged);
        }
    }
}
