package io.acapromoter.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acapromoter.local.DemoWorld;
import io.acapromoter.local.fuzz.EventFuzzer;
import io.acapromoter.local.fuzz.FuzzTargets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code fuzz [--cases N] [--seed S]}: hostile variations of registry events and Defender findings
 * delivered to both Event Grid functions and to {@code explain-event}; prints cases/s, refusals,
 * hangs, uncaught exceptions and reasons that leak class names. Exit 1 when any of the last three
 * happened.
 */
final class FuzzCommand {

    static final Duration CAP = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;

    FuzzCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> args) {
        int cases = 2000;
        long seed = 12;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if ((arg.equals("--cases") || arg.equals("--seed")) && i + 1 < args.size()) {
                String value = args.get(++i);
                try {
                    if (arg.equals("--cases")) {
                        cases = Integer.parseInt(value);
                    } else {
                        seed = Long.parseLong(value);
                    }
                } catch (NumberFormatException e) {
                    throw new PromoterCli.UsageException(arg + " needs a number, got '" + value + "'");
                }
            } else {
                throw new PromoterCli.UsageException("usage: bin/promoter fuzz [--cases N] [--seed S]");
            }
        }
        if (cases < 1) {
            throw new PromoterCli.UsageException("--cases must be at least 1");
        }
        EventFuzzer.Report report = run(cases, seed);
        out.println("fuzz seed " + seed + ": " + report.summary());
        report.problems().forEach(p -> out.println("  " + p));
        return report.hangs() + report.exceptions() + report.leaks() == 0 ? PromoterCli.OK : PromoterCli.FAILURE;
    }

    /** The fuzz run over both functions and {@code explain-event}. */
    static EventFuzzer.Report run(int cases, long seed) {
        List<EventFuzzer.Target> targets = new ArrayList<>(FuzzTargets.functions());
        targets.add(explainEvent());
        return new EventFuzzer(targets, CAP).run(cases, seed);
    }

    /** {@code explain-event} on a file holding the body, with the demo configuration; its refuse lines. */
    static EventFuzzer.Target explainEvent() {
        Path dir;
        Path config;
        try {
            dir = Files.createTempDirectory("promoter-fuzz");
            dir.toFile().deleteOnExit();
            config = Files.writeString(dir.resolve("promotion.yaml"), DemoWorld.demoConfig());
            config.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the fuzz scratch directory", e);
        }
        Path event = dir.resolve("event.json");
        event.toFile().deleteOnExit();
        return new EventFuzzer.Target("explain-event", body -> {
            try {
                // Written as a file would be: a lone surrogate cannot be in UTF-8 and becomes '?'.
                Files.write(event, body.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ByteArrayOutputStream lines = new ByteArrayOutputStream();
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            int status = new ExplainEvent(new PrintStream(lines, true, StandardCharsets.UTF_8),
                    new PrintStream(errors, true, StandardCharsets.UTF_8), Map.of())
                    .run(List.of("--config", config.toString(), event.toString()));
            if (status != PromoterCli.OK) {
                throw new IllegalStateException("explain-event exited " + status + ": " + errors);
            }
            List<String> refusals = new ArrayList<>();
            for (String line : lines.toString(StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode node = JSON.readTree(line);
                    if ("refuse".equals(node.path("decision").asText())) {
                        refusals.add(node.path("reason").asText());
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("explain-event printed a line that is not JSON: " + line, e);
                }
            }
            return refusals;
        });
    }
}
