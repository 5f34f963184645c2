package io.acapromoter.local.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/promoter}: the command line of the project. Exit codes: 0 success, 2 bad input
 * (the message on stderr), 1 an unexpected failure.
 */
public final class PromoterCli {

    static final int OK = 0;
    static final int FAILURE = 1;
    static final int BAD_INPUT = 2;

    private PromoterCli() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err, System.getenv()));
    }

    static int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("help")) {
            usage(args.isEmpty() ? err : out);
            return args.isEmpty() ? BAD_INPUT : OK;
        }
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (args.get(0)) {
                case "explain-event" -> new ExplainEvent(out, err, env).run(rest);
                case "validate-config" -> new ValidateConfig(out, err).run(rest);
                case "allow-list-policy" -> new AllowListPolicy(out, err).run(rest);
                case "local" -> new LocalCommand(out, err, env).run(rest);
                case "inject" -> new InjectCommand(out, err).run(rest);
                case "clock" -> new ClockCommand(out, err).run(rest);
                case "fuzz" -> new FuzzCommand(out).run(rest);
                case "bench" -> bench(rest, out);
                default -> {
                    err.println("unknown command '" + args.get(0) + "'");
                    usage(err);
                    yield BAD_INPUT;
                }
            };
        } catch (UsageException e) {
            err.println(e.getMessage());
            return BAD_INPUT;
        }
    }

    private static int bench(List<String> args, PrintStream out) {
        List<String> rest = new java.util.ArrayList<>(args);
        boolean json = rest.remove("--json");
        java.util.Set<String> parts = benchParts(rest);
        return new io.acapromoter.local.bench.Bench(out).run(benchRuns(rest), json, parts);
    }

    /** {@code --only A,B}: those parts of the bench (removed from {@code args}); all of them without it. */
    static java.util.Set<String> benchParts(List<String> args) {
        int at = args.indexOf("--only");
        if (at < 0) {
            return java.util.Set.copyOf(io.acapromoter.local.bench.Bench.PARTS);
        }
        if (at + 1 >= args.size()) {
            throw new UsageException("--only needs parts, from " + String.join(",", io.acapromoter.local.bench.Bench.PARTS));
        }
        java.util.Set<String> parts = new java.util.LinkedHashSet<>(List.of(args.get(at + 1).split(",")));
        for (String part : parts) {
            if (!io.acapromoter.local.bench.Bench.PARTS.contains(part)) {
                throw new UsageException("unknown bench part '" + part + "'; parts: " + String.join(",", io.acapromoter.local.bench.Bench.PARTS));
            }
        }
        args.remove(at + 1);
        args.remove(at);
        return parts;
    }

    static int benchRuns(List<String> args) {
        if (args.isEmpty()) {
            return 100;
        }
        if (args.size() == 2 && args.get(0).equals("--promotions")) {
            try {
                int n = Integer.parseInt(args.get(1));
                if (n >= 1 && n <= 1000) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new UsageException("usage: bin/promoter bench [--promotions N] [--json] [--only PARTS] (N promotions at once, 1 to 1000; 100 by default)");
    }

    static void usage(PrintStream to) {
        to.println("""
                usage: bin/promoter <command> [options]

                  explain-event [--config FILE] EVENT_FILE...   what intake decides for each event, or the rebuild
                                                                planner for each Defender finding (JSON lines)
                  validate-config FILE                          check a promotion file; prints every error
                  allow-list-policy FILE                        the Azure Policy definition allow-listing FILE's registries
                  local [--config FILE] [--port N] [--azure]    run the Function App's routes locally: on the Azure
                                                                simulator with a demo world, or against real Azure
                  inject --target T [--error-rate R] [--latency D]  make the simulated users' requests to T's newest revision
                         [--revision NAME] [--port N]           fail at R (0-1) and take D, in a running `local`
                  clock [--advance D] [--port N]                show the clock of a running `local` (simulator), or move it
                                                                D ahead (90s, 15m, 2h, 1d): durable timers it passes fire
                  fuzz [--cases N] [--seed S]                   hostile variations of events and findings through both
                                                                Event Grid functions and explain-event: cases/s, refusals,
                                                                hangs, uncaught exceptions
                  bench [--promotions N] [--json] [--only PARTS]  measure speed and memory (figures, not assertions);
                                                                N promotions in flight at once (1-1000, default 100);
                                                                PARTS: intake,requests,http,accumulating,concurrent,
                                                                cold-start,ready,package (all by default)

                The promotion file is --config FILE, else the PROMOTER_CONFIG setting, else promotion.yaml;
                `local` on the simulator runs the demo configuration unless --config names one for the demo world.
                Exit codes: 0 success, 2 bad input (message on stderr).""");
    }

    /** Bad arguments: the message says what is wrong. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
