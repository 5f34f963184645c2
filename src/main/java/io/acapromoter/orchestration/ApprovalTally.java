package io.acapromoter.orchestration;

import io.acapromoter.domain.PromotionStatus.DecisionEntry;
import io.acapromoter.policy.ApprovalRules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The decisions counted for one promotion inside the orchestrator, judged by the same
 * {@link ApprovalRules} the approval page applies (allowed approvers, not the pusher, each person
 * once, one rejection ends it), plus the check that the decision was signed for this digest.
 */
final class ApprovalTally {

    private final ApprovalRules rules;
    private final String digest;
    private final List<DecisionEntry> counted = new ArrayList<>();

    ApprovalTally(List<String> approvers, int required, String pushedBy, String digest) {
        this.rules = new ApprovalRules(approvers, required, pushedBy);
        this.digest = digest;
    }

    /** Counts {@code event} or returns why it does not count. */
    Optional<String> count(DecisionEvent event) {
        if (!digest.equals(event.digest())) {
            return Optional.of("decision was for digest " + event.digest() + ", not the candidate " + digest);
        }
        ApprovalRules.Verdict verdict = rules.judge(event.approver(), event.groups(), event.decision(), event.reason(), counted);
        if (!verdict.counted()) {
            return Optional.of(verdict.reason());
        }
        counted.add(new DecisionEntry(event.approver(), event.decision(), event.reason(), event.at()));
        return Optional.empty();
    }

    boolean rejected() {
        return rules.outcome(counted).state() == ApprovalRules.State.REJECTED;
    }

    boolean approved() {
        return rules.outcome(counted).state() == ApprovalRules.State.APPROVED;
    }

    List<DecisionEntry> decisions() {
        return List.copyOf(counted);
    }
}
