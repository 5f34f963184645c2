package io.acapromoter.approval;

import io.acapromoter.domain.Phase;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.ports.Notifier;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The local sink of {@code bin/promoter local}: prints the approval links to the console and keeps
 * every notification in memory for tests. Local only: in Azure links never reach any output.
 */
public final class LogNotifier implements Notifier {

    static final String CHANNEL = "local";

    private final PrintStream out;
    private final ApprovalLinks links;
    private final Duration linkFallback;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    public LogNotifier(PrintStream out, ApprovalLinks links, Duration linkFallback) {
        this.out = Objects.requireNonNull(out, "out");
        this.links = Objects.requireNonNull(links, "links");
        this.linkFallback = Objects.requireNonNull(linkFallback, "linkFallback");
    }

    @Override
    public List<Delivery> requestApproval(PromotionStatus status) {
        return withLinks("approval requested", status);
    }

    @Override
    public List<Delivery> remind(PromotionStatus status) {
        return withLinks("reminder", status);
    }

    @Override
    public List<Delivery> announceOutcome(PromotionStatus status) {
        sent.add(new Sent("outcome", status.promotionId(), status.phase(), null, null));
        out.println("[promoter] " + status.target() + ": " + ApprovalPage.headline(status)
                + (status.detail() == null ? "" : " - " + EmailContent.line(status.detail())));
        out.println("[promoter]   promotion: " + links.promotionPage(status.promotionId()));
        return List.of(new Delivery(CHANNEL, true, "printed"));
    }

    private List<Delivery> withLinks(String what, PromotionStatus status) {
        ApprovalLinks.Pair pair = links.forStatus(status, linkFallback);
        sent.add(new Sent(what, status.promotionId(), status.phase(), pair.approve(), pair.reject()));
        out.println("[promoter] " + what + " for " + status.target() + " " + EmailContent.line(status.image()));
        if (status.rebuildOf() != null && !status.rebuildOf().isBlank()) {
            out.println("[promoter]   rebuild of " + EmailContent.line(status.rebuildOf()) + " fixing "
                    + EmailContent.line(String.join(", ", status.fixes())));
        }
        out.println("[promoter]   approve: " + pair.approve());
        out.println("[promoter]   reject:  " + pair.reject());
        return List.of(new Delivery(CHANNEL, true, "printed"));
    }

    /** Everything sent so far, oldest first. */
    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    /**
     * One notification.
     *
     * @param kind        {@code approval requested}, {@code reminder} or {@code outcome}
     * @param promotionId the promotion
     * @param phase       its phase when sent
     * @param approve     the approve link, null for outcomes
     * @param reject      the reject link, null for outcomes
     */
    public record Sent(String kind, String promotionId, Phase phase, URI approve, URI reject) {
    }
}
