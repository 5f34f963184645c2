package io.acapromoter.local;

import io.acapromoter.browser.HeadlessChromium;
import io.acapromoter.domain.Phase;
import io.acapromoter.local.server.LocalServer;
import io.acapromoter.local.sim.ImageBehavior;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The board in headless Chromium while real promotions run in the local runtime (manual clock): each
 * state is reached by the pipeline itself, then the page is read as a person sees it. Every state is
 * saved as a screenshot under {@code target/board/}.
 */
class BoardBrowserTest {

    static final Duration LONG = Duration.ofMinutes(30);
    static final Path SHOTS = Path.of("target/board");

    static HeadlessChromium chromium;
    static WebDriver browser;
    LocalFlow flow;
    LocalServer server;
    String base;
    String board;

    @BeforeAll
    static void startBrowser() throws IOException {
        chromium = HeadlessChromium.start(1200, 2400);
        browser = chromium.browser();
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void startRuntime() throws IOException {
        serve(new LocalFlow());
    }

    void serve(LocalFlow started) throws IOException {
        flow = started;
        server = LocalHttp.server(0, flow.rt.intake(), flow.rt.findingIntake(), flow.rt.orchestrations(), flow.rt.approvals(),
                flow.rt.operators(), flow.rt.board(), flow.rt.status());
        server.start();
        base = "http://localhost:" + server.port();
        board = base + "/api/board";
    }

    @AfterEach
    void stopRuntime() {
        server.close();
        flow.assertDeterministic();
        flow.close();
    }

    WebElement target(String name) {
        return browser.findElement(By.cssSelector("section[data-target='" + name + "']"));
    }

    /** The step bar of the target's first candidate: each step's state, in order. */
    List<String> stepBar(String name) {
        return target(name).findElements(By.cssSelector("[data-step-bar] li")).stream()
                .map(li -> li.getText() + "=" + li.getAttribute("data-state")).toList();
    }

    void open(String state) {
        browser.get(board);
        assertThat(browser.getTitle()).isEqualTo("Board — ACA Promoter");
        chromium.screenshot(SHOTS.resolve(state + ".png"));
    }

    @Test
    void theBoardFollowsPromotionsFromEmpty_throughStagingApprovalAndACanaryAt50_toSucceeded() {
        open("empty");
        assertThat(browser.findElements(By.cssSelector("section[data-target]"))).extracting(e -> e.getAttribute("data-target"))
                .containsExactly("shop-web", "shop-api", "shop-checkout", "shop-worker", "nightly-report");
        assertThat(target("shop-web").findElement(By.cssSelector("[data-none='candidates']")).getText()).isEqualTo("Nothing in flight.");
        assertThat(target("shop-api").findElement(By.cssSelector("[data-fact='image']")).getText()).contains("/shop/api@sha256:");
        assertThat(target("shop-worker").findElement(By.cssSelector("[data-notice='warning']")).getText())
                .startsWith("single-revision worker");

        String web = flow.push("shop-web");
        flow.advanceUntilPhase(web, Phase.STAGING, LONG);
        open("staging");
        assertThat(stepBar("shop-web")).containsExactly("verify=done", "staging=current", "smoke=todo", "approval=todo",
                "rollout=todo", "monitor=todo");
        assertThat(target("shop-web").findElement(By.cssSelector("[data-phase]")).getText()).isEqualTo("STAGING");

        flow.advanceUntilPhase(web, Phase.AWAITING_APPROVAL, LONG);
        open("awaiting-approval");
        assertThat(stepBar("shop-web")).containsExactly("verify=done", "staging=done", "smoke=done", "approval=current",
                "rollout=todo", "monitor=todo");
        assertThat(target("shop-web").findElement(By.cssSelector("[data-deadline]")).getText())
                .isEqualTo(flow.status(web).deadline());

        target("shop-web").findElement(By.cssSelector("[data-candidate] a")).click();
        assertThat(browser.getTitle()).isEqualTo("shop-web AWAITING_APPROVAL — ACA Promoter");
        assertThat(browser.findElement(By.cssSelector("[data-timeline]")).getText()).contains("SMOKE_TESTING").contains("so far");
        assertThat(browser.findElement(By.cssSelector("[data-changes]")).getText()).contains("deploy staging");
        chromium.screenshot(SHOTS.resolve("promotion-awaiting-approval.png"));
        String approve = browser.findElement(By.cssSelector("[data-approval-links] a[data-approve]")).getAttribute("href");
        assertThat(approve).startsWith("http://localhost:7071/api/approvals/");
        browser.get(base + java.net.URI.create(approve).getRawPath());
        assertThat(browser.getTitle()).isEqualTo("Approval: shop-web");

        String api = flow.push("shop-api");
        flow.advanceUntilPhase(api, Phase.AWAITING_APPROVAL, LONG);
        flow.approve(api, "alice@example.com");
        flow.advanceUntil(f -> f.status(api).detail().contains("takes 50%"), Duration.ofSeconds(1), LONG, () -> "canary at 50%");
        open("canary-50");
        assertThat(stepBar("shop-api")).contains("approval=done", "rollout=current", "monitor=todo");
        WebElement canary = target("shop-api").findElement(By.cssSelector("[data-canary]"));
        assertThat(canary.getAttribute("value")).isEqualTo("50");
        assertThat(target("shop-api").findElement(By.cssSelector("[data-traffic]")).getText()).contains("50%");

        flow.advanceUntilFinished(api, LONG);
        open("succeeded");
        String released = flow.status(api).image();
        assertThat(target("shop-api").findElement(By.cssSelector("[data-fact='image']")).getText()).isEqualTo(released);
        assertThat(target("shop-api").findElement(By.cssSelector("[data-fact='promotion']")).getText()).isEqualTo(api);
        assertThat(target("shop-api").findElement(By.cssSelector("[data-outcome='SUCCEEDED']")).isDisplayed()).isTrue();
        assertThat(target("shop-api").findElement(By.cssSelector("[data-history] tr[data-run='" + api + "']")).getText())
                .contains("alice@example.com").contains("SUCCEEDED").contains("now");
    }

    @Test
    void aRolledBackPromotionIsNamedOnTheBoard_andItsRunEndsInTheHistory() {
        String web = flow.push("shop-web");
        flow.advanceUntilPhase(web, Phase.AWAITING_APPROVAL, LONG);
        flow.approve(web, "alice@example.com");
        flow.advanceUntilPhase(web, Phase.MONITORING, LONG);
        flow.rt.sim().setImageBehavior(flow.candidateDigest("shop-web"), ImageBehavior.brokenHttp());
        flow.advanceUntilFinished(web, LONG);

        open("rolled-back");
        WebElement card = target("shop-web");
        assertThat(card.findElement(By.cssSelector("[data-notice='rolled-back']")).getText())
                .startsWith("the last promotion (" + flow.status(web).image() + ") was rolled back at");
        assertThat(card.findElement(By.cssSelector("[data-outcome='ROLLED_BACK']")).isDisplayed()).isTrue();
        assertThat(card.findElement(By.cssSelector("[data-none='candidates']")).getText()).isEqualTo("Nothing in flight.");
        String row = card.findElement(By.cssSelector("[data-history] tr[data-run='" + web + "']")).getText();
        assertThat(row).contains("ROLLED_BACK").doesNotContain("now");
        assertThat(card.findElement(By.cssSelector("[data-fact='image']")).getText()).isNotEqualTo(flow.status(web).image());

        card.findElement(By.cssSelector("[data-outcome='ROLLED_BACK'] a")).click();
        assertThat(browser.findElement(By.cssSelector("[data-phase]")).getText()).isEqualTo("ROLLED_BACK");
        assertThat(browser.findElement(By.cssSelector("[data-changes]")).getText()).contains("deploy staging")
                .contains("roll out (100%)").contains("roll back");
        assertThat(browser.findElement(By.cssSelector("[data-decisions]")).getText()).contains("alice@example.com").contains("approve");
        assertThat(browser.findElements(By.cssSelector("[data-approval-links]"))).isEmpty();
        chromium.screenshot(SHOTS.resolve("promotion-rolled-back.png"));
    }

    /** Opens the board, follows the target's "operator actions" link and submits {@code action} with {@code reason}. */
    void actFromTheBoard(String target, String action, String reason) {
        browser.get(board);
        target(target).findElement(By.cssSelector("a[data-actions]")).click();
        assertThat(browser.getTitle()).isEqualTo("Operator actions: " + target);
        browser.findElement(By.id("reason-" + action)).sendKeys(reason);
        browser.findElement(By.id("submit-" + action)).click();
        // A click on submit does not wait for the answer's page: wait for its outcome (or a refusal).
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> !d.findElements(By.cssSelector("#outcome, #problem")).isEmpty());
        assertThat(browser.findElements(By.id("outcome"))).as(browser.getPageSource()).extracting(WebElement::getText)
                .containsExactly("Done: " + action);
        assertThat(browser.findElement(By.cssSelector("a[data-board]")).getAttribute("href"))
                .isEqualTo(base + "/api/targets/" + target + "?format=html");
        flow.rt.driver().runUntilIdle();
    }

    @Test
    void aFrozenTargetSaysWhoFrozeItWhenAndWhy_andItsApprovedPromotionWaits_untilItIsUnfrozen() {
        String before = flow.rt.world().productionImages().get("shop-web");
        String web = flow.push("shop-web");
        flow.advanceUntilPhase(web, Phase.AWAITING_APPROVAL, LONG);
        actFromTheBoard("shop-web", "freeze", "incident 42: payments degraded");
        flow.approve(web, "bob@example.com");
        flow.rt.driver().advance(Duration.ofMinutes(20));

        open("frozen");
        WebElement card = target("shop-web");
        assertThat(card.findElement(By.cssSelector("[data-notice='frozen']")).getText())
                .startsWith("frozen by alice@example.com since 2026-11-23T")
                .contains(": incident 42: payments degraded; approved promotions wait, nothing new reaches production");
        assertThat(card.findElement(By.cssSelector("[data-waiting]")).getText())
                .startsWith("Approved; waiting: target shop-web is frozen by alice@example.com");
        assertThat(stepBar("shop-web")).containsExactly("verify=done", "staging=done", "smoke=done", "approval=done",
                "rollout=waiting", "monitor=todo");
        assertThat(card.findElement(By.cssSelector("[data-in-step]")).getText()).isEqualTo("20 min 0 s");
        assertThat(card.findElement(By.cssSelector("[data-phase]")).getText()).isEqualTo("APPROVED, WAITING");
        assertThat(card.findElements(By.cssSelector("[data-deadline]"))).isEmpty();
        assertThat(card.findElement(By.cssSelector("[data-fact='image']")).getText()).isEqualTo(before);
        assertThat(target("shop-api").findElements(By.cssSelector("[data-notice='frozen']"))).as("only shop-web is frozen").isEmpty();

        actFromTheBoard("shop-web", "unfreeze", "incident 42 resolved");
        flow.advanceUntilFinished(web, LONG);
        open("unfrozen-succeeded");
        card = target("shop-web");
        assertThat(card.findElements(By.cssSelector("[data-notice='frozen']"))).isEmpty();
        assertThat(card.findElement(By.cssSelector("[data-fact='image']")).getText()).isEqualTo(flow.status(web).image());
        assertThat(card.findElement(By.cssSelector("[data-fact='promotion']")).getText()).isEqualTo(web);
        assertThat(card.findElements(By.cssSelector("[data-actions-done] tr[data-action]"))).extracting(WebElement::getText)
                .satisfiesExactly(
                        unfreeze -> assertThat(unfreeze).contains("alice@example.com operator.unfreeze").endsWith("incident 42 resolved"),
                        freeze -> assertThat(freeze).contains("alice@example.com operator.freeze").endsWith("incident 42: payments degraded"));
    }

    @Test
    void aRolloutWindowHoldsAnApprovedPromotion_theBoardSaysUntilWhen_andItRollsOutWhenTheWindowOpens() throws IOException {
        stopRuntime();
        // The driver's clock starts on Monday 2026-11-23 10:00 UTC; the window opens at 14:00 Berlin (13:00 UTC).
        serve(new LocalFlow(DemoWorld.demoConfig().replace("\ntargets:", """

                rolloutWindows:
                  timeZone: Europe/Berlin
                  windows:
                    - days: [Mon]
                      hours: "14:00-16:00"

                targets:""")));
        String web = flow.push("shop-web");
        flow.advanceUntilPhase(web, Phase.AWAITING_APPROVAL, LONG);
        flow.approve(web, "bob@example.com");
        flow.rt.driver().runUntilIdle();

        open("waiting-for-window");
        WebElement card = target("shop-web");
        assertThat(card.findElement(By.cssSelector("[data-notice='windows']")).getText())
                .isEqualTo("rollouts start only inside the rollout windows (MON 14:00-16:00 (Europe/Berlin)): closed now, "
                        + "the next one opens at 2026-11-23T13:00:00Z");
        assertThat(card.findElement(By.cssSelector("[data-waiting]")).getText())
                .isEqualTo("Approved; waiting for the rollout window until 2026-11-23T13:00:00Z (MON 14:00-16:00 (Europe/Berlin))");
        assertThat(stepBar("shop-web")).contains("approval=done", "rollout=waiting", "monitor=todo");

        flow.advanceUntilFinished(web, Duration.ofHours(4));
        open("window-opened-succeeded");
        card = target("shop-web");
        assertThat(card.findElement(By.cssSelector("[data-notice='windows']")).getText()).endsWith(": open now");
        assertThat(card.findElement(By.cssSelector("[data-outcome='SUCCEEDED']")).isDisplayed()).isTrue();
        assertThat(card.findElement(By.cssSelector("[data-fact='promotion']")).getText()).isEqualTo(web);
        assertThat(card.findElement(By.cssSelector("[data-fact='since']")).getText()).startsWith("2026-11-23T13:");
    }
}
