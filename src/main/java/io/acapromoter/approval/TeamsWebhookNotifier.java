package io.acapromoter.approval;

import io.acapromoter.logging.Log;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.logging.LogLine;
import io.acapromoter.ports.Notifier;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Posts {@link TeamsCard}s to a Teams Workflows webhook. The webhook URL is a secret (it carries a
 * signature): it is never logged, never put in a {@link Delivery} and never shown by {@link #toString()}.
 */
public final class TeamsWebhookNotifier implements Notifier {

    static final String CHANNEL = "teams";
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final URI webhook;
    private final HttpClient http;
    private final ApprovalLinks links;
    private final Duration linkFallback;

    /**
     * @param webhook      the Workflows trigger URL (secret)
     * @param linkFallback how long links stay valid when the status carries no deadline
     */
    public TeamsWebhookNotifier(URI webhook, HttpClient http, ApprovalLinks links, Duration linkFallback) {
        Objects.requireNonNull(webhook, "webhook");
        if (!"https".equals(webhook.getScheme()) && !"http".equals(webhook.getScheme())) {
            throw new IllegalArgumentException("the Teams webhook URL must be an http(s) URL");
        }
        this.webhook = webhook;
        this.http = Objects.requireNonNull(http, "http");
        this.links = Objects.requireNonNull(links, "links");
        this.linkFallback = Objects.requireNonNull(linkFallback, "linkFallback");
    }

    @Override
    public List<Delivery> requestApproval(PromotionStatus status) {
        return List.of(post(status, TeamsCard.approvalRequest(status, links.forStatus(status, linkFallback), false)));
    }

    @Override
    public List<Delivery> remind(PromotionStatus status) {
        return List.of(post(status, TeamsCard.approvalRequest(status, links.forStatus(status, linkFallback), true)));
    }

    @Override
    public List<Delivery> announceOutcome(PromotionStatus status) {
        return List.of(post(status, TeamsCard.outcome(status, links.promotionPage(status.promotionId()))));
    }

    private Delivery post(PromotionStatus status, String json) {
        HttpRequest request = HttpRequest.newBuilder(webhook).timeout(TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        Delivery delivery;
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int code = response.statusCode();
            delivery = code >= 200 && code < 300
                    ? new Delivery(CHANNEL, true, "accepted (HTTP " + code + ")")
                    : new Delivery(CHANNEL, false, "the Teams webhook answered HTTP " + code
                    + (code == 401 || code == 403 || code == 404 ? "; check that the workflow still exists and is on" : ""));
        } catch (IOException e) {
            // The exception text may name the URL: its query (the signature) is cut off.
            delivery = new Delivery(CHANNEL, false, "could not reach the Teams webhook (" + LogLine.problem(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            delivery = new Delivery(CHANNEL, false, "interrupted while posting to Teams");
        }
        Log.of(TeamsWebhookNotifier.class).info(LogLine.of("notify.teams").with("promotion", status.promotionId()).with("outcome",
                delivery.delivered() ? "delivered" : "failed").with("reason", delivery.detail()).toString());
        return delivery;
    }

    @Override
    public String toString() {
        return "TeamsWebhookNotifier[webhook=(secret)]";
    }
}
