package io.acapromoter.status;

import io.acapromoter.approval.ApprovalLinks;
import io.acapromoter.approval.SigningKeys;
import io.acapromoter.domain.Decision;
import io.acapromoter.domain.Phase;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.ports.AuditKind;
import io.acapromoter.ports.AuditRecord;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PromotionPageTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:30:00Z");
    static final String HOSTILE = "<script>alert('x')</script>";
    final ApprovalLinks links = new ApprovalLinks(SigningKeys.of("k".repeat(40)), "https://promoter.example.net",
            Clock.fixed(NOW, ZoneOffset.UTC));

    static PromotionStatus awaiting(String reason) {
        return PromotionStatus.builder("web-sha256-" + "a".repeat(64), "web", "contoso.azurecr.io/web@sha256:" + "a".repeat(64))
                .phase(Phase.AWAITING_APPROVAL).detail("0 of 1 approvals so far").deadline("2026-11-24T10:00:00Z")
                .timeline(List.of(new PromotionStatus.TimelineEntry("2026-11-23T10:00:00Z", Phase.PENDING, "received"),
                        new PromotionStatus.TimelineEntry("2026-11-23T10:00:05Z", Phase.VERIFYING, "checking"),
                        new PromotionStatus.TimelineEntry("2026-11-23T10:02:05Z", Phase.AWAITING_APPROVAL, "asked")))
                .decisions(List.of(new PromotionStatus.DecisionEntry("bob@contoso.com", Decision.REJECT, reason, "2026-11-23T10:20:00Z")))
                .build();
    }

    static PromotionView view(PromotionStatus s) {
        return new PromotionView(s.promotionId(), "RUNNING", "2026-11-23T10:00:00Z", "2026-11-23T10:02:05Z", null, s);
    }

    static AuditRecord record(AuditKind kind, String actor, String detail, Map<String, String> fields) {
        return new AuditRecord("web-sha256-" + "a".repeat(64), "2026-11-23T10:01:00Z", kind, actor, detail, fields);
    }

    @Test
    void theTimelineSaysHowLongEachPhaseTook_andTheCurrentOneSoFar() {
        String html = PromotionPage.render(view(awaiting("no")), List.of(), null, Optional.empty(), NOW);

        assertThat(html).contains("<td>VERIFYING</td><td data-took>2 min 0 s</td>")
                .contains("<td>AWAITING_APPROVAL</td><td data-took>27 min 55 s so far</td>")
                .contains("<dt>Running for</dt><dd>30 min 0 s</dd>");
    }

    @Test
    void decisionsShowWhoWhenAndWhy_refusedOnesToo_andTheChangesInAzureWithTheirOperations() {
        String html = PromotionPage.render(view(awaiting("smoke is flaky")), List.of(
                record(AuditKind.DECISION_REFUSED, "mallory@contoso.com", "mallory is not an approver of web", Map.of()),
                record(AuditKind.AZURE_CHANGE, "system", "started web--sha-aaaaaaaaaa", Map.of("action", "deploy staging",
                        "revision", "web--sha-aaaaaaaaaa", "operation", "https://management.azure.com/op/1"))),
                null, Optional.empty(), NOW);

        assertThat(html).contains("<tr><td>2026-11-23T10:20:00Z</td><td>bob@contoso.com</td><td>reject</td><td>smoke is flaky</td></tr>")
                .contains("<td>mallory@contoso.com</td><td>refused</td><td>mallory is not an approver of web</td>")
                .contains("<td>deploy staging</td><td>web--sha-aaaaaaaaaa</td><td><code>https://management.azure.com/op/1</code></td>");
    }

    @Test
    void whileItAwaitsApproval_thePageLinksToTheApprovalPage_signedUntilTheDeadline() {
        PromotionStatus s = awaiting("no");
        String html = PromotionPage.render(view(s), List.of(), null, Optional.of(links.forStatus(s, Duration.ZERO)), NOW);

        assertThat(html).contains("<p data-approval-links>").contains("href=\"https://promoter.example.net/api/approvals/");
        String token = html.replaceAll("(?s).*data-approve href=\"https://promoter.example.net/api/approvals/([^\"]+)\".*", "$1");
        assertThat(links.verify(token).isValid()).isTrue();
    }

    @Test
    void theEndpointOffersNoApprovalLinkOnceTheDecisionIsMade() throws Exception {
        PromotionStatus done = awaiting("no").moveTo(Phase.REJECTED, "rejected by bob", "2026-11-23T10:20:00Z");
        StatusEndpoint endpoint = new StatusEndpoint(new StatusEndpointTest.Store(List.of(StatusEndpointTest.view(done))),
                new io.acapromoter.local.MemoryAuditLog(), Optional.of(links), Clock.fixed(NOW, ZoneOffset.UTC));

        String html = endpoint.get(done.promotionId(), Map.of("format", "html"), null).body();

        assertThat(html).contains("REJECTED").doesNotContain("data-approval-links").doesNotContain("/api/approvals/")
                .contains("<dt>Took</dt><dd>20 min 0 s</dd>");
    }

    @Test
    void anUnreadableAuditTrailIsSaid_notAnError() throws Exception {
        PromotionStatus s = awaiting("no");
        io.acapromoter.ports.AuditLog broken = new io.acapromoter.ports.AuditLog() {
            public void append(AuditRecord r) {
            }

            public List<AuditRecord> history(String id) {
                throw new IllegalStateException("table unreachable");
            }

            public ProductionPage productions(String target, int limit, Optional<String> continuation) {
                return new ProductionPage(List.of(), Optional.empty());
            }
        };
        StatusEndpoint endpoint = new StatusEndpoint(new StatusEndpointTest.Store(List.of(StatusEndpointTest.view(s))), broken,
                Optional.empty(), Clock.fixed(NOW, ZoneOffset.UTC));

        var reply = endpoint.get(s.promotionId(), Map.of("format", "html"), null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("the audit trail could not be read: table unreachable");
    }

    @Test
    void everyValueOfTheTrailIsEscaped() {
        String html = PromotionPage.render(view(awaiting(HOSTILE)), List.of(record(AuditKind.AZURE_CHANGE, HOSTILE, HOSTILE,
                Map.of("action", HOSTILE, "revision", HOSTILE, "operation", HOSTILE))), null, Optional.empty(), NOW);

        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    }
}
