package io.acapromoter.ports;

import io.acapromoter.domain.PromotionStatus;

import java.util.List;

/**
 * Tells approvers and ops about a promotion (Teams, e-mail, or a local sink). One failing channel
 * never hides the others: each method returns what happened on every channel instead of throwing.
 * Implementations build the signed links themselves; links and webhook URLs are never logged.
 */
public interface Notifier {

    /** Asks the approvers to decide. {@code status} holds everything the card and mail show. */
    List<Delivery> requestApproval(PromotionStatus status);

    /** Reminds approvers who have not decided yet. */
    List<Delivery> remind(PromotionStatus status);

    /** Says how the promotion ended (succeeded, rejected, expired, rolled back…) to approvers and ops. */
    List<Delivery> announceOutcome(PromotionStatus status);

    /**
     * What happened on one channel.
     *
     * @param channel   e.g. {@code teams}, {@code email}, {@code log}
     * @param delivered whether the channel accepted the message
     * @param detail    why it failed, or a short note; never a URL or secret
     */
    record Delivery(String channel, boolean delivered, String detail) {
    }
}
