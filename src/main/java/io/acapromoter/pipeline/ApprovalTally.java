package io.acapromoter.pipeline;

import io.acapromoter.domain.PromotionStatus.DecisionEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Counts decisions for one promotion, deterministically (it runs inside the orchestrator):
 * only allowed approvers count, the pusher cannot approve their own image, each person counts
 * once, one rejection ends it, {@code required} approvals complete it.
 */
final class ApprovalTally {

    private final List<String> approvers;
    private final int required;
    private final String pushedBy;
    private final String digest;
    private final List<DecisionEntry> counted = new ArrayList<>();

    ApprovalTally(List<String> approvers, int required, String pushedBy, String digest) {
        this.approvers = approvers;
        this.required = required;
        this.pushedBy = pushedBy;
        this.digest = digest;
    }

    /** Counts {@code event} or returns why it does not count. */
    Optional<String> count(DecisionEvent event) {
        if (event.approver() == null || event.approver().isBlank()) {
            return Optional.of("decision without an approver");
        }
        if (!digest.equals(event.digest())) {
            return Optional.of("decision was for digest " + event.digest() + ", not the candidate " + digest);
        }
        if (!"approve".equals(event.decision()) && !"reject".equals(event.decision())) {
            return Optional.of("unknown decision '" + event.decision() + "'");
        }
        if (!isApprover(event)) {
            return Optional.of(event.approver() + " is not an approver of this target");
        }
        if ("approve".equals(event.decision()) && pushedBy != null && pushedBy.equalsIgnoreCase(event.approver())) {
            return Optional.of(event.approver() + " pushed this image and cannot approve it");
        }
        if (counted.stream().anyMatch(d -> d.approver().equalsIgnoreCase(event.approver()))) {
            return Optional.of(event.approver() + " has already decided");
        }
        counted.add(new DecisionEntry(event.approver(), event.decision(), event.reason(), event.at()));
        return Optional.empty();
    }

    boolean rejected() {
        return counted.stream().anyMatch(d -> d.decision().equals("reject"));
    }

    boolean approved() {
        return !rejected() && counted.stream().filter(d -> d.decision().equals("approve")).count() >= required;
    }

    List<DecisionEntry> decisions() {
        return List.copyOf(counted);
    }

    private boolean isApprover(DecisionEvent event) {
        String name = event.approver().toLowerCase(Locale.ROOT);
        for (String allowed : approvers) {
            if (allowed.startsWith("group:")) {
                String group = allowed.substring("group:".length());
                if (event.groups().stream().anyMatch(g -> g.equalsIgnoreCase(group))) {
                    return true;
                }
            } else if (allowed.toLowerCase(Locale.ROOT).equals(name)) {
                return true;
            }
        }
        return false;
    }
}
