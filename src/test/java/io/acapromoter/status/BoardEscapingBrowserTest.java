package io.acapromoter.status;

import com.sun.net.httpserver.HttpServer;
import io.acapromoter.approval.Response;
import io.acapromoter.browser.HeadlessChromium;
import io.acapromoter.domain.Phase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Hostile names, tags and details on the board, as Chromium renders them: shown as text, never as markup. */
class BoardEscapingBrowserTest {

    static final String TAG = "<img src=x onerror=document.title='owned'>";
    static final String DETAIL = "</p><script>document.title='owned'</script><b id=injected>bold</b>";

    static HeadlessChromium chromium;
    static HttpServer server;

    @BeforeAll
    static void serve() throws IOException {
        chromium = HeadlessChromium.start(1200, 1600);
        TargetBoard.Candidate hostile = new TargetBoard.Candidate("web-sha256-1\"><b id=attr>", "contoso.azurecr.io/web@sha256:"
                + "ab".repeat(32), TAG, Phase.SMOKE_TESTING, Step.SMOKE, "2026-11-23T10:00:00Z", 65, DETAIL, null, null,
                List.of(DETAIL), List.of("CVE-2026-0001" + TAG));
        TargetBoard.Candidate waiting = new TargetBoard.Candidate("web-sha256-2", "contoso.azurecr.io/web@sha256:" + "cd".repeat(32),
                "v2", Phase.AWAITING_APPROVAL, Step.ROLLOUT, "2026-11-23T10:00:00Z", 5, DETAIL, null, null, List.of(), List.of(),
                "waiting: target web is frozen by " + TAG + DETAIL);
        TargetBoard target = new TargetBoard("web", "app", "canary", BoardPageTest.production(), List.of(hostile, waiting), List.of(),
                List.of(), List.of(), List.of(new TargetBoard.Notice("warning\" id=\"notice", DETAIL),
                new TargetBoard.Notice("frozen", "frozen by " + TAG + " since 2026-11-23T09:00:00Z: " + DETAIL)),
                List.of(new TargetBoard.OperatorAction("2026-11-23T09:00:00Z", TAG, "operator.freeze", DETAIL, DETAIL)));
        Response page = StatusEndpoint.answer(200, "text/html; charset=utf-8",
                BoardPage.standard().board(new Board("2026-11-23T10:01:05Z", List.of(target))));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/board", exchange -> {
            byte[] body = page.body().getBytes(StandardCharsets.UTF_8);
            page.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.stop(0);
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void hostileValuesAreShownAsText_andNothingOfThemRunsOrBecomesAnElement() {
        WebDriver browser = chromium.browser();
        browser.get("http://127.0.0.1:" + server.getAddress().getPort() + "/api/board");

        assertThat(browser.getTitle()).isEqualTo("Board — ACA Promoter");
        assertThat(browser.findElements(By.cssSelector("img, script, #injected, #attr, #notice"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("[data-candidate]")).getText()).contains("(tag " + TAG + ")");
        assertThat(browser.findElement(By.cssSelector("[data-detail]")).getText()).isEqualTo(DETAIL);
        assertThat(browser.findElement(By.cssSelector("[data-step-bar] li[data-state='current']")).getText()).isEqualTo("smoke");
        assertThat(browser.findElement(By.cssSelector("[data-in-step]")).getText()).isEqualTo("1 min 5 s");
        assertThat(browser.findElement(By.cssSelector("[data-waiting]")).getText())
                .isEqualTo("Approved; waiting: target web is frozen by " + TAG + DETAIL);
        assertThat(browser.findElement(By.cssSelector("[data-notice='frozen']")).getText())
                .isEqualTo("frozen by " + TAG + " since 2026-11-23T09:00:00Z: " + DETAIL);
        assertThat(browser.findElement(By.cssSelector("[data-actions-done] tr[data-action]")).getText())
                .contains(TAG).contains("operator.freeze").contains(DETAIL);
        assertThat(browser.findElement(By.cssSelector("a[data-actions]")).getAttribute("href")).endsWith("/api/targets/web/actions");
    }
}
