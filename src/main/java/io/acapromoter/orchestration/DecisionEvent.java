package io.acapromoter.orchestration;

import io.acapromoter.domain.Decision;

import java.util.List;

/**
 * The payload of the {@link Names#APPROVAL_DECISION_EVENT} external event, raised by the approval
 * route after it checked the signed link and the signed-in approver.
 *
 * @param approver the signed-in approver's name (UPN / e-mail), as the platform reports it
 * @param groups   the approver's group object ids from the platform's principal, if any
 * @param decision what they decided (null when the payload named no decision: refused when counted)
 * @param reason   the reason given (required to reject), or null
 * @param at       ISO-8601 time the decision was made
 * @param source   where it came from (client address), for the audit trail
 * @param digest   the digest the link was signed for; must equal the candidate's
 */
public record DecisionEvent(String approver, List<String> groups, Decision decision, String reason, String at,
                            String source, String digest) {

    public DecisionEvent {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }
}
