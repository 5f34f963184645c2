package io.acapromoter.local.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Figures that need a fresh JVM: the cold start (a JVM that decides one push event with
 * {@code explain-event}, against one that prints hello world) and {@code bin/promoter local}'s
 * time to ready (from starting the command until {@code /api/health} answers 200). Wall time and
 * the children's CPU time; each the median of {@link #RUNS} runs, with every run kept.
 */
final class ChildJvms {

    static final int RUNS = 5;
    /** What {@code bin/promoter} gives one-shot commands (see there). */
    private static final List<String> ONE_SHOT_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Dcom.google.protobuf.use_unsafe_pre22_gencode=true");

    private ChildJvms() {
    }

    static Map<String, Object> coldStart(PrintStream text) {
        Path home = home();
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        List<String> explain = new ArrayList<>(List.of(javaBin));
        explain.addAll(ONE_SHOT_FLAGS);
        explain.addAll(List.of("-cp", classPath, "io.acapromoter.local.cli.PromoterCli", "explain-event",
                "src/test/resources/events/push-tag.eventgrid.json"));
        List<String> hello = List.of(javaBin, "-cp", codeSource(HelloWorld.class), HelloWorld.class.getName());
        double[][] e = new double[2][RUNS];
        double[][] h = new double[2][RUNS];
        for (int i = 0; i < RUNS; i++) {
            double[] run = timed(home, explain, "\"decision\":\"promote\"");
            e[0][i] = run[0];
            e[1][i] = run[1];
            run = timed(home, hello, "hello, world");
            h[0][i] = run[0];
            h[1][i] = run[1];
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("coldStartExplainEventSeconds", median(e[0]));
        figures.put("coldStartHelloWorldSeconds", median(h[0]));
        figures.put("coldStartRatio", round(median(e[0]) / median(h[0])));
        figures.put("coldStartCpuRatio", round(median(e[1]) / median(h[1])));
        figures.put("coldStartRuns", Map.of("explainEventWall", Arrays.toString(e[0]), "explainEventCpu", Arrays.toString(e[1]),
                "helloWorldWall", Arrays.toString(h[0]), "helloWorldCpu", Arrays.toString(h[1])));
        text.printf("  cold start, first push event decided by explain-event: %.2f s wall, %.2f CPU-s; hello world %.2f s, %.2f CPU-s: "
                        + "%.1fx wall, %.1fx CPU%n", median(e[0]), median(e[1]), median(h[0]), median(h[1]),
                figures.get("coldStartRatio"), figures.get("coldStartCpuRatio"));
        text.printf("    runs, explain-event wall %s, hello world wall %s%n", Arrays.toString(e[0]), Arrays.toString(h[0]));
        return figures;
    }

    /**
     * {@code bin/promoter local} from the command (bash, the up-to-date check, the JVM, simulator,
     * certificate, demo world, server) until {@code GET /api/health} answers 200: the moment the
     * printed {@code curl} commands work.
     */
    static Map<String, Object> localReady(PrintStream text) {
        Path home = home();
        Path promoter = home.resolve("bin/promoter");
        Map<String, Object> figures = new LinkedHashMap<>();
        if (!Files.isExecutable(promoter)) {
            text.printf("  bin/promoter local: not measured (%s missing)%n", promoter);
            return figures;
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        double[] wall = new double[RUNS];
        double[] cpu = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            int port = freePort();
            long cpu0 = childrenCpuNanos();
            long start = System.nanoTime();
            Process p;
            try {
                p = new ProcessBuilder(promoter.toString(), "local", "--port", String.valueOf(port)).directory(home.toFile())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health"))
                    .timeout(Duration.ofSeconds(2)).build();
            try {
                while (true) {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("bin/promoter local exited with " + p.exitValue() + " before it was ready");
                    }
                    try {
                        if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                            break;
                        }
                    } catch (IOException notYet) {
                        // not listening yet
                    }
                    if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(120)) {
                        throw new IllegalStateException("bin/promoter local was not ready in 120 s");
                    }
                    Thread.sleep(10);
                }
                wall[i] = round((System.nanoTime() - start) / 1e9);
                p.destroy();
                p.waitFor(30, TimeUnit.SECONDS);
                p.destroyForcibly().waitFor();
                cpu[i] = round((childrenCpuNanos() - cpu0) / 1e9);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        figures.put("localReadySeconds", median(wall));
        figures.put("localReadyRuns", Arrays.toString(wall));
        figures.put("localCpuSecondsToReadyAndStop", median(cpu));
        text.printf("  bin/promoter local ready (GET /api/health answers 200): %.2f s (runs %s); %.2f CPU-s until ready and stopped%n",
                median(wall), Arrays.toString(wall), median(cpu));
        return figures;
    }

    /** {wall seconds, CPU seconds} of one child run, whose output must contain {@code expect}. */
    private static double[] timed(Path dir, List<String> command, String expect) {
        long cpu0 = childrenCpuNanos();
        long start = System.nanoTime();
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.waitFor() != 0 || !output.contains(expect)) {
                throw new IllegalStateException(String.join(" ", command.subList(command.size() - 2, command.size()))
                        + " did not answer as expected: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new double[] {round((System.nanoTime() - start) / 1e9), round((childrenCpuNanos() - cpu0) / 1e9)};
    }

    /** CPU time of this process's waited-for children (/proc/self/stat cutime + cstime), in nanoseconds. */
    static long childrenCpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After the command name: state is field 3, so cutime (16) and cstime (17) are at 13 and 14 here.
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) * 10_000_000L; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The class-path entry (directory or jar) {@code type} was loaded from. */
    private static String codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path home() {
        return Path.of(System.getProperty("promoter.home", ".")).toAbsolutePath();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
