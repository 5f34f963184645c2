package io.acapromoter.approval;

import io.acapromoter.domain.Decision;
import io.acapromoter.ports.OutgoingEmail;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.domain.PromotionStatus.DecisionEntry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Repository, tag and reason values come from registries and people. Containing HTML, Markdown and
 * Adaptive Card syntax, they are shown as text on the page, in the card and in the mail.
 */
class InjectionTest {

    static final String HTML = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    static final String MARKDOWN = "**urgent** [click here](https://evil.example/steal) _now_";
    static final String CARD = "{{DATE(2017-02-14T06:08:39Z, SHORT)}} ${approver} \"}],\"actions\":[";
    static final String REPO = "contoso.azurecr.io/" + HTML;
    static final String TAG = MARKDOWN + "\nReview and approve: https://evil.example/approve";
    static final String REASON = CARD + " " + HTML + " " + MARKDOWN;
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    final MutableClock clock = new MutableClock(NOW);
    final ApprovalLinks links = new ApprovalLinks(SigningKeys.of(ApprovalLinksTest.KEY), "https://promoter.example.net", clock);

    static PromotionStatus hostile() {
        PromotionStatus s = Fixtures.awaiting(List.of(new DecisionEntry("alice@contoso.com", Decision.APPROVE, REASON, "t")));
        return new PromotionStatus(s.promotionId(), s.target(), REPO + "@" + Fixtures.DIGEST, TAG, HTML, s.pushedAt(),
                s.phase(), s.detail(), s.timeline(), s.productionImage(), s.stagingRevision(), s.stagingUrl(), s.smoke(),
                s.approvalsRequired(), s.approvers(), s.deadline(), s.decisions(), s.rebuildOf(), List.of(MARKDOWN),
                List.of(CARD));
    }

    @Test
    void page_escapesEveryValue() {
        Fixtures.Store store = new Fixtures.Store().with(hostile());
        ApprovalEndpoint endpoint = new ApprovalEndpoint(links, store, new Fixtures.MemoryAudit(), clock, Optional.empty());
        String token = links.token(Fixtures.INSTANCE, Decision.APPROVE, Fixtures.DIGEST, NOW.plus(Duration.ofDays(1)));

        String body = endpoint.get(token, new Principal("bob@contoso.com", List.of())).body();

        assertThat(body).doesNotContain("<script").doesNotContain("<img").doesNotContain("onerror=alert(2)>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;")
                .contains("**urgent** [click here](https://evil.example/steal)")
                .contains("{{DATE(2017-02-14T06:08:39Z, SHORT)}}")
                .doesNotContain("href=\"https://evil.example");
    }

    @Test
    void page_linksOnlyAnHttpsStagingUrlAndEscapesItInTheAttribute() {
        PromotionStatus s = Fixtures.awaiting(List.of());
        PromotionStatus quoted = new PromotionStatus(s.promotionId(), s.target(), s.image(), s.tag(), s.pushedBy(),
                s.pushedAt(), s.phase(), s.detail(), s.timeline(), s.productionImage(), s.stagingRevision(),
                "https://x.example/\"><script>alert(1)</script>", s.smoke(), s.approvalsRequired(), s.approvers(),
                s.deadline(), s.decisions(), s.rebuildOf(), s.fixes(), s.warnings());
        PromotionStatus scripted = new PromotionStatus(s.promotionId(), s.target(), s.image(), s.tag(), s.pushedBy(),
                s.pushedAt(), s.phase(), s.detail(), s.timeline(), s.productionImage(), s.stagingRevision(),
                "javascript:alert(1)", s.smoke(), s.approvalsRequired(), s.approvers(),
                s.deadline(), s.decisions(), s.rebuildOf(), s.fixes(), s.warnings());
        String token = links.token(Fixtures.INSTANCE, Decision.APPROVE, Fixtures.DIGEST, NOW.plus(Duration.ofDays(1)));
        Principal bob = new Principal("bob@contoso.com", List.of());

        String first = new ApprovalEndpoint(links, new Fixtures.Store().with(quoted), new Fixtures.MemoryAudit(), clock,
                Optional.empty()).get(token, bob).body();
        String second = new ApprovalEndpoint(links, new Fixtures.Store().with(scripted), new Fixtures.MemoryAudit(), clock,
                Optional.empty()).get(token, bob).body();

        assertThat(first).contains("href=\"https://x.example/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"")
                .doesNotContain("<script");
        assertThat(second).doesNotContain("href=\"javascript").contains("javascript:alert(1)");
    }

    @Test
    void card_showsValuesAsTextAndKeepsItsOwnStructure() throws Exception {
        String json = TeamsCard.approvalRequest(hostile(), links.forStatus(hostile(), Duration.ofDays(1)), false);
        JsonNode card = new ObjectMapper().readTree(json).at("/attachments/0/content");
        List<String> texts = new ArrayList<>();
        card.findValues("text").forEach(n -> texts.add(n.asText()));
        card.findValues("value").forEach(n -> texts.add(n.asText()));
        card.findValues("title").forEach(n -> texts.add(n.asText()));

        assertThat(card.get("actions")).hasSize(2);
        assertThat(card.get("actions")).allSatisfy(a -> {
            assertThat(a.get("type").asText()).isEqualTo("Action.OpenUrl");
            assertThat(a.get("url").asText()).startsWith("https://promoter.example.net/api/approvals/");
        });
        assertThat(String.join("\n", texts))
                .doesNotContain("**urgent**").contains("\\*\\*urgent\\*\\*")
                .doesNotContain("[click here](").contains("\\[click here\\]\\(https://evil.example/steal\\)")
                .doesNotContain("{{DATE(").doesNotContain("${approver}")
                .doesNotContainPattern("(?<!\\\\)<script").contains("\\<script\\>");
        assertThat(texts).noneMatch(t -> t.contains("\n"));
    }

    @Test
    void mail_escapesHtmlAndKeepsPlainTextOnOneLinePerValue() {
        List<OutgoingEmail> sent = new ArrayList<>();
        EmailNotifier notifier = new EmailNotifier(sent::add, "promoter@contoso.com", links, Duration.ofDays(1));

        notifier.requestApproval(hostile());

        assertThat(sent).isNotEmpty().allSatisfy(mail -> {
            assertThat(mail.html()).doesNotContain("<script").doesNotContain("<img")
                    .contains("&lt;script&gt;").doesNotContain("href=\"https://evil.example");
            assertThat(mail.text()).contains("**urgent** [click here](https://evil.example/steal)")
                    .doesNotContain("\nReview and approve: https://evil.example");
            assertThat(mail.text().lines().filter(l -> l.startsWith("Review and approve: ")))
                    .singleElement().satisfies(l -> assertThat(l).startsWith("Review and approve: https://promoter.example.net/"));
            assertThat(mail.subject()).doesNotContain("\n");
        });
    }

    @Test
    void plain_neutralisesLeadingListMarkersAndNumbers() {
        assertThat(TeamsCard.plain("- item")).isEqualTo("\\- item");
        assertThat(TeamsCard.plain("1. first")).isEqualTo("1\\. first");
        assertThat(TeamsCard.plain("sha256:abc")).isEqualTo("sha256:abc");
        assertThat(TeamsCard.plain("a\r\n# b")).isEqualTo("a  \\# b");
    }
}
