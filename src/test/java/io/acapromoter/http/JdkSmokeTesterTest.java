package io.acapromoter.http;

import com.sun.net.httpserver.HttpServer;
import io.acapromoter.domain.ProbeResult;
import io.acapromoter.domain.SmokeProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class JdkSmokeTesterTest {

    HttpServer server;
    String base;
    final AtomicInteger flakyCalls = new AtomicInteger();
    final List<Duration> sleeps = new ArrayList<>();
    final JdkSmokeTester tester = new JdkSmokeTester(HttpClient.newHttpClient(), Duration.ofMillis(100), sleeps::add);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        route("/health", 200, "{\"status\":\"ok\",\"version\":{\"digest\":\"sha256:abc\"}}");
        route("/broken", 500, "boom");
        server.createContext("/flaky", ex -> {
            int n = flakyCalls.incrementAndGet();
            byte[] body = (n < 3 ? "warming up" : "ready").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(n < 3 ? 503 : 200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/slow", ex -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void route(String path, int status, String body) {
        server.createContext(path, ex -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static SmokeProbe probe(String path, int retries) {
        return new SmokeProbe(path.substring(1), "GET", path, 200, Optional.empty(), Optional.empty(), Optional.empty(),
                Duration.ofSeconds(5), retries);
    }

    @Test
    void run_passesAProbeThatAnswersAsExpectedAndCallsOnlyTheBaseUrl() {
        SmokeProbe json = new SmokeProbe("json", "GET", "/health", 200, Optional.of("ok"), Optional.of("/version/digest"),
                Optional.of("sha256:abc"), Duration.ofSeconds(5), 0);

        ProbeResult result = tester.run(base + "/", List.of(json)).get(0);

        assertThat(result.passed()).isTrue();
        assertThat(result.url()).isEqualTo(base + "/health");
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.attempts()).isEqualTo(1);
    }

    @Test
    void run_reportsTheReasonOfEachKindOfFailure() {
        SmokeProbe wrongStatus = probe("/broken", 0);
        SmokeProbe wrongBody = new SmokeProbe("body", "GET", "/health", 200, Optional.of("healthy"), Optional.empty(),
                Optional.empty(), Duration.ofSeconds(5), 0);
        SmokeProbe wrongJson = new SmokeProbe("json", "GET", "/health", 200, Optional.empty(), Optional.of("/status"),
                Optional.of("degraded"), Duration.ofSeconds(5), 0);
        SmokeProbe missingJson = new SmokeProbe("missing", "GET", "/health", 200, Optional.empty(), Optional.of("/nope"),
                Optional.empty(), Duration.ofSeconds(5), 0);
        SmokeProbe tooSlow = new SmokeProbe("slow", "GET", "/slow", 200, Optional.empty(), Optional.empty(),
                Optional.empty(), Duration.ofMillis(50), 0);

        List<ProbeResult> results = tester.run(base, List.of(wrongStatus, wrongBody, wrongJson, missingJson, tooSlow));

        assertThat(results).extracting(r -> r.failure().orElse("")).containsExactly(
                "expected status 200, got 500",
                "body does not contain 'healthy'",
                "JSON /status is 'ok', expected 'degraded'",
                "JSON has no /nope",
                results.get(4).failure().orElseThrow());
        assertThat(results.get(4).failure().orElseThrow()).contains("budget 50 ms");
        assertThat(results).noneMatch(ProbeResult::passed);
    }

    @Test
    void run_retriesWithBackoffUntilTheProbePasses() {
        ProbeResult result = tester.run(base, List.of(probe("/flaky", 3))).get(0);

        assertThat(result.passed()).isTrue();
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void run_givesUpAfterTheRetriesAndSaysWhy() {
        server.stop(0);

        ProbeResult result = tester.run(base, List.of(probe("/health", 1))).get(0);

        assertThat(result.passed()).isFalse();
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(result.status()).isZero();
        assertThat(result.failure()).hasValueSatisfying(f -> assertThat(f).startsWith("connection failed"));
    }
}
