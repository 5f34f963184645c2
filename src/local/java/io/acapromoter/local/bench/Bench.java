package io.acapromoter.local.bench;

import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.local.LocalRuntime;
import io.acapromoter.local.durable.ManualClock;
import io.acapromoter.orchestration.InstanceJson;
import io.acapromoter.intake.Intake;
import io.acapromoter.policy.IntakeDecision;
import io.acapromoter.policy.PromotionFile;
import io.acapromoter.policy.PromotionFileLoader;
import io.acapromoter.ports.InstanceView;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acapromoter.local.sim.RecordedRequest;

import io.acapromoter.local.LocalHttp;
import io.acapromoter.local.server.LocalServer;
import io.acapromoter.orchestration.Names;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code bin/promoter bench}: figures for speed and memory, measured here and printed, never
 * asserted (machines are shared and noisy). Intake decisions per second, promotion file loading,
 * and whole local promotions on the simulator (wall time, ARM requests per step, heap).
 */
public final class Bench {

    private static final Logger QUIET = Logger.getLogger("bench");

    private final PrintStream out;

    public Bench(PrintStream out) {
        this.out = out;
    }

    public int run(int promotions) {
        return run(promotions, false);
    }

    /**
     * Runs every measurement; prints labelled lines, or with {@code json} one JSON object with the
     * figures the issue-13 goals are held against.
     */
    public int run(int promotions, boolean json) {
        Logger.getLogger("").setLevel(Level.SEVERE);
        QUIET.setLevel(Level.OFF);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("java", System.getProperty("java.version"));
        figures.put("cores", Runtime.getRuntime().availableProcessors());
        PrintStream text = json ? new PrintStream(OutputStream.nullOutputStream()) : out;
        text.printf("ACA Promoter bench — java %s, %d cores, max heap %d MB%n%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        intake(text, figures);
        promotions(text, figures, promotions);
        figures.put("packageMiB", packageMiB());
        text.printf("deployment package (target/azure-functions, after mvn package): %s MiB%n", figures.get("packageMiB"));
        if (json) {
            try {
                out.println(new ObjectMapper().writeValueAsString(figures));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return 0;
    }

    private void intake(PrintStream text, Map<String, Object> figures) {
        PromotionFile file = PromotionFileLoader.parse(io.acapromoter.local.DemoWorld.demoConfig(), "demo");
        long t0 = System.nanoTime();
        int loads = 200;
        for (int i = 0; i < loads; i++) {
            PromotionFileLoader.parse(io.acapromoter.local.DemoWorld.demoConfig(), "demo");
        }
        double loadMs = (System.nanoTime() - t0) / 1e6 / loads;
        Intake intake = new Intake(file);
        // Distinct events (each its own id and digest), built before the clock starts.
        int n = 100_000;
        String[] events = new String[n];
        for (int i = 0; i < n; i++) {
            events[i] = event(i);
        }
        for (int i = 0; i < 20_000; i++) {
            intake.decide(event(n + i));
        }
        System.gc();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long before = used();
        long cpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        int promoted = 0;
        for (String event : events) {
            promoted += intake.decide(event).get(0) instanceof IntakeDecision.Promote ? 1 : 0;
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
        figures.put("intakeEvents", n);
        figures.put("intakeEventsPerCpuSecond", Math.round(n / cpuSeconds));
        figures.put("intakeEventsPerWallSecond", Math.round(n / wall));
        text.printf("intake decision (parse + decide, one thread, %,d distinct events, %d promoted): %,.0f events per CPU-second, "
                        + "%,.0f per wall-second; heap grew %d MB%n", n, promoted, n / cpuSeconds, n / wall,
                Math.max(0, used() - before) >> 20);
        text.printf("promotion file: parsed and validated in %.2f ms (demo file, 4 targets, mean of %d)%n%n", loadMs, loads);
    }

    private static String event(int i) {
        String digest = String.format("sha256:%064x", i + 1L);
        return """
                [{"id":"e%d","topic":"/subscriptions/x/resourceGroups/r/providers/Microsoft.ContainerRegistry/registries/demoacr",
                  "subject":"shop/web:v1.2.3","eventType":"Microsoft.ContainerRegistry.ImagePushed","eventTime":"2026-11-23T10:00:00Z",
                  "dataVersion":"1.0","data":{"id":"%d","timestamp":"2026-11-23T10:00:00Z","action":"push",
                  "target":{"mediaType":"application/vnd.oci.image.manifest.v1+json","size":1,"digest":"%s","length":1,
                  "repository":"shop/web","tag":"v1.2.3"},
                  "request":{"id":"r","host":"demoacr.azurecr.io","method":"PUT","useragent":"docker"},"actor":{"name":"ci"}}}]"""
                .formatted(i, i, digest);
    }

    /** The demo targets, one per rollout strategy. */
    private static final Map<String, String> STRATEGIES = new LinkedHashMap<>();

    static {
        STRATEGIES.put("blue-green", "shop-web");
        STRATEGIES.put("canary", "shop-api");
        STRATEGIES.put("replace", "shop-worker");
        STRATEGIES.put("job", "nightly-report");
    }

    private void promotions(PrintStream text, Map<String, Object> figures, int runs) {
        text.printf("whole promotions on the simulator (manual clock, real SDK adapters over HTTPS), one after the other:%n");
        Map<String, Object> requests = new LinkedHashMap<>();
        double noticed = -1;
        long heapLive = 0;
        long rss = 0;
        for (int run = 1; run <= runs; run++) {
            ManualClock clock = ManualClock.startingAt("2026-11-23T10:00:00Z");
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            long start = System.nanoTime();
            try (LocalRuntime rt = new LocalRuntime(clock, null, "http://localhost:7071",
                    new PrintStream(sink, true, StandardCharsets.UTF_8))) {
                double ready = (System.nanoTime() - start) / 1e9;
                figures.putIfAbsent("localReadySeconds", Math.round(ready * 100) / 100.0);
                for (Map.Entry<String, String> strategy : STRATEGIES.entrySet()) {
                    rt.sim().clearRequests();
                    String id = deliver(rt, strategy.getValue());
                    until(rt, id, "AWAITING_APPROVAL");
                    if (strategy.getKey().equals("blue-green")) {
                        noticed = readinessNoticedAfter(rt, id);
                    }
                    RequestBudget.approve(rt, id);
                    String end = untilEnded(rt, id);
                    Map<String, Long> counted = classify(rt.sim().requests());
                    requests.put(strategy.getKey(), counted);
                    text.printf("  run %d, %s (%s): %s; requests: %d ARM, %d operation polls, %d ACR%n", run, strategy.getKey(),
                            strategy.getValue(), end, counted.get("arm"), counted.get("polls"), counted.get("acr"));
                }
                if (run == 1) {
                    localRoute(text, figures, rt);
                    accumulating(text, figures, rt);
                }
                // Measured while the runtime and its instances are alive, after a full GC.
                System.gc();
                heapLive = Math.max(heapLive, used());
                rss = Math.max(rss, rssBytes());
                text.printf("  run %d: runtime ready in %.2f s (simulator, TLS, demo world), heap live %d MiB, RSS %d MiB%n",
                        run, ready, used() >> 20, rssBytes() >> 20);
            }
        }
        figures.put("armRequests", requests);
        figures.put("readinessNoticedAfterSeconds", noticed);
        figures.put("heapMiBLive", heapLive >> 20);
        figures.put("rssMiB", rss >> 20);
        figures.put("heapAndRssMeasuredWith", "the local runtime alive after the strategy runs, the HTTP route run and "
                + "9,000 started web-app promotions (not yet run), after a full GC");
        text.printf("  readiness noticed %.0f s (simulated) after the staging revision was ready%n", noticed);
    }

    /**
     * The local server's Event Grid route, one event per request over one kept-alive connection:
     * distinct events for a repository no target takes, so the figure is the route and the intake
     * decision, not the promotions they would start.
     */
    private static void localRoute(PrintStream text, Map<String, Object> figures, LocalRuntime rt) {
        int n = 2_000;
        try (LocalServer server = LocalHttp.server(0, rt.intake(), rt.findingIntake(), rt.orchestrations(), rt.approvals(), rt.operators())) {
            server.start();
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create(server.baseUrl() + "/runtime/webhooks/EventGrid?functionName=" + Names.ON_IMAGE_PUSHED);
            for (int i = 0; i < 200; i++) {
                post(client, uri, event(1_000_000 + i).replace("shop/web", "tools/builder"));
            }
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                post(client, uri, event(2_000_000 + i).replace("shop/web", "tools/builder"));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            figures.put("localHttpEventsPerSecond", Math.round(n / seconds));
            text.printf("  local HTTP route: %,d distinct events, one per request, decided (no target: ignored) in %.2f s = %,.0f events/s%n",
                    n, seconds, n / seconds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void post(HttpClient client, URI uri, String body) {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("local route answered " + r.statusCode() + ": " + r.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Intake with starts as promotions accumulate: 9,000 distinct pushes of the web app (each newer
     * than the last), handled as the trigger handles them (decide, start, supersede the older ones);
     * the rate of the first thousand against the rate of the thousand after 8,000.
     */
    private static void accumulating(PrintStream text, Map<String, Object> figures, LocalRuntime rt) {
        double first = 0;
        double last = 0;
        for (int block = 0; block < 9; block++) {
            long start = System.nanoTime();
            for (int i = 0; i < 1_000; i++) {
                int k = block * 1_000 + i;
                String at = java.time.Instant.parse("2026-11-23T11:00:00Z").plusSeconds(k).toString();
                rt.intake().handle(event(3_000_000 + k).replace("2026-11-23T10:00:00Z", at), rt.orchestrations(), QUIET);
            }
            double rate = 1_000 / ((System.nanoTime() - start) / 1e9);
            first = block == 0 ? rate : first;
            last = rate;
        }
        figures.put("intakeWithStartsEventsPerSecondFirst1000", Math.round(first));
        figures.put("intakeWithStartsEventsPerSecondAfter8000", Math.round(last));
        text.printf("  intake with starts (decide, start, supersede): %,.0f events/s for the first 1,000, %,.0f after 8,000%n",
                first, last);
    }

    /** ARM requests apart from operation polls, operation polls, ACR data plane (token exchanges included). */
    static Map<String, Long> classify(List<RecordedRequest> requests) {
        RequestBudget.Counts counts = RequestBudget.count(requests);
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("arm", counts.arm());
        out.put("polls", counts.polls());
        out.put("acr", counts.acr());
        return out;
    }

    /** Simulated seconds between entering STAGING (the simulator's revision is ready at once) and leaving it. */
    private static double readinessNoticedAfter(LocalRuntime rt, String id) {
        PromotionStatus status = InstanceJson.read(id, rt.orchestrations().get(id).orElseThrow().customStatus(), PromotionStatus.class)
                .orElseThrow();
        java.time.Instant staging = null;
        for (PromotionStatus.TimelineEntry e : status.timeline()) {
            if (e.phase() == io.acapromoter.domain.Phase.STAGING && staging == null) {
                staging = java.time.Instant.parse(e.at());
            } else if (staging != null && e.phase() != io.acapromoter.domain.Phase.STAGING) {
                return Duration.between(staging, java.time.Instant.parse(e.at())).toMillis() / 1000.0;
            }
        }
        return -1;
    }

    private static String untilEnded(LocalRuntime rt, String id) {
        rt.driver().runUntilIdle();
        for (int i = 0; i < 2000; i++) {
            String phase = phase(rt, id);
            if (phase.matches("SUCCEEDED|FAILED|ERRORED|REJECTED|EXPIRED|SUPERSEDED|ROLLED_BACK")) {
                return phase;
            }
            rt.driver().advance(Duration.ofSeconds(5));
        }
        return phase(rt, id);
    }

    private static double packageMiB() {
        java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("promoter.home", "."), "target", "azure-functions", "aca-promoter");
        if (!java.nio.file.Files.isDirectory(dir)) {
            return -1;
        }
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(dir)) {
            long bytes = files.filter(java.nio.file.Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            return Math.round(bytes / 1048576.0 * 10) / 10.0;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static long rssBytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static String deliver(LocalRuntime rt, String target) {
        return rt.intake().handle(rt.world().sampleEvents().get(target), rt.orchestrations(), QUIET).stream()
                .map(Intake.IntakeResult::decision).filter(d -> d instanceof IntakeDecision.Promote)
                .map(d -> ((IntakeDecision.Promote) d).candidate().promotionId().value()).findFirst().orElseThrow();
    }

    private static void until(LocalRuntime rt, String id, String phase) {
        rt.driver().runUntilIdle();
        for (int i = 0; i < 2000 && !phase(rt, id).equals(phase); i++) {
            if (phase(rt, id).matches("SUCCEEDED|FAILED|ERRORED|REJECTED|EXPIRED|SUPERSEDED|ROLLED_BACK")) {
                throw new IllegalStateException(id + " ended " + phase(rt, id) + " instead of " + phase);
            }
            rt.driver().advance(Duration.ofSeconds(5));
        }
    }

    private static String phase(LocalRuntime rt, String id) {
        InstanceView v = rt.orchestrations().get(id).orElseThrow();
        return InstanceJson.read(v.instanceId(), v.customStatus(), PromotionStatus.class).map(s -> String.valueOf(s.phase())).orElse("PENDING");
    }

    private static long used() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
