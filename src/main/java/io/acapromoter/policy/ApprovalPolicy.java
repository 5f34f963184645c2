package io.acapromoter.policy;

import java.time.Duration;
import java.util.List;

/**
 * Who decides, and by when.
 *
 * @param approvers     users (UPN or e-mail) and groups ({@code group:<object id>}) allowed to decide
 * @param required      approvals needed; one rejection ends the promotion
 * @param deadline      how long the request stays open before the promotion expires
 * @param reminderEvery how often approvers are reminded while the request is open
 */
public record ApprovalPolicy(List<String> approvers, int required, Duration deadline, Duration reminderEvery) {

    public ApprovalPolicy {
        approvers = List.copyOf(approvers);
    }
}
