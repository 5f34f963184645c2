package io.acapromoter.approval;

import io.acapromoter.logging.Log;
import io.acapromoter.ports.OutgoingEmail;
import io.acapromoter.ports.EmailSender;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.domain.PromotionStatus.DecisionEntry;
import io.acapromoter.logging.LogLine;
import io.acapromoter.ports.Notifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * E-mails approvers, one message per person (HTML and plain text), through an {@link EmailSender}.
 * Only user entries of the approver list can be mailed; {@code group:} entries are counted and
 * reported, since resolving group members would need directory access the app does not have.
 */
public final class EmailNotifier implements Notifier {

    static final String CHANNEL = "email";

    private final EmailSender sender;
    private final String from;
    private final ApprovalLinks links;
    private final Duration linkFallback;
    private final int attempts;
    private final CompositeNotifier.Backoff backoff;

    /** Three tries per address, waiting 2 s then 4 s. */
    public EmailNotifier(EmailSender sender, String from, ApprovalLinks links, Duration linkFallback) {
        this(sender, from, links, linkFallback, 3, CompositeNotifier.Backoff.exponential(Duration.ofSeconds(2)));
    }

    /**
     * @param attempts tries per address; an address that failed is retried alone, so nobody gets a message twice
     * @param backoff  waits between tries (tests pass one that does not sleep)
     */
    public EmailNotifier(EmailSender sender, String from, ApprovalLinks links, Duration linkFallback, int attempts,
                         CompositeNotifier.Backoff backoff) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        this.attempts = attempts;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.from = Objects.requireNonNull(from, "from");
        this.links = Objects.requireNonNull(links, "links");
        this.linkFallback = Objects.requireNonNull(linkFallback, "linkFallback");
    }

    @Override
    public List<Delivery> requestApproval(PromotionStatus status) {
        return List.of(sendAll(status, recipients(status, false), false));
    }

    @Override
    public List<Delivery> remind(PromotionStatus status) {
        return List.of(sendAll(status, recipients(status, true), true));
    }

    @Override
    public List<Delivery> announceOutcome(PromotionStatus status) {
        List<String> to = recipients(status, false);
        int sent = 0;
        List<String> failed = new ArrayList<>();
        for (String address : to) {
            String problem = send(EmailContent.outcome(from, address, status, links.promotionPage(status.promotionId())));
            if (problem == null) {
                sent++;
            } else {
                failed.add(address + " (" + problem + ")");
            }
        }
        return List.of(result(status, sent, to.size(), failed, 0));
    }

    private Delivery sendAll(PromotionStatus status, List<String> to, boolean reminder) {
        ApprovalLinks.Pair pair = links.forStatus(status, linkFallback);
        int sent = 0;
        List<String> failed = new ArrayList<>();
        for (String address : to) {
            String problem = send(EmailContent.approvalRequest(from, address, status, pair, reminder));
            if (problem == null) {
                sent++;
            } else {
                failed.add(address + " (" + problem + ")");
            }
        }
        long groups = status.approvers().stream().filter(a -> a.toLowerCase(Locale.ROOT).startsWith("group:")).count();
        return result(status, sent, to.size(), failed, groups);
    }

    /** Sends one message, retrying it alone; null when sent, else the failure (type only: texts may echo the request). */
    private String send(OutgoingEmail message) {
        String problem = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                backoff.pause(attempt - 1);
            }
            try {
                sender.send(message);
                return null;
            } catch (RuntimeException e) {
                problem = LogLine.problem(e) + (attempts == 1 ? "" : ", after " + attempts + " attempts");
            }
        }
        return problem;
    }

    private Delivery result(PromotionStatus status, int sent, int total, List<String> failed, long groups) {
        String detail = "sent to " + sent + " of " + total + " approvers"
                + (failed.isEmpty() ? "" : "; failed: " + String.join(", ", failed))
                + (groups == 0 ? "" : "; " + groups + " group entries cannot be mailed");
        Delivery d = new Delivery(CHANNEL, failed.isEmpty() && total > 0, total == 0 ? "no approver with an e-mail address" : detail);
        Log.of(EmailNotifier.class).info(LogLine.of("notify.email").with("promotion", status.promotionId())
                .with("outcome", d.delivered() ? "delivered" : "failed").with("reason", d.detail()).toString());
        return d;
    }

    /** User entries that look like addresses; for reminders, only those who have not decided. */
    static List<String> recipients(PromotionStatus status, boolean undecidedOnly) {
        List<String> out = new ArrayList<>();
        for (String a : status.approvers()) {
            String address = a.strip();
            if (address.toLowerCase(Locale.ROOT).startsWith("group:") || !address.contains("@")
                    || address.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                continue;
            }
            boolean decided = status.decisions().stream().map(DecisionEntry::approver)
                    .anyMatch(d -> d != null && d.equalsIgnoreCase(address));
            if (!(undecidedOnly && decided) && out.stream().noneMatch(address::equalsIgnoreCase)) {
                out.add(address);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "EmailNotifier[from=" + from + "]";
    }
}
