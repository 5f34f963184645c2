package io.acapromoter.approval;

import io.acapromoter.domain.Decision;
import io.acapromoter.domain.Phase;
import io.acapromoter.ports.OutgoingEmail;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.domain.PromotionStatus.DecisionEntry;
import io.acapromoter.ports.Notifier;
import io.acapromoter.ports.Notifier.Delivery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class NotifiersTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    final MutableClock clock = new MutableClock(NOW);
    final ApprovalLinks links = new ApprovalLinks(SigningKeys.of(ApprovalLinksTest.KEY), "https://promoter.example.net", clock);
    final PromotionStatus status = Fixtures.awaiting(List.of());
    HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    URI webhook(int status, List<String> bodies) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/workflows/abc/triggers/manual/paths/invoke", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + "/workflows/abc/triggers/manual/paths/invoke?api-version=1&sig=SECRET-SIGNATURE");
    }

    @Test
    void teams_postsAMessageWithAnAdaptiveCardAttachment() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        URI url = webhook(202, bodies);
        TeamsWebhookNotifier teams = new TeamsWebhookNotifier(url, HttpClient.newHttpClient(), links, Duration.ofDays(1));

        List<Delivery> deliveries = teams.requestApproval(status);

        assertThat(deliveries).singleElement().satisfies(d -> {
            assertThat(d.channel()).isEqualTo("teams");
            assertThat(d.delivered()).isTrue();
        });
        JsonNode message = new ObjectMapper().readTree(bodies.get(0));
        assertThat(message.get("type").asText()).isEqualTo("message");
        JsonNode attachment = message.get("attachments").get(0);
        assertThat(attachment.get("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = attachment.get("content");
        assertThat(card.get("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.get("version").asText()).isEqualTo("1.4");
        assertThat(card.findValues("facts").get(0)).anySatisfy(f -> {
            assertThat(f.get("title").asText()).isEqualTo("Digest");
            assertThat(f.get("value").asText()).isEqualTo(Fixtures.DIGEST);
        });
        String approveUrl = card.get("actions").get(0).get("url").asText();
        String token = approveUrl.substring(approveUrl.lastIndexOf('/') + 1);
        assertThat(links.verify(token, Fixtures.INSTANCE, Fixtures.DIGEST).token().decision()).isEqualTo(Decision.APPROVE);
        assertThat(links.verify(token).token().expiresAt()).isEqualTo(Instant.parse(status.deadline()));
    }

    @Test
    void teams_failureNamesTheStatusButNeverTheWebhookUrl() throws Exception {
        URI url = webhook(500, new CopyOnWriteArrayList<>());
        TeamsWebhookNotifier teams = new TeamsWebhookNotifier(url, HttpClient.newHttpClient(), links, Duration.ofDays(1));

        Delivery d = teams.announceOutcome(Fixtures.withPhase(status, Phase.SUCCEEDED, "done")).get(0);

        assertThat(d.delivered()).isFalse();
        assertThat(d.detail()).contains("HTTP 500").doesNotContain("SECRET").doesNotContain("127.0.0.1");
        assertThat(teams.toString()).doesNotContain("SECRET");
    }

    @Test
    void teams_unreachableWebhookIsAFailedDeliveryWithoutTheUrl() {
        URI url = URI.create("http://127.0.0.1:1/workflows/x?sig=SECRET-SIGNATURE");
        TeamsWebhookNotifier teams = new TeamsWebhookNotifier(url, HttpClient.newHttpClient(), links, Duration.ofDays(1));

        Delivery d = teams.remind(status).get(0);

        assertThat(d.delivered()).isFalse();
        assertThat(d.detail()).startsWith("could not reach the Teams webhook").doesNotContain("SECRET");
    }

    @Test
    void email_sendsOneMessagePerApproverWithHtmlTextAndLinks() {
        List<OutgoingEmail> sent = new ArrayList<>();
        EmailNotifier email = new EmailNotifier(sent::add, "promoter@contoso.com", links, Duration.ofDays(1));

        Delivery d = email.requestApproval(status).get(0);

        assertThat(sent).extracting(OutgoingEmail::to).containsExactly("alice@contoso.com", "bob@contoso.com");
        assertThat(sent).allSatisfy(m -> {
            assertThat(m.from()).isEqualTo("promoter@contoso.com");
            assertThat(m.html()).contains("https://promoter.example.net/api/approvals/").contains(Fixtures.DIGEST);
            assertThat(m.text()).contains("Review and approve: https://promoter.example.net/api/approvals/")
                    .contains("Digest: " + Fixtures.DIGEST);
            assertThat(m.toString()).doesNotContain("/api/approvals/");
        });
        assertThat(d.delivered()).isTrue();
        assertThat(d.detail()).contains("sent to 2 of 2").contains("1 group entries cannot be mailed")
                .doesNotContain("/api/approvals/");
    }

    @Test
    void email_remindsOnlyThoseWhoHaveNotDecided() {
        List<OutgoingEmail> sent = new ArrayList<>();
        EmailNotifier email = new EmailNotifier(sent::add, "promoter@contoso.com", links, Duration.ofDays(1));

        email.remind(Fixtures.awaiting(List.of(new DecisionEntry("ALICE@contoso.com", Decision.APPROVE, null, "t"))));

        assertThat(sent).extracting(OutgoingEmail::to).containsExactly("bob@contoso.com");
        assertThat(sent.get(0).subject()).startsWith("Reminder:");
    }

    @Test
    void email_reportsThePeopleItCouldNotReach() {
        EmailNotifier email = new EmailNotifier(m -> {
            if (m.to().startsWith("bob")) {
                throw new IllegalStateException("ACS said no to https://acs/?key=SECRET");
            }
        }, "promoter@contoso.com", links, Duration.ofDays(1), 3, CompositeNotifier.Backoff.none());

        Delivery d = email.requestApproval(status).get(0);

        assertThat(d.delivered()).isFalse();
        assertThat(d.detail()).contains("sent to 1 of 2").contains("bob@contoso.com (IllegalStateException: ACS said no to https://acs/…, after 3 attempts)")
                .doesNotContain("SECRET");
    }

    @Test
    void composite_retriesOnlyTheFailedAddressOfAnEmail() {
        List<String> attempts = new ArrayList<>();
        List<Integer> pauses = new ArrayList<>();
        EmailNotifier email = new EmailNotifier(m -> {
            attempts.add(m.to());
            if (m.to().startsWith("bob") && attempts.stream().filter(a -> a.startsWith("bob")).count() < 3) {
                throw new IllegalStateException("busy");
            }
        }, "promoter@contoso.com", links, Duration.ofDays(1), 3, pauses::add);
        CompositeNotifier composite = new CompositeNotifier(
                List.of(new CompositeNotifier.Channel("email", email, true)), 3, CompositeNotifier.Backoff.none());

        List<Delivery> deliveries = composite.requestApproval(status);

        assertThat(attempts).filteredOn(a -> !a.startsWith("bob")).hasSize(1);
        assertThat(attempts).filteredOn(a -> a.startsWith("bob")).hasSize(3);
        assertThat(pauses).containsExactly(1, 2);
        assertThat(deliveries).singleElement().satisfies(d -> assertThat(d.delivered()).isTrue());
    }

    @Test
    void composite_retriesAFailingChannelAndReportsEveryChannel() {
        AtomicInteger teamsCalls = new AtomicInteger();
        List<Integer> pauses = new ArrayList<>();
        Notifier flaky = new StubNotifier(() -> teamsCalls.incrementAndGet() < 3
                ? new Delivery("teams", false, "the Teams webhook answered HTTP 502") : new Delivery("teams", true, "accepted"));
        Notifier broken = new StubNotifier(() -> {
            throw new IllegalStateException("https://secret.example/?sig=SECRET");
        });
        CompositeNotifier composite = new CompositeNotifier(List.of(new CompositeNotifier.Channel("teams", flaky),
                new CompositeNotifier.Channel("email", broken)), 3, pauses::add);

        List<Delivery> deliveries = composite.requestApproval(status);

        assertThat(teamsCalls).hasValue(3);
        assertThat(pauses).containsExactly(1, 2, 1, 2);
        assertThat(deliveries).hasSize(2);
        assertThat(deliveries.get(0)).isEqualTo(new Delivery("teams", true, "accepted"));
        assertThat(deliveries.get(1).channel()).isEqualTo("email");
        assertThat(deliveries.get(1).delivered()).isFalse();
        assertThat(deliveries.get(1).detail()).contains("IllegalStateException").contains("after 3 attempts")
                .doesNotContain("SECRET");
    }

    @Test
    void composite_doesNotRetryAChannelThatDelivered() {
        AtomicInteger calls = new AtomicInteger();
        Notifier fine = new StubNotifier(() -> {
            calls.incrementAndGet();
            return new Delivery("local", true, "printed");
        });

        new CompositeNotifier(List.of(new CompositeNotifier.Channel("local", fine)), 3, CompositeNotifier.Backoff.none())
                .announceOutcome(status);

        assertThat(calls).hasValue(1);
    }

    @Test
    void logNotifier_printsTheLinksAndKeepsThem() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogNotifier local = new LogNotifier(new PrintStream(out, true, StandardCharsets.UTF_8), links, Duration.ofDays(1));

        local.requestApproval(status);
        local.announceOutcome(Fixtures.withPhase(status, Phase.REJECTED, "rejected by bob"));

        assertThat(local.sent()).hasSize(2);
        LogNotifier.Sent request = local.sent().get(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("approve: " + request.approve())
                .contains("reject:  " + request.reject()).contains("This promotion was rejected - rejected by bob");
        assertThat(links.verify(request.reject().getPath().substring("/api/approvals/".length())).token().decision())
                .isEqualTo(Decision.REJECT);
    }

    /** Answers every call with what {@code answer} gives. */
    record StubNotifier(java.util.function.Supplier<Delivery> answer) implements Notifier {
        @Override
        public List<Delivery> requestApproval(PromotionStatus status) {
            return List.of(answer.get());
        }

        @Override
        public List<Delivery> remind(PromotionStatus status) {
            return List.of(answer.get());
        }

        @Override
        public List<Delivery> announceOutcome(PromotionStatus status) {
            return List.of(answer.get());
        }
    }
}
