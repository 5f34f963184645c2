package io.acapromoter.local.bench;

import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.local.DemoWorld;
import io.acapromoter.local.LocalRuntime;
import io.acapromoter.local.durable.ManualClock;
import io.acapromoter.local.sim.ContainerAppSpec;
import io.acapromoter.local.sim.PushedImage;
import io.acapromoter.orchestration.InstanceJson;
import io.acapromoter.ports.InstanceView;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench --promotions N}: N blue-green promotions in flight at once in one local runtime
 * (simulator, in-memory Durable driver, the production pipeline over HTTPS), each on its own app
 * and repository, pushed one after the other and then driven together on the manual clock. While
 * all N wait for approval (every one started, staged, smoke-tested) the heap is measured after a
 * full GC, and the process's resident set; then all are approved and run to the end.
 */
final class ConcurrentPromotions {

    static final int MAX = 1_000;
    private static final String ENDED = "SUCCEEDED|FAILED|ERRORED|REJECTED|EXPIRED|SUPERSEDED|ROLLED_BACK";

    private ConcurrentPromotions() {
    }

    /** The promotion file: the demo targets and N blue-green targets {@code load-0001}… */
    static String config(int n) {
        StringBuilder yaml = new StringBuilder(DemoWorld.demoConfig());
        for (int i = 1; i <= n; i++) {
            String name = name(i);
            yaml.append("""

                      - name: %s
                        registry: demoacr.azurecr.io
                        repository: load/%s
                        tags: '^v\\d+\\.\\d+\\.\\d+$'
                        production:
                          resourceId: /subscriptions/00000000-0000-0000-0000-0000000000a1/resourceGroups/demo-rg/providers/Microsoft.App/containerApps/%s
                          container: web
                        staging: { strategy: label, label: staging, readyTimeout: 5m }
                        smoke:
                          - { name: health, path: /health }
                        rollout: { strategy: blue-green }
                        monitor: { window: 30s, interval: 10s }
                    """.formatted(name, name, name));
        }
        return yaml.toString();
    }

    static String name(int i) {
        return "load-%04d".formatted(i);
    }

    static Map<String, Object> run(int n, PrintStream text) {
        if (n < 1 || n > MAX) {
            throw new IllegalArgumentException("promotions must be 1 to " + MAX + ", not " + n);
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        ManualClock clock = ManualClock.startingAt("2026-11-23T10:00:00Z");
        long cpu0 = processCpuNanos();
        long wall0 = System.nanoTime();
        try (LocalRuntime rt = new LocalRuntime(clock, config(n), "http://localhost:7071",
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            for (int i = 1; i <= n; i++) {
                // The first image does not match the tag pattern, so only the candidate push starts a promotion.
                PushedImage first = rt.sim().pushImage(DemoWorld.REGISTRY, "load/" + name(i), "base");
                rt.sim().createContainerApp(ContainerAppSpec.of(DemoWorld.RESOURCE_GROUP, name(i), DemoWorld.ENVIRONMENT,
                        first.reference()).withContainerName("web").withRevisionSuffix("initial"));
            }
            long wallPushed = System.nanoTime();
            for (int i = 1; i <= n; i++) {
                rt.sim().pushImage(DemoWorld.REGISTRY, "load/" + name(i), "v1.1.0");
            }
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                String prefix = name(i) + "-";
                ids.add(rt.orchestrations().list(io.acapromoter.orchestration.Names.PROMOTION_ORCHESTRATOR, prefix, 1).stream()
                        .map(InstanceView::instanceId).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no promotion started for " + prefix)));
            }
            int waiting = advanceUntil(rt, ids, "AWAITING_APPROVAL");
            System.gc();
            long heap = usedHeap();
            long rss = status("VmRSS:");
            java.lang.management.MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long heapCommitted = memory.getHeapMemoryUsage().getCommitted();
            long nonHeapCommitted = memory.getNonHeapMemoryUsage().getCommitted();
            double toApproval = (System.nanoTime() - wallPushed) / 1e9;
            text.printf("  %,d promotions in flight, %d waiting for approval (%.1f s from the pushes): heap live %d MiB "
                    + "(%d committed), non-heap committed %d MiB, RSS %d MiB, %d threads%n", n, waiting, toApproval, heap >> 20,
                    heapCommitted >> 20, nonHeapCommitted >> 20, rss >> 20, Thread.activeCount());
            for (String id : ids) {
                RequestBudget.approve(rt, id);
            }
            Map<String, Integer> ends = new LinkedHashMap<>();
            advanceUntil(rt, ids, ENDED);
            for (String id : ids) {
                ends.merge(phase(rt, id), 1, Integer::sum);
            }
            double wall = (System.nanoTime() - wall0) / 1e9;
            double cpu = (processCpuNanos() - cpu0) / 1e9;
            text.printf("  all %,d ended %s: %.1f s wall, %.1f CPU-seconds (process, setup included); peak RSS %d MiB%n",
                    n, ends, wall, cpu, status("VmHWM:") >> 20);
            figures.put("promotions", n);
            figures.put("waitingForApproval", waiting);
            figures.put("ended", ends);
            figures.put("heapMiBLive", heap >> 20);
            figures.put("rssMiB", rss >> 20);
            figures.put("peakRssMiB", status("VmHWM:") >> 20);
            figures.put("heapCommittedMiB", heapCommitted >> 20);
            figures.put("nonHeapCommittedMiB", nonHeapCommitted >> 20);
            figures.put("wallSeconds", round(wall));
            figures.put("cpuSeconds", round(cpu));
            figures.put("heapAndRssMeasuredWhen", "all promotions started, staged and smoke-tested, waiting for approval, after a full GC");
        }
        return figures;
    }

    /** Runs the driver, 5 simulated seconds at a time, until every promotion's phase matches; how many match. */
    private static int advanceUntil(LocalRuntime rt, List<String> ids, String phases) {
        rt.driver().runUntilIdle();
        for (int step = 0; step < 2_000; step++) {
            int matching = 0;
            for (String id : ids) {
                String phase = phase(rt, id);
                if (phase.matches(phases)) {
                    matching++;
                } else if (phase.matches(ENDED)) {
                    throw new IllegalStateException(id + " ended " + phase + " before " + phases);
                }
            }
            if (matching == ids.size()) {
                return matching;
            }
            rt.driver().advance(Duration.ofSeconds(5));
        }
        throw new IllegalStateException("promotions did not reach " + phases + " in 10,000 simulated seconds");
    }

    private static String phase(LocalRuntime rt, String id) {
        InstanceView v = rt.orchestrations().get(id).orElseThrow();
        return InstanceJson.read(v.instanceId(), v.customStatus(), PromotionStatus.class).map(s -> String.valueOf(s.phase()))
                .orElse("PENDING");
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** A size line of /proc/self/status in bytes ({@code VmRSS:}, {@code VmHWM:}), or -1 where there is none. */
    static long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /**
     * The concurrent run in a JVM of its own, so its resident set is its own and not what the
     * bench's other parts left committed: the child's printed lines, then its figures.
     */
    static Map<String, Object> inFreshJvm(int n, PrintStream text) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcom.google.protobuf.use_unsafe_pre22_gencode=true"));
        command.addAll(LOCAL_FLAGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ConcurrentPromotions.class.getName(), String.valueOf(n)));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("MALLOC_ARENA_MAX", "2");
            Process p = builder.start();
            List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            int exit = p.waitFor();
            String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
            if (exit != 0 || !last.startsWith(FIGURES)) {
                throw new IllegalStateException("the concurrent run failed (exit " + exit + "): " + String.join("\n", lines));
            }
            lines.subList(0, lines.size() - 1).forEach(text::println);
            @SuppressWarnings("unchecked")
            Map<String, Object> figures = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readValue(last.substring(FIGURES.length()), LinkedHashMap.class);
            return figures;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final String FIGURES = "FIGURES ";
    /** What {@code bin/promoter local} gives the runtime's JVM (see there): a heap cap, and two malloc arenas. */
    static final List<String> LOCAL_FLAGS = List.of("-Xmx384m");

    /** The child of {@link #inFreshJvm}: {@code java ... ConcurrentPromotions N}. */
    public static void main(String[] args) throws com.fasterxml.jackson.core.JsonProcessingException {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.SEVERE);
        Map<String, Object> figures = run(Integer.parseInt(args[0]), System.out);
        System.out.println(FIGURES + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(figures));
    }

    static PrintStream nowhere() {
        return new PrintStream(OutputStream.nullOutputStream());
    }
}
