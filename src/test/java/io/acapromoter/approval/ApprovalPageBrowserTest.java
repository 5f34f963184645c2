package io.acapromoter.approval;

import io.acapromoter.browser.HeadlessChromium;
import io.acapromoter.domain.Decision;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.acapromoter.orchestration.DecisionEvent;
import io.acapromoter.orchestration.Names;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The confirmation page in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}
 * packages): open the link, read the facts, click Approve, see the outcome and the raised event.
 */
class ApprovalPageBrowserTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    static HeadlessChromium chromium;
    static WebDriver browser;
    HttpServer server;
    final MutableClock clock = new MutableClock(NOW);
    final ApprovalLinks links = new ApprovalLinks(SigningKeys.of(ApprovalLinksTest.KEY), "http://127.0.0.1", clock);
    final Fixtures.Store store = new Fixtures.Store().with(Fixtures.awaiting(List.of()));
    final Fixtures.MemoryAudit audit = new Fixtures.MemoryAudit();
    String base;

    @BeforeAll
    static void startDriver() throws IOException {
        chromium = HeadlessChromium.start(1280, 1000);
        browser = chromium.browser();
    }

    @AfterAll
    static void stopDriver() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void serveAndOpenBrowser() throws IOException {
        ApprovalEndpoint endpoint = new ApprovalEndpoint(links, store, audit, clock,
                Optional.of(new Principal("alice@contoso.com", List.of())));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(ApprovalLinks.ROUTE, exchange -> {
            String token = exchange.getRequestURI().getPath().substring(ApprovalLinks.ROUTE.length());
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
            Response response = "POST".equals(exchange.getRequestMethod())
                    ? endpoint.post(token, FormBody.parse(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8)), headers, exchange.getRemoteAddress().getAddress().getHostAddress())
                    : endpoint.get(token, headers);
            send(exchange, response);
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    static void send(HttpExchange exchange, Response response) throws IOException {
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(response.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    String link(Decision decision) {
        return base + ApprovalLinks.ROUTE + links.token(Fixtures.INSTANCE, decision, Fixtures.DIGEST, NOW.plus(Duration.ofDays(1)));
    }

    /** Waits for an element of the page a click or navigation leads to (page loads are asynchronous to clicks). */
    static WebElement await(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(by));
    }

    String fact(String key) {
        return browser.findElement(By.cssSelector("[data-fact='" + key + "']")).getText();
    }

    @Test
    void openingTheLinkShowsTheFactsAndDecidesNothing() {
        browser.get(link(Decision.APPROVE));

        assertThat(browser.getTitle()).isEqualTo("Approval: web");
        assertThat(fact("digest")).isEqualTo(Fixtures.DIGEST);
        assertThat(fact("image")).isEqualTo("contoso.azurecr.io/shop/web:1.4.2");
        assertThat(fact("staging")).isEqualTo("https://web---staging.happyhill.westeurope.azurecontainerapps.io");
        assertThat(fact("smoke")).isEqualTo("2 of 2 passed");
        assertThat(fact("fixes")).isEqualTo("CVE-2026-1234, CVE-2026-5678");
        assertThat(browser.findElement(By.id("warnings")).getText()).contains("two revisions may consume messages");
        assertThat(browser.findElement(By.id("principal")).getText()).isEqualTo("alice@contoso.com");
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();
        // The stylesheet is allowed by its CSP hash: large touch targets are applied.
        assertThat(browser.findElement(By.id("approve")).getCssValue("min-height")).isEqualTo("48px");
        assertThat(store.raised).isEmpty();
        assertThat(audit.records).isEmpty();
    }

    @Test
    void clickingApproveRecordsTheDecisionAndShowsTheOutcome() {
        browser.get(link(Decision.APPROVE));

        browser.findElement(By.id("approve")).click();

        assertThat(await(By.id("outcome")).getText()).isEqualTo("Approval recorded");
        assertThat(browser.findElement(By.id("outcome-detail")).getText()).contains("1 of 2");
        assertThat(store.raised).singleElement().satisfies(r -> {
            assertThat(r.eventName()).isEqualTo(Names.APPROVAL_DECISION_EVENT);
            DecisionEvent event = (DecisionEvent) r.payload();
            assertThat(event.approver()).isEqualTo("alice@contoso.com");
            assertThat(event.decision()).isEqualTo(Decision.APPROVE);
            assertThat(event.digest()).isEqualTo(Fixtures.DIGEST);
            assertThat(event.source()).isEqualTo("127.0.0.1");
        });
    }

    @Test
    void rejectingWithoutAReasonAsksForOneThenRejects() {
        browser.get(link(Decision.REJECT));

        browser.findElement(By.id("reject")).click();

        assertThat(await(By.id("problem")).getText()).contains("reason is required");
        assertThat(store.raised).isEmpty();

        browser.findElement(By.id("reason")).sendKeys("staging returns <500> errors");
        browser.findElement(By.id("reject")).click();

        assertThat(await(By.id("outcome")).getText()).isEqualTo("Rejection recorded");
        assertThat(((DecisionEvent) store.raised.get(0).payload()).reason()).isEqualTo("staging returns <500> errors");
    }

    @Test
    void goingBackAfterDecidingShowsThatTheApproverAlreadyDecided() {
        browser.get(link(Decision.APPROVE));
        browser.findElement(By.id("approve")).click();
        await(By.id("outcome"));

        browser.navigate().back();

        assertThat(await(By.id("problem")).getText()).contains("already decided");
        assertThat(browser.findElements(By.id("approve"))).isEmpty();
        assertThat(store.raised).hasSize(1);
    }
}
