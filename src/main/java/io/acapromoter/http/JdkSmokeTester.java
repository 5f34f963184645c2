package io.acapromoter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acapromoter.domain.ProbeResult;
import io.acapromoter.domain.SmokeProbe;
import io.acapromoter.ports.SmokeTester;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link SmokeTester} on the JDK HTTP client. Probes only ever call {@code baseUrl + path}
 * (paths are validated to start with '/'), retry with exponential backoff, and report status,
 * latency and the reason of the last failure. Redirects are not followed: a probe checks what
 * staging itself answers.
 */
public final class JdkSmokeTester implements SmokeTester {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_CHARS = 64 * 1024;

    private final HttpClient client;
    private final Duration firstBackoff;
    private final Sleeper sleeper;

    /** How to wait between attempts; tests pass one that does not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    public JdkSmokeTester(HttpClient client, Duration firstBackoff, Sleeper sleeper) {
        this.client = client;
        this.firstBackoff = firstBackoff;
        this.sleeper = sleeper;
    }

    public static JdkSmokeTester create() {
        return new JdkSmokeTester(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build(), Duration.ofSeconds(1), d -> Thread.sleep(d.toMillis()));
    }

    @Override
    public List<ProbeResult> run(String baseUrl, List<SmokeProbe> probes) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        List<ProbeResult> results = new ArrayList<>();
        for (SmokeProbe probe : probes) {
            results.add(runOne(base, probe));
        }
        return results;
    }

    private ProbeResult runOne(String base, SmokeProbe probe) {
        String url = base + probe.path();
        Duration backoff = firstBackoff;
        ProbeResult last = null;
        for (int attempt = 1; attempt <= probe.retries() + 1; attempt++) {
            last = attempt(url, probe, attempt);
            if (last.passed()) {
                return last;
            }
            if (attempt <= probe.retries()) {
                try {
                    sleeper.sleep(backoff);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return last;
                }
                backoff = backoff.multipliedBy(2);
            }
        }
        return last;
    }

    private ProbeResult attempt(String url, SmokeProbe probe, int attempt) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(probe.latencyBudget().plusSeconds(5))
                    .method(probe.method(), HttpRequest.BodyPublishers.noBody())
                    .header("User-Agent", "aca-promoter-smoke/1")
                    .build();
        } catch (IllegalArgumentException e) {
            return fail(probe, url, 0, 0, attempt, "invalid URL " + url + ": " + e.getMessage());
        }
        long start = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return fail(probe, url, 0, elapsed(start), attempt, "no answer within " + request.timeout().orElseThrow().toMillis() + " ms");
        } catch (IOException e) {
            return fail(probe, url, 0, elapsed(start), attempt, "connection failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(probe, url, 0, elapsed(start), attempt, "interrupted");
        }
        long latency = elapsed(start);
        int status = response.statusCode();
        if (status != probe.expectStatus()) {
            return fail(probe, url, status, latency, attempt, "expected status " + probe.expectStatus() + ", got " + status);
        }
        if (latency > probe.latencyBudget().toMillis()) {
            return fail(probe, url, status, latency, attempt, "took " + latency + " ms, budget " + probe.latencyBudget().toMillis() + " ms");
        }
        String body = response.body() == null ? "" : response.body();
        if (body.length() > MAX_BODY_CHARS) {
            body = body.substring(0, MAX_BODY_CHARS);
        }
        if (probe.bodyContains().isPresent() && !body.contains(probe.bodyContains().get())) {
            return fail(probe, url, status, latency, attempt, "body does not contain '" + probe.bodyContains().get() + "'");
        }
        if (probe.jsonPointer().isPresent()) {
            Optional<String> problem = checkJson(body, probe.jsonPointer().get(), probe.jsonEquals().orElse(null));
            if (problem.isPresent()) {
                return fail(probe, url, status, latency, attempt, problem.get());
            }
        }
        return new ProbeResult(probe.name(), url, true, status, latency, attempt, Optional.empty());
    }

    static Optional<String> checkJson(String body, String pointer, String expected) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return Optional.of("body is not JSON");
        }
        JsonNode value = root == null ? null : root.at(pointer);
        if (value == null || value.isMissingNode()) {
            return Optional.of("JSON has no " + pointer);
        }
        String actual = value.isValueNode() ? value.asText() : value.toString();
        if (expected != null && !expected.equals(actual)) {
            return Optional.of("JSON " + pointer + " is '" + actual + "', expected '" + expected + "'");
        }
        return Optional.empty();
    }

    private static ProbeResult fail(SmokeProbe probe, String url, int status, long latency, int attempt, String why) {
        return new ProbeResult(probe.name(), url, false, status, latency, attempt, Optional.of(why));
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
