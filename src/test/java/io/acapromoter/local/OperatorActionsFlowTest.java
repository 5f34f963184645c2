package io.acapromoter.local;

import io.acapromoter.approval.OperatorEndpoint;
import io.acapromoter.approval.Principal;
import io.acapromoter.approval.Response;
import io.acapromoter.domain.Phase;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.local.server.LocalServer;
import io.acapromoter.logging.CapturedLog;
import io.acapromoter.local.sim.ContainerAppState;
import io.acapromoter.local.sim.ImageBehavior;
import io.acapromoter.local.sim.PushedImage;
import io.acapromoter.operations.TargetFreeze;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acapromoter.ports.AuditKind;
import io.acapromoter.ports.ProductionRecord;
import io.acapromoter.ports.AuditRecord;
import io.acapromoter.ports.InstanceView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operators' actions on the demo's blue-green app ({@code shop-web}) through the actions page and its
 * forms, the in-memory Durable driver and the simulator: freeze, rollout windows on the driver's
 * clock, roll back now, cancel, re-run smoke tests, and every way a request without a valid form is refused.
 */
class OperatorActionsFlowTest {

    static final Duration LONG = Duration.ofMinutes(30);
    static final Principal ALICE = new Principal("alice@example.com", List.of());
    static final String TARGET = "shop-web";

    LocalFlow flow = new LocalFlow();
    String before = flow.rt.world().productionImages().get(TARGET);

    @AfterEach
    void checkAndClose() {
        try {
            flow.assertDeterministic();
            assertThat(web().trafficByRevision().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(100);
        } finally {
            flow.close();
        }
    }

    ContainerAppState web() {
        return flow.rt.sim().containerApp(DemoWorld.RESOURCE_GROUP, TARGET);
    }

    /** The hidden fields (form token and nonce) of one form on the actions page, as the operator's browser sees them. */
    static Map<String, String> hidden(Response page, String action, String promotion) {
        String id = "form-" + action + (promotion == null ? "" : "-" + promotion);
        Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\">\\n<input type=\"hidden\" name=\"form_token\" value=\"([^\"]+)\">\\n"
                + "<input type=\"hidden\" name=\"nonce\" value=\"([^\"]+)\">").matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("no form " + id + " on the actions page (" + page.status() + "): " + page.body());
        }
        return Map.of("form_token", m.group(1), "nonce", m.group(2));
    }

    static Map<String, String> with(Map<String, String> hidden, String... pairs) {
        Map<String, String> form = new HashMap<>(hidden);
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    /** Opens the actions page as alice, fills in the reason and submits the form of {@code action}. */
    Response act(String action, String promotion, String reason) {
        Response page = flow.rt.operators().page(TARGET, ALICE);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        Map<String, String> form = new HashMap<>(hidden(page, action, promotion));
        form.put("reason", reason);
        if (promotion != null) {
            form.put("promotion", promotion);
        }
        Response result = flow.rt.operators().post(TARGET, action, form, ALICE, "127.0.0.1");
        flow.rt.driver().runUntilIdle();
        return result;
    }

    List<AuditRecord> targetAudit() {
        return flow.rt.audit().history(TargetFreeze.partition(TARGET));
    }

    String approvedAndWaiting(String id) {
        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);
        flow.approve(id, "bob@example.com");
        return id;
    }

    @Test
    void freeze_holdsAnApprovedPromotion_andUnfreezeLetsItRollOut() {
        String id = flow.push(TARGET);
        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);
        assertThat(act("freeze", null, "incident 42: payments degraded").status()).isEqualTo(200);

        flow.approve(id, "bob@example.com");
        flow.rt.driver().advance(Duration.ofHours(2));

        PromotionStatus held = flow.status(id);
        assertThat(held.phase()).isEqualTo(Phase.AWAITING_APPROVAL);
        assertThat(held.detail()).startsWith("approved; waiting: target shop-web is frozen by alice@example.com")
                .contains("incident 42");
        assertThat(web().imagesServing()).containsOnlyKeys(before);
        assertThat(flow.rt.operators().page(TARGET, ALICE).body()).contains("id=\"frozen\"").contains("incident 42");

        assertThat(act("unfreeze", null, "incident 42 resolved").status()).isEqualTo(200);
        flow.advanceUntilFinished(id, LONG);

        PromotionStatus done = flow.status(id);
        assertThat(done.phase()).as(done.detail()).isEqualTo(Phase.SUCCEEDED);
        assertThat(web().imagesServing()).containsOnlyKeys(done.image());
        assertThat(targetAudit()).extracting(AuditRecord::kind, AuditRecord::actor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AuditKind.OPERATOR_FREEZE, "alice@example.com"),
                        org.assertj.core.groups.Tuple.tuple(AuditKind.OPERATOR_UNFREEZE, "alice@example.com"));
        assertThat(targetAudit()).allSatisfy(r -> assertThat(r.fields()).containsKeys("reason", "source"));
    }

    @Test
    void rolloutWindow_holdsAnApprovedRollout_untilItOpensOnTheDriversClock() {
        flow.close();
        // The driver's clock starts on Monday 2026-11-23 10:00 UTC; the window opens at 14:00 Berlin (13:00 UTC).
        flow = new LocalFlow(DemoWorld.demoConfig().replace("\ntargets:", """

                rolloutWindows:
                  timeZone: Europe/Berlin
                  windows:
                    - days: [Mon]
                      hours: "14:00-16:00"
                  blackoutDates: [2026-11-30]

                targets:"""));
        before = flow.rt.world().productionImages().get(TARGET);
        String id = approvedAndWaiting(flow.push(TARGET));
        flow.rt.driver().runUntilIdle();

        assertThat(flow.status(id).detail()).isEqualTo("approved; waiting for the rollout window until 2026-11-23T13:00:00Z"
                + " (MON 14:00-16:00 (Europe/Berlin), not on 2026-11-30)");
        flow.rt.driver().advance(Duration.between(flow.rt.driver().clock().instant(), Instant.parse("2026-11-23T12:59:00Z")));
        assertThat(flow.phase(id)).isEqualTo(Phase.AWAITING_APPROVAL);
        assertThat(web().imagesServing()).containsOnlyKeys(before);

        flow.advanceUntilFinished(id, LONG);

        PromotionStatus done = flow.status(id);
        assertThat(done.phase()).as(done.detail()).isEqualTo(Phase.SUCCEEDED);
        Instant rolledOut = done.timeline().stream().filter(t -> t.phase() == Phase.ROLLING_OUT).map(t -> Instant.parse(t.at()))
                .findFirst().orElseThrow();
        assertThat(rolledOut).isAfterOrEqualTo(Instant.parse("2026-11-23T13:00:00Z"));
    }

    @Test
    void rollbackNow_returnsToThePreviousDigest_neverToTheRevisionThatFailed() throws Exception {
        String first = approvedAndWaiting(flow.push(TARGET));
        flow.advanceUntilFinished(first, LONG);
        String released = flow.status(first).image();
        assertThat(flow.phase(first)).isEqualTo(Phase.SUCCEEDED);

        // A newer candidate fails in production and is rolled back by its own promotion.
        flow.rt.driver().advance(Duration.ofMinutes(1));
        PushedImage broken = flow.rt.sim().pushImage(DemoWorld.REGISTRY, "shop/web", "v1.3.0");
        flow.rt.driver().runUntilIdle();
        String failing = "shop-web-sha256-" + broken.digest().substring("sha256:".length());
        approvedAndWaiting(failing);
        flow.advanceUntilPhase(failing, Phase.MONITORING, LONG);
        flow.rt.sim().setImageBehavior(broken.digest(), ImageBehavior.brokenHttp());
        flow.advanceUntilFinished(failing, LONG);
        assertThat(flow.phase(failing)).isEqualTo(Phase.ROLLED_BACK);
        assertThat(web().imagesServing()).containsOnlyKeys(released);

        Response page = flow.rt.operators().page(TARGET, ALICE);
        assertThat(page.body()).contains("id=\"rollback-to\"").contains(before).doesNotContain("<code>" + broken.reference());
        assertThat(act("rollback", null, "v1.1.0 leaks memory").status()).isEqualTo(200);
        String rollback = flow.rt.orchestrations().list("PromotionOrchestrator", "shop-web-", 20).stream()
                .map(InstanceView::instanceId).filter(i -> i.contains("-rollback-")).findFirst().orElseThrow();
        flow.advanceUntilFinished(rollback, LONG);

        PromotionStatus done = flow.status(rollback);
        assertThat(done.phase()).as(done.detail()).isEqualTo(Phase.SUCCEEDED);
        assertThat(done.image()).isEqualTo(before);
        assertThat(web().imageForLabel("production")).contains(before);
        assertThat(web().imagesServing()).containsOnlyKeys(before);
        assertThat(targetAudit()).filteredOn(r -> r.kind() == AuditKind.OPERATOR_ROLLBACK).singleElement()
                .satisfies(r -> assertThat(r.fields()).containsEntry("image", before).containsEntry("from", released)
                        .containsEntry("promotion", rollback).containsEntry("reason", "v1.1.0 leaks memory"));
        assertThat(flow.rt.audit().history(rollback)).filteredOn(r -> r.kind() == AuditKind.DECISION).singleElement()
                .satisfies(r -> assertThat(r.actor()).isEqualTo("alice@example.com"));

        // The rollback changed production like a release does: it is the newest run in the target's history,
        // and the board says since when and by which promotion (and by whom) production runs what it runs.
        ProductionRecord run = flow.rt.audit().productions(TARGET, 10, java.util.Optional.empty()).records().get(0);
        assertThat(run.promotion()).isEqualTo(rollback);
        assertThat(run.image()).isEqualTo(before);
        assertThat(run.outcome()).isEqualTo("SUCCEEDED");
        assertThat(run.to()).isNull();
        assertThat(run.approvers()).containsExactly("alice@example.com");
        assertThat(run.previousImage()).isEqualTo(released);
        JsonNode card = new ObjectMapper().readTree(flow.rt.board().target(TARGET, Map.of("format", "json"), null).body())
                .path("targets").path(0);
        assertThat(card.path("production").path("promotion").asText()).isEqualTo(rollback);
        assertThat(card.path("production").path("since").asText()).isEqualTo(run.from());
        assertThat(card.path("history").path(0).path("promotion").asText()).isEqualTo(rollback);
        assertThat(card.path("history").findValues("to")).extracting(JsonNode::asText).contains(run.from());

        // A second "roll back now" undoes the rollback: back to what it replaced, never onto the failed v1.3.0.
        assertThat(flow.rt.operators().page(TARGET, ALICE).body()).contains("id=\"rollback-to\"")
                .contains("<code>" + released + "</code> (a new revision").doesNotContain(broken.digest());
    }

    @Test
    void rollbackNow_withNoEarlierProductionOnRecord_offersNoRollbackForm() {
        Response page = flow.rt.operators().page(TARGET, ALICE);
        assertThat(page.body()).contains("id=\"no-rollback\"").contains("no successful promotion of shop-web").doesNotContain("id=\"form-rollback\"");
        assertThat(flow.rt.orchestrations().list("PromotionOrchestrator", "shop-web-", 20)).isEmpty();
    }

    @Test
    void cancel_endsAPromotionAwaitingApproval_andCleansUpItsStaging() {
        String id = flow.push(TARGET);
        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);
        String staging = flow.status(id).stagingRevision();

        assertThat(act("cancel", id, "wrong build").status()).isEqualTo(200);
        flow.advanceUntilFinished(id, LONG);

        PromotionStatus done = flow.status(id);
        assertThat(done.phase()).isEqualTo(Phase.CANCELLED);
        assertThat(done.detail()).isEqualTo("cancelled by alice@example.com: wrong build");
        assertThat(web().labels()).doesNotContainKey("staging");
        assertThat(web().revision(staging).orElseThrow().active()).isFalse();
        assertThat(web().imagesServing()).containsOnlyKeys(before);
        assertThat(targetAudit()).extracting(AuditRecord::kind).containsExactly(AuditKind.OPERATOR_CANCEL);
        assertThat(flow.rt.audit().history(id)).extracting(AuditRecord::kind).contains(AuditKind.OUTCOME);
    }

    @Test
    void cancel_endsAnApprovedPromotionWaitingForAFreeze() {
        String id = flow.push(TARGET);
        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);
        act("freeze", null, "change freeze");
        flow.approve(id, "bob@example.com");

        assertThat(act("cancel", id, "not this one").status()).isEqualTo(200);
        flow.advanceUntilFinished(id, LONG);

        assertThat(flow.phase(id)).isEqualTo(Phase.CANCELLED);
        assertThat(web().labels()).doesNotContainKey("staging");
        assertThat(web().imagesServing()).containsOnlyKeys(before);
    }

    @Test
    void rerunSmoke_runsTheProbesAgain_andAFailureEndsThePromotion() {
        String id = flow.push(TARGET);
        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);

        assertThat(act("rerun-smoke", id, "backend was down this morning").status()).isEqualTo(200);
        assertThat(flow.phase(id)).isEqualTo(Phase.AWAITING_APPROVAL);
        assertThat(flow.status(id).detail()).startsWith("smoke tests re-run by alice@example.com: ");

        flow.rt.sim().setImageBehavior(flow.candidateDigest(TARGET), ImageBehavior.brokenHttp());
        assertThat(act("rerun-smoke", id, "again after the config change").status()).isEqualTo(200);
        flow.advanceUntilFinished(id, LONG);

        PromotionStatus done = flow.status(id);
        assertThat(done.phase()).isEqualTo(Phase.FAILED);
        assertThat(done.detail()).startsWith("smoke tests re-run by alice@example.com failed: ");
        assertThat(done.smoke()).anyMatch(p -> !p.passed());
        assertThat(web().labels()).doesNotContainKey("staging");
        assertThat(flow.rt.audit().history(id)).extracting(AuditRecord::kind).containsSubsequence(AuditKind.SMOKE_RERUN, AuditKind.SMOKE_RERUN);
        assertThat(targetAudit()).extracting(AuditRecord::kind).containsExactly(AuditKind.OPERATOR_RERUN_SMOKE, AuditKind.OPERATOR_RERUN_SMOKE);
    }

    @Test
    void requestsWithoutAValidForm_orFromSomeoneElse_changeNothing() throws Exception {
        OperatorEndpoint operators = flow.rt.operators();
        Response page = operators.page(TARGET, ALICE);
        Map<String, String> freeze = hidden(page, "freeze", null);

        // GET never acts: the local route answers 405 on an action's URL.
        Response get = LocalHttp.operatorRoute(new LocalServer.Request("GET", "shop-web/actions/freeze", Map.of(), Map.of(),
                "", "127.0.0.1"), operators);
        assertThat(get.status()).isEqualTo(405);

        assertThat(operators.post(TARGET, "freeze", Map.of("reason", "no token"), ALICE, "x").status()).isEqualTo(403);
        assertThat(operators.post(TARGET, "freeze", with(freeze, "form_token", "9999999999.k1.AAAA", "reason", "forged"), ALICE, "x")
                .status()).isEqualTo(403);
        assertThat(operators.post(TARGET, "freeze", with(freeze, "nonce", "another-form", "reason", "nonce swapped"), ALICE, "x")
                .status()).isEqualTo(403);
        assertThat(operators.post(TARGET, "rollback", with(freeze, "reason", "another action"), ALICE, "x")
                .status()).as("a freeze form cannot roll back").isEqualTo(403);
        assertThat(operators.post(TARGET, "freeze", with(freeze, "reason", "someone else's form"),
                new Principal("mallory@example.com", List.of()), "x").status()).as("not an operator").isEqualTo(403);
        assertThat(operators.page(TARGET, new Principal("bob@example.com", List.of())).status()).as("approver, not operator")
                .isEqualTo(403);
        assertThat(operators.page(TARGET, (Principal) null).status()).as("nobody signed in").isEqualTo(403);
        assertThat(operators.post(TARGET, "freeze", with(freeze, "reason", " "), ALICE, "x").status())
                .as("no reason").isEqualTo(400);
        assertThat(targetAudit()).isEmpty();

        try (CapturedLog log = new CapturedLog(OperatorEndpoint.class)) {
            assertThat(operators.post(TARGET, "freeze", with(freeze, "reason", "real"), ALICE, "x").status())
                    .isEqualTo(200);
            assertThat(operators.post(TARGET, "freeze", with(freeze, "reason", "replayed"), ALICE, "x").status())
                    .as("a form acts once").isEqualTo(409);
            assertThat(operators.post(TARGET, "freeze", with(freeze, "reason", "mine now"),
                    new Principal("mallory@example.com", List.of()), "x").status()).isEqualTo(403);

            // Ops read the function logs: each line says what, on which target, by whom, how it ended and why.
            assertThat(log.lines()).containsExactly(
                    "INFO event=operator.action target=shop-web action=operator.freeze by=alice@example.com outcome=done "
                            + "reason=\"froze shop-web: real\"",
                    "INFO event=operator.action target=shop-web action=freeze by=alice@example.com outcome=refused "
                            + "reason=\"form token used before\"",
                    "INFO event=operator.action target=shop-web by=mallory@example.com outcome=refused reason=\"not an operator\"");
        }
        assertThat(targetAudit()).extracting(AuditRecord::kind).containsExactly(AuditKind.OPERATOR_FREEZE);
    }

    @Test
    void localServer_ignoresPrincipalHeadersAClientSends() {
        Response page = flow.rt.operators().page(TARGET, Map.of("x-ms-client-principal-name", "mallory@example.com"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<strong id=\"principal\">alice@example.com</strong>");
        assertThat(page.headers()).containsKey("Content-Security-Policy").containsEntry("X-Frame-Options", "DENY");
    }
}
