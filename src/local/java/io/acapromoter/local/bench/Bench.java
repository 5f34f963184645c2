package io.acapromoter.local.bench;

import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.local.DemoWorld;
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
     * figures the issue-13 goals are held against. {@code promotions} is how many run at once in
     * the concurrent part (1 to 1,000).
     */
    public int run(int promotions, boolean json) {
        Logger.getLogger("").setLevel(Level.SEVERE);
        QUIET.setLevel(Level.OFF);
        long wall0 = System.nanoTime();
        long cpu0 = ConcurrentPromotions.processCpuNanos();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("java", System.getProperty("java.version"));
        figures.put("cores", Runtime.getRuntime().availableProcessors());
        figures.put("loadAverageAtStart", loadAverage());
        PrintStream text = json ? new PrintStream(OutputStream.nullOutputStream()) : out;
        text.printf("ACA Promoter bench — java %s, %d cores, max heap %d MB, load average %s%n%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, figures.get("loadAverageAtStart"));
        intake(text, figures);
        promotions(text, figures);
        text.printf("%nconcurrent promotions (blue-green, one app each, all in flight at once; a fresh JVM):%n");
        Map<String, Object> concurrent = ConcurrentPromotions.inFreshJvm(promotions, text);
        figures.put("concurrent", concurrent);
        figures.put("heapMiBLive", concurrent.get("heapMiBLive"));
        figures.put("rssMiB", concurrent.get("rssMiB"));
        text.printf("%nfresh JVMs (each figure the median of %d runs):%n", ChildJvms.RUNS);
        figures.putAll(ChildJvms.coldStart(text));
        figures.putAll(ChildJvms.localReady(text));
        figures.put("packageMiB", packageMiB());
        text.printf("deployment package (target/azure-functions, after mvn package): %s MiB%n", figures.get("packageMiB"));
        figures.put("benchWallSeconds", ConcurrentPromotions.round((System.nanoTime() - wall0) / 1e9));
        figures.put("benchCpuSeconds", ConcurrentPromotions.round((ConcurrentPromotions.processCpuNanos() - cpu0) / 1e9));
        figures.put("loadAverageAtEnd", loadAverage());
        text.printf("bench: %.0f s wall, %.0f CPU-seconds in this process; load average at the end %s%n",
                figures.get("benchWallSeconds"), figures.get("benchCpuSeconds"), figures.get("loadAverageAtEnd"));
        if (json) {
            try {
                out.println(new ObjectMapper().writeValueAsString(figures));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return 0;
    }

    /** The 1-minute load average (other processes share the cores: wall-clock figures depend on it). */
    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
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

    private void promotions(PrintStream text, Map<String, Object> figures) {
        text.printf("one promotion per strategy on the simulator (manual clock, real SDK adapters over HTTPS), one after the other:%n");
        Map<String, Object> requests = new LinkedHashMap<>();
        double noticed = -1;
        ManualClock clock = ManualClock.startingAt("2026-11-23T10:00:00Z");
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        long start = System.nanoTime();
        try (LocalRuntime rt = new LocalRuntime(clock, null, "http://localhost:7071",
                new PrintStream(sink, true, StandardCharsets.UTF_8))) {
            double ready = (System.nanoTime() - start) / 1e9;
            figures.put("runtimeConstructedSeconds", Math.round(ready * 100) / 100.0);
            for (Map.Entry<String, String> strategy : STRATEGIES.entrySet()) {
                rt.sim().clearRequests();
                String id = deliver(rt, strategy.getValue());
                if (strategy.getKey().equals("blue-green")) {
                    noticed = readinessNoticedAfter(rt, id, strategy.getValue());
                }
                until(rt, id, "AWAITING_APPROVAL");
                RequestBudget.approve(rt, id);
                String end = untilEnded(rt, id);
                Map<String, Long> counted = classify(rt.sim().requests());
                requests.put(strategy.getKey(), counted);
                text.printf("  %s (%s): %s; requests: %d ARM, %d operation polls, %d ACR%n", strategy.getKey(),
                        strategy.getValue(), end, counted.get("arm"), counted.get("polls"), counted.get("acr"));
            }
            text.printf("  runtime built in %.2f s in this (warm) JVM%n", ready);
            localRoute(text, figures, rt);
            accumulating(text, figures, rt);
        }
        figures.put("armRequests", requests);
        figures.put("readinessNoticedAfterSeconds", noticed);
        text.printf("  readiness noticed %.0f s (simulated) after the staging revision was ready (provisioned, running, healthy)%n", noticed);
    }

    /**
     * The local server's Event Grid route, one event per request, as Event Grid posts it
     * ({@code aeg-event-type: Notification}): distinct events for a repository no target takes, so
     * the figure is the route and the intake decision, not the promotions they would start. Over one
     * kept-alive connection, then over four at once (Event Grid delivers concurrently); client and
     * server share this process (a minimal HTTP/1.1 client, {@link KeepAliveClient}), so events per
     * CPU-second counts both sides.
     */
    private static void localRoute(PrintStream text, Map<String, Object> figures, LocalRuntime rt) {
        int n = 4_000;
        try (LocalServer server = LocalHttp.server(0, rt.intake(), rt.findingIntake(), rt.orchestrations(), rt.approvals(), rt.operators(), rt.board())) {
            server.start();
            // Warm-up: enough requests for the JIT to compile the route.
            postAll(server.port(), 1_000_000, 4_000, 2);
            for (int connections : new int[] {1, 4}) {
                long cpu = ConcurrentPromotions.processCpuNanos();
                long start = System.nanoTime();
                postAll(server.port(), 2_000_000 + connections * 100_000, n, connections);
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuSeconds = (ConcurrentPromotions.processCpuNanos() - cpu) / 1e9;
                String key = connections == 1 ? "localHttpEventsPerSecond" : "localHttpEventsPerSecond" + connections + "Connections";
                figures.put(key, Math.round(n / seconds));
                figures.put(key.replace("PerSecond", "PerCpuSecond"), Math.round(n / cpuSeconds));
                text.printf("  local HTTP route, %d connection(s): %,d distinct events, one per request, decided (no target: ignored) "
                        + "in %.2f s = %,.0f events/s; %,.0f events per CPU-second (client and server)%n",
                        connections, n, seconds, n / seconds, n / cpuSeconds);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void postAll(int port, int first, int n, int connections) {
        String path = "/runtime/webhooks/EventGrid?functionName=" + Names.ON_IMAGE_PUSHED;
        String headers = "Content-Type: application/json\r\naeg-event-type: Notification\r\n";
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();
        for (int c = 0; c < connections; c++) {
            threads.add(new Thread(() -> {
                try (KeepAliveClient client = new KeepAliveClient(port)) {
                    for (int i; (i = next.getAndIncrement()) < n; ) {
                        KeepAliveClient.Answer a = client.post(path, headers, event(first + i).replace("shop/web", "tools/builder"));
                        if (a.status() != 200) {
                            throw new IllegalStateException("local route answered " + a.status() + ": " + a.body());
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-client-" + c));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("local route: " + failure.get().getMessage(), failure.get());
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

    /**
     * Simulated seconds from the moment the simulator's staging revision is ready (provisioned, running, healthy) to
     * the moment the promotion leaves STAGING: the clock moves a second at a time and the revision's state is read
     * from the simulator directly (no request), so the figure is the orchestrator's lateness, not the provisioning time.
     */
    private static double readinessNoticedAfter(LocalRuntime rt, String id, String app) {
        rt.driver().runUntilIdle();
        java.time.Instant ready = null;
        for (int i = 0; i < 600 && !phase(rt, id).matches("SMOKE_TESTING|AWAITING_APPROVAL|SUCCEEDED|FAILED|ERRORED"); i++) {
            PromotionStatus status = InstanceJson.read(id, rt.orchestrations().get(id).orElseThrow().customStatus(),
                    PromotionStatus.class).orElseThrow();
            if (ready == null && status.stagingRevision() != null && rt.sim().containerApp(DemoWorld.RESOURCE_GROUP, app)
                    .revision(status.stagingRevision()).filter(r -> r.provisioningState().equals("Provisioned")
                            && r.runningState().startsWith("Running") && r.healthState().equals("Healthy")).isPresent()) {
                ready = rt.driver().clock().instant();
            }
            rt.driver().advance(Duration.ofSeconds(1));
        }
        PromotionStatus status = InstanceJson.read(id, rt.orchestrations().get(id).orElseThrow().customStatus(), PromotionStatus.class)
                .orElseThrow();
        java.time.Instant left = status.timeline().stream().filter(e -> e.phase() == io.acapromoter.domain.Phase.SMOKE_TESTING)
                .map(e -> java.time.Instant.parse(e.at())).findFirst().orElse(null);
        return ready == null || left == null ? -1 : Math.max(0, Duration.between(ready, left).toMillis()) / 1000.0;
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
