package io.acapromoter.local.fuzz;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Delivers seeded hostile variations of valid registry events and Defender findings to every
 * entry point that reads them ({@link FuzzTargets}) and counts what happened: refusals, hangs
 * (a case that did not return within the cap) and uncaught exceptions, and refusal reasons that
 * leak Java class names. Deterministic for a seed; figures are counted, never timed.
 */
public final class EventFuzzer {

    /** Reasons must speak to the sender, not name the code's classes. */
    static final Pattern LEAK = Pattern.compile("Exception|\\bjava\\.|com\\.azure|com\\.fasterxml|StreamReadConstraints|\\[Source:");
    private static final List<String> SEEDS = List.of("event-push-tag.eventgrid.json", "event-push-tag.cloudevent.json",
            "event-delete.cloudevent.json", "event-batch.eventgrid.json", "event-push-index.eventgrid.json",
            "event-validation.eventgrid.json", "finding-current.json", "finding-legacy.json",
            "finding-export-current.json", "finding-eventgrid.json", "finding-cloudevent.json", "finding-list.json");

    /** An entry point: takes a body, returns the refusal reasons it gave (empty when it accepted or ignored all). */
    public record Target(String name, Function<String, List<String>> run) {
        public Target {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(run, "run");
        }
    }

    /** What a run found; {@code problems} describes the first few hangs, exceptions and leaks. */
    public record Report(long cases, long deliveries, long refusedCases, long hangs, long exceptions, long leaks,
                         Duration elapsed, List<String> problems) {

        public double casesPerSecond() {
            return elapsed.isZero() ? 0 : cases * 1000.0 / Math.max(1, elapsed.toMillis());
        }

        public String summary() {
            return String.format(java.util.Locale.ROOT,
                    "cases %d, deliveries %d (%.0f cases/s), refused %d, hangs %d, exceptions %d, leaked class names %d",
                    cases, deliveries, casesPerSecond(), refusedCases, hangs, exceptions, leaks);
        }
    }

    private final List<Target> targets;
    private final Duration cap;
    private final Map<String, JsonNode> seeds = new LinkedHashMap<>();

    public EventFuzzer(List<Target> targets, Duration cap) {
        this.targets = List.copyOf(targets);
        this.cap = Objects.requireNonNull(cap, "cap");
        for (String name : SEEDS) {
            seeds.put(name, Mutator.read(resource("/fuzz/" + name)));
        }
    }

    /** Runs {@code cases} cases; the project's own log lines (one per refusal) are off meanwhile. */
    public Report run(int cases, long seed) {
        java.util.logging.Logger project = java.util.logging.Logger.getLogger("io.acapromoter");
        java.util.logging.Level before = project.getLevel();
        project.setLevel(java.util.logging.Level.OFF);
        try {
            return runQuietly(cases, seed);
        } finally {
            project.setLevel(before);
        }
    }

    private Report runQuietly(int cases, long seed) {
        Mutator mutator = new Mutator(seed);
        Random pick = new Random(seed ^ 0x5DEECE66DL);
        List<String> names = List.copyOf(seeds.keySet());
        List<String> problems = new ArrayList<>();
        long deliveries = 0;
        long refused = 0;
        long hangs = 0;
        long exceptions = 0;
        long leaks = 0;
        long started = System.nanoTime();
        ExecutorService worker = newWorker();
        try {
            for (int i = 0; i < cases; i++) {
                String name = names.get(pick.nextInt(names.size()));
                Mutator.Case c = mutator.mutate(name, seeds.get(name));
                boolean anyRefusal = false;
                for (Target target : targets) {
                    deliveries++;
                    Future<List<String>> result = worker.submit(() -> target.run().apply(c.body()));
                    try {
                        List<String> reasons = result.get(cap.toMillis(), TimeUnit.MILLISECONDS);
                        anyRefusal |= !reasons.isEmpty();
                        for (String reason : reasons) {
                            if (LEAK.matcher(reason).find()) {
                                leaks++;
                                note(problems, "leak in " + target.name() + " case " + i + " (" + c.description() + "): " + reason);
                            }
                        }
                    } catch (TimeoutException e) {
                        hangs++;
                        note(problems, "HANG in " + target.name() + " case " + i + " (" + c.description() + ")");
                        // The stuck thread cannot be stopped; leave it (daemon) and go on with a new one.
                        worker.shutdownNow();
                        worker = newWorker();
                    } catch (ExecutionException e) {
                        exceptions++;
                        Throwable cause = e.getCause();
                        note(problems, "EXCEPTION in " + target.name() + " case " + i + " (" + c.description() + "): "
                                + cause + (cause.getStackTrace().length > 0 ? " at " + cause.getStackTrace()[0] : ""));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("fuzz run interrupted", e);
                    }
                }
                if (anyRefusal) {
                    refused++;
                }
            }
        } finally {
            worker.shutdownNow();
        }
        return new Report(cases, deliveries, refused, hangs, exceptions, leaks,
                Duration.ofNanos(System.nanoTime() - started), List.copyOf(problems));
    }

    private static void note(List<String> problems, String problem) {
        if (problems.size() < 20) {
            problems.add(problem.length() > 600 ? problem.substring(0, 600) + "…" : problem);
        }
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-case");
            t.setDaemon(true);
            return t;
        });
    }

    private static String resource(String path) {
        try (InputStream in = EventFuzzer.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("fuzz seed " + path + " is missing from the local runtime's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read fuzz seed " + path, e);
        }
    }
}
