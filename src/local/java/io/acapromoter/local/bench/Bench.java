package io.acapromoter.local.bench;

import io.acapromoter.approval.ApprovalLinks;
import io.acapromoter.approval.LogNotifier;
import io.acapromoter.approval.Response;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.events.ParsedEvent;
import io.acapromoter.events.RegistryEventParser;
import io.acapromoter.local.LocalRuntime;
import io.acapromoter.local.durable.ManualClock;
import io.acapromoter.local.sim.ImageBehavior;
import io.acapromoter.orchestration.InstanceJson;
import io.acapromoter.intake.Intake;
import io.acapromoter.policy.IntakeDecision;
import io.acapromoter.policy.PromotionFile;
import io.acapromoter.policy.PromotionFileLoader;
import io.acapromoter.ports.InstanceView;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/promoter bench}: figures for speed and memory, measured here and printed, never
 * asserted (machines are shared and noisy). Intake decisions per second, promotion file loading,
 * and whole local promotions on the simulator (wall time, ARM requests per step, heap).
 */
public final class Bench {

    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"form_token\" value=\"([^\"]+)\"");
    private static final Logger QUIET = Logger.getLogger("bench");

    private final PrintStream out;

    public Bench(PrintStream out) {
        this.out = out;
    }

    public int run(int promotions) {
        Logger.getLogger("").setLevel(Level.SEVERE);
        QUIET.setLevel(Level.OFF);
        out.printf("ACA Promoter bench — java %s, %d cores, max heap %d MB%n%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        intake();
        promotions(promotions);
        return 0;
    }

    private void intake() {
        PromotionFile file = PromotionFileLoader.parse(io.acapromoter.local.DemoWorld.demoConfig(), "demo");
        long t0 = System.nanoTime();
        int loads = 200;
        for (int i = 0; i < loads; i++) {
            PromotionFileLoader.parse(io.acapromoter.local.DemoWorld.demoConfig(), "demo");
        }
        double loadMs = (System.nanoTime() - t0) / 1e6 / loads;
        String event = """
                [{"id":"e1","topic":"/subscriptions/x/resourceGroups/r/providers/Microsoft.ContainerRegistry/registries/demoacr",
                  "subject":"shop/web:v1.2.3","eventType":"Microsoft.ContainerRegistry.ImagePushed","eventTime":"2026-11-23T10:00:00Z",
                  "dataVersion":"1.0","data":{"id":"1","timestamp":"2026-11-23T10:00:00Z","action":"push",
                  "target":{"mediaType":"application/vnd.oci.image.manifest.v1+json","size":1,"digest":
                  "sha256:213bbc182920ab41e18edc2001e06abcca6735d87782d9cef68abd83941cf0e5","length":1,"repository":"shop/web","tag":"v1.2.3"},
                  "request":{"id":"r","host":"demoacr.azurecr.io","method":"PUT","useragent":"docker"},"actor":{"name":"ci"}}}]""";
        Intake intake = new Intake(file);
        for (int i = 0; i < 20_000; i++) {
            intake.decide(event);
        }
        int n = 100_000;
        System.gc();
        long before = used();
        long start = System.nanoTime();
        int promoted = 0;
        for (int i = 0; i < n; i++) {
            promoted += intake.decide(event).get(0) instanceof IntakeDecision.Promote ? 1 : 0;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("intake: %,d events parsed and decided in %.2f s = %,.0f events/s (%.1f µs each; %d promoted); heap grew %d MB%n",
                n, seconds, n / seconds, seconds * 1e6 / n, promoted, Math.max(0, used() - before) >> 20);
        out.printf("promotion file: parsed and validated in %.2f ms (demo file, 4 targets, mean of %d)%n%n", loadMs, loads);
    }

    private void promotions(int count) {
        out.printf("whole promotions of shop-web on the simulator (manual clock, real SDK adapters over HTTPS):%n");
        for (int i = 1; i <= count; i++) {
            ManualClock clock = ManualClock.startingAt("2026-11-23T10:00:00Z");
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            long start = System.nanoTime();
            try (LocalRuntime rt = new LocalRuntime(clock, null, "http://localhost:7071",
                    new PrintStream(sink, true, StandardCharsets.UTF_8))) {
                long setUp = System.nanoTime();
                rt.sim().clearRequests();
                String id = deliver(rt, "shop-web");
                Map<String, Long> staging = until(rt, id, "AWAITING_APPROVAL");
                approve(rt, id);
                Map<String, Long> rollout = until(rt, id, "SUCCEEDED");
                long done = System.nanoTime();
                out.printf("  run %d: set-up %d ms, promotion %d ms wall for %s simulated; ARM requests: to approval %s, "
                                + "approval to production %s%n", i, (setUp - start) / 1_000_000, (done - setUp) / 1_000_000,
                        Duration.between(java.time.Instant.parse("2026-11-23T10:00:00Z"), clock.instant()), total(staging), total(rollout));
                if (i == count) {
                    out.printf("    to approval by operation:   %s%n", staging);
                    out.printf("    to production by operation: %s%n", rollout);
                    rollback(rt);
                }
            }
            System.gc();
            out.printf("    heap in use after run %d: %d MB%n", i, used() >> 20);
        }
    }

    private void rollback(LocalRuntime rt) {
        String id = deliver(rt, "shop-api");
        until(rt, id, "AWAITING_APPROVAL");
        approve(rt, id);
        rt.sim().setImageBehavior(candidateDigest(rt, "shop-api"), ImageBehavior.brokenHttp());
        rt.sim().clearRequests();
        Map<String, Long> back = until(rt, id, "ROLLED_BACK");
        out.printf("    canary step check failing to rollback done, by operation: %s (total %d)%n", back, total(back));
    }

    private static String deliver(LocalRuntime rt, String target) {
        return rt.intake().handle(rt.world().sampleEvents().get(target), rt.orchestrations(), QUIET).stream()
                .map(Intake.IntakeResult::decision).filter(d -> d instanceof IntakeDecision.Promote)
                .map(d -> ((IntakeDecision.Promote) d).candidate().promotionId().value()).findFirst().orElseThrow();
    }

    private static Map<String, Long> until(LocalRuntime rt, String id, String phase) {
        rt.sim().clearRequests();
        rt.driver().runUntilIdle();
        for (int i = 0; i < 2000 && !phase(rt, id).equals(phase); i++) {
            if (phase(rt, id).matches("SUCCEEDED|FAILED|ERRORED|REJECTED|EXPIRED|SUPERSEDED|ROLLED_BACK")) {
                throw new IllegalStateException(id + " ended " + phase(rt, id) + " instead of " + phase);
            }
            rt.driver().advance(Duration.ofSeconds(5));
        }
        return new TreeMap<>(rt.sim().requestCounts());
    }

    private static String phase(LocalRuntime rt, String id) {
        InstanceView v = rt.orchestrations().get(id).orElseThrow();
        return InstanceJson.read(v.customStatus(), PromotionStatus.class).map(s -> String.valueOf(s.phase())).orElse("PENDING");
    }

    private static String candidateDigest(LocalRuntime rt, String target) {
        return RegistryEventParser.parse(rt.world().sampleEvents().get(target)).stream()
                .filter(e -> e instanceof ParsedEvent.Registry).map(e -> ((ParsedEvent.Registry) e).event())
                .flatMap(e -> e.digest().stream()).map(Object::toString).findFirst().orElseThrow();
    }

    private static void approve(LocalRuntime rt, String id) {
        LogNotifier.Sent sent = rt.notifier().sent().stream().filter(s -> s.promotionId().equals(id) && s.approve() != null)
                .reduce((a, b) -> b).orElseThrow();
        String token = sent.approve().getPath().substring(ApprovalLinks.ROUTE.length());
        Map<String, String> headers = Map.of("x-ms-client-principal-name", LocalRuntime.DEVELOPER);
        Matcher m = FORM_TOKEN.matcher(rt.approvals().get(token, headers).body());
        if (!m.find()) {
            throw new IllegalStateException("no approval form for " + id);
        }
        Response r = rt.approvals().post(token, Map.of("form_token", m.group(1), "decision", "approve"), headers, "127.0.0.1");
        if (r.status() != 200) {
            throw new IllegalStateException("approval refused: " + r.status());
        }
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static long used() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
