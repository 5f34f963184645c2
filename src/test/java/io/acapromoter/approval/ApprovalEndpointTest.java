package io.acapromoter.approval;

import io.acapromoter.ports.AuditKind;
import io.acapromoter.domain.Decision;
import io.acapromoter.domain.Phase;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.domain.PromotionStatus.DecisionEntry;
import io.acapromoter.orchestration.DecisionEvent;
import io.acapromoter.orchestration.Names;
import io.acapromoter.ports.AuditRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.acapromoter.approval.Fixtures.DIGEST;
import static io.acapromoter.approval.Fixtures.INSTANCE;
import static org.assertj.core.api.Assertions.assertThat;

class ApprovalEndpointTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    static final Principal ALICE = new Principal("Alice@contoso.com", List.of());
    static final Principal BOB = new Principal("bob@contoso.com", List.of());
    /** Pushed the image; an approver through a group. */
    static final Principal MALLORY = new Principal("mallory@contoso.com", List.of("0f0f0f0f-0000-4000-8000-000000000001"));

    final MutableClock clock = new MutableClock(NOW);
    final ApprovalLinks links = new ApprovalLinks(SigningKeys.of(ApprovalLinksTest.KEY), "https://promoter.example.net", clock);
    final Fixtures.Store store = new Fixtures.Store().with(Fixtures.awaiting(List.of()));
    final Fixtures.MemoryAudit audit = new Fixtures.MemoryAudit();
    final ApprovalEndpoint endpoint = new ApprovalEndpoint(links, store, audit, clock, Optional.empty());
    final String approveToken = links.token(INSTANCE, Decision.APPROVE, DIGEST, NOW.plus(Duration.ofDays(1)));
    final String rejectToken = links.token(INSTANCE, Decision.REJECT, DIGEST, NOW.plus(Duration.ofDays(1)));

    static String formToken(Response page) {
        Matcher m = Pattern.compile("name=\"form_token\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(m.find()).as("form token in page").isTrue();
        return m.group(1);
    }

    static Map<String, String> form(String formToken, String decision, String reason) {
        Map<String, String> f = new HashMap<>();
        f.put(ApprovalEndpoint.FORM_TOKEN_FIELD, formToken);
        f.put(ApprovalEndpoint.DECISION_FIELD, decision);
        if (reason != null) {
            f.put(ApprovalEndpoint.REASON_FIELD, reason);
        }
        return f;
    }

    List<AuditRecord> decisionsAudited() {
        return audit.records.stream().filter(r -> r.kind() == AuditKind.DECISION).toList();
    }

    @Test
    void get_ofAnApproveLinkDecidesNothing() {
        Response page = endpoint.get(approveToken, ALICE);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\"").contains(">Approve</button>")
                .doesNotContain(">Reject</button>");
        assertThat(store.raised).isEmpty();
        assertThat(audit.records).isEmpty();
    }

    @Test
    void get_showsWhatIsApprovedAndSetsTheSecurityHeaders() {
        Response page = endpoint.get(approveToken, ALICE);

        assertThat(page.body()).contains(DIGEST).contains("contoso.azurecr.io/shop/web:1.4.2")
                .contains("contoso.azurecr.io/shop/web@sha256:" + "cd34".repeat(16))
                .contains("https://web---staging.happyhill.westeurope.azurecontainerapps.io")
                .contains("2 of 2 passed").contains("CVE-2026-1234").contains("mallory@contoso.com")
                .contains("2026-11-24T12:00:00Z").contains("two revisions may consume messages")
                .contains("<meta name=\"viewport\"").contains("<label for=\"reason\">")
                .doesNotContain("<script");
        assertThat(page.headers()).containsEntry("X-Frame-Options", "DENY")
                .containsEntry("Referrer-Policy", "no-referrer").containsEntry("Cache-Control", "no-store");
        assertThat(page.headers().get("Content-Security-Policy")).contains("default-src 'none'")
                .doesNotContain("script-src").doesNotContain("unsafe-inline");
    }

    @Test
    void post_withTheFormTokenRaisesTheDecisionAndAuditsIt() {
        String formToken = formToken(endpoint.get(approveToken, ALICE));

        Response outcome = endpoint.post(approveToken, form(formToken, "approve", null), ALICE, "203.0.113.7");

        assertThat(outcome.status()).isEqualTo(200);
        assertThat(outcome.body()).contains("Approval recorded").contains("1 of 2");
        assertThat(store.raised).singleElement().satisfies(r -> {
            assertThat(r.instanceId()).isEqualTo(INSTANCE);
            assertThat(r.eventName()).isEqualTo(Names.APPROVAL_DECISION_EVENT);
            assertThat(r.payload()).isEqualTo(new DecisionEvent("Alice@contoso.com", List.of(), Decision.APPROVE, null,
                    NOW.toString(), "203.0.113.7", DIGEST));
        });
        assertThat(decisionsAudited()).singleElement().satisfies(r -> {
            assertThat(r.actor()).isEqualTo("Alice@contoso.com");
            assertThat(r.fields()).containsEntry("decision", "approve").containsEntry("source", "203.0.113.7")
                    .containsEntry("digest", DIGEST);
            assertThat(r.toString()).doesNotContain(approveToken).doesNotContain(formToken);
        });
    }

    @Test
    void post_replayedAfterTheDecisionIsRefusedBecauseTheApproverAlreadyDecided() {
        String formToken = formToken(endpoint.get(approveToken, ALICE));
        endpoint.post(approveToken, form(formToken, "approve", null), ALICE, "203.0.113.7");

        Response replay = endpoint.post(approveToken, form(formToken, "approve", null), ALICE, "203.0.113.7");

        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.body()).contains("already decided");
        assertThat(store.raised).hasSize(1);
    }

    @Test
    void get_afterTheApproverDecidedShowsNoFormAnd409() {
        store.with(Fixtures.awaiting(List.of(new DecisionEntry("alice@contoso.com", Decision.APPROVE, null, "t"))));

        Response page = endpoint.get(approveToken, ALICE);

        assertThat(page.status()).isEqualTo(409);
        assertThat(page.body()).doesNotContain("<form").contains("already decided");
    }

    @Test
    void post_withoutAFormTokenDecidesNothing() {
        Response refused = endpoint.post(approveToken, form(null, "approve", null), ALICE, "x");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(store.raised).isEmpty();
        assertThat(decisionsAudited()).isEmpty();
    }

    @Test
    void post_withAFormTokenIssuedToSomeoneElseIsRefused() {
        String alicesForm = formToken(endpoint.get(approveToken, ALICE));

        Response refused = endpoint.post(approveToken, form(alicesForm, "approve", null), BOB, "x");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(store.raised).isEmpty();
    }

    @Test
    void post_withAnExpiredFormIsRefusedWith410() {
        String formToken = formToken(endpoint.get(approveToken, ALICE));
        clock.advance(FormTokens.DEFAULT_LIFETIME.plusSeconds(1));

        Response refused = endpoint.post(approveToken, form(formToken, "approve", null), ALICE, "x");

        assertThat(refused.status()).isEqualTo(410);
        assertThat(store.raised).isEmpty();
    }

    @Test
    void post_rejectWithoutReasonShowsTheFormAgainWith400() {
        String formToken = formToken(endpoint.get(rejectToken, ALICE));

        Response again = endpoint.post(rejectToken, form(formToken, "reject", "  "), ALICE, "x");

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body()).contains("reason is required").contains("<form");
        assertThat(store.raised).isEmpty();
    }

    @Test
    void post_rejectWithReasonIsRaised() {
        String formToken = formToken(endpoint.get(rejectToken, BOB));

        Response outcome = endpoint.post(rejectToken, form(formToken, "reject", "staging shows errors"), BOB, "x");

        assertThat(outcome.status()).isEqualTo(200);
        assertThat(outcome.body()).contains("Rejection recorded");
        assertThat(((DecisionEvent) store.raised.get(0).payload()).reason()).isEqualTo("staging shows errors");
    }

    @Test
    void get_forSomeoneWhoIsNotAnApproverShowsFactsWithoutForm() {
        Response page = endpoint.get(approveToken, new Principal("carol@contoso.com", List.of()));

        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body()).contains("not an approver").contains(DIGEST).doesNotContain("<form");
    }

    @Test
    void get_throughAnApproverGroupShowsTheForm() {
        Response page = endpoint.get(approveToken,
                new Principal("carol@contoso.com", List.of("0F0F0F0F-0000-4000-8000-000000000001")));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<form");
    }

    @Test
    void get_forThePusherOffersOnlyReject() {
        Response page = endpoint.get(rejectToken, MALLORY);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("You pushed this image").contains(">Reject</button>")
                .doesNotContain(">Approve</button>");
    }

    @Test
    void post_approvalByThePusherIsRefusedWith403() {
        String formToken = formToken(endpoint.get(approveToken, MALLORY));

        Response refused = endpoint.post(approveToken, form(formToken, "approve", null), MALLORY, "x");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("pushed this image and cannot approve it");
        assertThat(store.raised).isEmpty();
    }

    @Test
    void post_byAnApproverAfterARejectionIsRefusedAsClosed() {
        String formToken = formToken(endpoint.get(approveToken, ALICE));
        store.with(Fixtures.awaiting(List.of(new DecisionEntry("bob@contoso.com", Decision.REJECT, "no", "t"))));

        Response refused = endpoint.post(approveToken, form(formToken, "approve", null), ALICE, "x");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(store.raised).isEmpty();
        assertThat(audit.records).singleElement().satisfies(r -> assertThat(r.kind()).isEqualTo(AuditKind.DECISION_REFUSED));
    }

    @Test
    void get_offersNoFormOnceTheRequestIsClosedEvenWhileThePhaseStillWaits() {
        store.with(Fixtures.awaiting(List.of(new DecisionEntry("bob@contoso.com", Decision.REJECT, "no", "t"))));

        Response page = endpoint.get(approveToken, ALICE);

        assertThat(page.status()).isEqualTo(409);
        assertThat(page.body()).doesNotContain("form_token").contains("already rejected");
        assertThat(store.raised).isEmpty();
    }

    @Test
    void get_withoutSignedInPersonIs403() {
        assertThat(endpoint.get(approveToken, Map.of()).status()).isEqualTo(403);
    }

    @Test
    void get_usesThePlatformPrincipalHeader() {
        String json = "{\"auth_typ\":\"aad\",\"claims\":[{\"typ\":\"name\",\"val\":\"Alice Example\"},"
                + "{\"typ\":\"preferred_username\",\"val\":\"alice@contoso.com\"}],\"name_typ\":\"name\",\"role_typ\":\"roles\"}";
        Map<String, String> headers = Map.of("x-ms-client-principal",
                Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));

        Response page = endpoint.get(approveToken, headers);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Signed in as <strong id=\"principal\">alice@contoso.com</strong>");
    }

    @Test
    void developmentIdentity_cannotBeReplacedByPrincipalHeadersAClientSends() {
        ApprovalEndpoint local = new ApprovalEndpoint(links, store, audit, clock, Optional.of(BOB));
        String forged = java.util.Base64.getEncoder().encodeToString(
                "{\"claims\":[{\"typ\":\"preferred_username\",\"val\":\"alice@contoso.com\"}]}".getBytes());

        assertThat(local.principal(Map.of())).contains(BOB);
        assertThat(local.principal(Map.of(Principal.PRINCIPAL_NAME_HEADER, "alice@contoso.com"))).contains(BOB);
        assertThat(local.principal(Map.of(Principal.PRINCIPAL_HEADER, forged))).contains(BOB);
        assertThat(local.principal(Map.of(Principal.PRINCIPAL_HEADER, "garbage!"))).contains(BOB);
    }

    @Test
    void post_ofTheOtherDecisionThroughASignedLinksPageIsRefused() {
        String formToken = formToken(endpoint.get(rejectToken, ALICE));

        Response refused = endpoint.post(rejectToken, form(formToken, "approve", null), ALICE, "x");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("signed for reject");
        assertThat(store.raised).isEmpty();
    }

    @Test
    void get_offersOnlyTheDecisionTheLinkWasSignedFor() {
        assertThat(endpoint.get(rejectToken, ALICE).body()).contains("id=\"reject\"").doesNotContain("id=\"approve\"");
        assertThat(endpoint.get(approveToken, ALICE).body()).contains("id=\"approve\"").doesNotContain("id=\"reject\"");
    }

    @Test
    void post_ofAFormAlreadySentIsRefusedEvenBeforeTheDecisionShowsAnywhere() {
        io.acapromoter.ports.AuditLog notYetWritten = new io.acapromoter.ports.AuditLog() {
            @Override
            public void append(AuditRecord record) {
                // the decision has not landed anywhere yet
            }

            @Override
            public List<AuditRecord> history(String promotionId) {
                return List.of();
            }
        };
        ApprovalEndpoint forgetful = new ApprovalEndpoint(links, store, notYetWritten, clock, Optional.empty());
        String formToken = formToken(forgetful.get(approveToken, ALICE));
        forgetful.post(approveToken, form(formToken, "approve", null), ALICE, "x");

        Response replay = forgetful.post(approveToken, form(formToken, "approve", null), ALICE, "x");

        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.body()).contains("already sent");
        assertThat(store.raised).hasSize(1);
    }

    @Test
    void refusals_haveTheRightStatusAndAReadablePage() {
        String expired = links.token(INSTANCE, Decision.APPROVE, DIGEST, NOW.minusSeconds(1));
        String unknown = links.token("web-sha256-" + "99".repeat(32), Decision.APPROVE, "sha256:" + "99".repeat(32),
                NOW.plus(Duration.ofDays(1)));
        String otherDigest = links.token(INSTANCE, Decision.APPROVE, "sha256:" + "77".repeat(32), NOW.plus(Duration.ofDays(1)));
        String tampered = ApprovalLinksTest.withLine(approveToken, 3, s -> "reject");

        assertThat(endpoint.get("garbage", ALICE).status()).isEqualTo(400);
        assertThat(endpoint.get(tampered, ALICE).status()).isEqualTo(403);
        assertThat(endpoint.get(expired, ALICE).status()).isEqualTo(410);
        assertThat(endpoint.get(unknown, ALICE).status()).isEqualTo(404);
        assertThat(endpoint.get(otherDigest, ALICE).status()).isEqualTo(409);
        assertThat(endpoint.get(expired, ALICE).body()).contains("expired").contains("<title>");
        assertThat(endpoint.post(tampered, Map.of(), ALICE, "x").status()).isEqualTo(403);
        assertThat(store.raised).isEmpty();
    }

    @Test
    void get_ofAFinishedPromotionSaysHowItEndedWith410() {
        PromotionStatus done = Fixtures.withPhase(Fixtures.awaiting(List.of()), Phase.EXPIRED, "nobody decided by the deadline");
        store.with(done);

        Response page = endpoint.get(approveToken, ALICE);

        assertThat(page.status()).isEqualTo(410);
        assertThat(page.body()).contains("expired").contains("nobody decided by the deadline").doesNotContain("<form");
    }

    @Test
    void get_ofAPromotionStillInSmokeTestsIs409() {
        store.with(Fixtures.withPhase(Fixtures.awaiting(List.of()), Phase.SMOKE_TESTING, "probing staging"));

        Response page = endpoint.get(approveToken, ALICE);

        assertThat(page.status()).isEqualTo(409);
        assertThat(page.body()).contains("not waiting for approval yet");
    }
}
