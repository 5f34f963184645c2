package io.acapromoter.local.cli;

import io.acapromoter.local.TrafficInjection;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code inject --target T [--error-rate R] [--latency D] [--revision NAME] [--port N]}: tells a running
 * {@code bin/promoter local} (on the simulator) that the simulated users' requests to the target's newest revision
 * now fail at R and take D, so a canary analysis has something to catch.
 */
final class InjectCommand {

    static final String USAGE = "usage: bin/promoter inject --target T [--error-rate 0..1] [--latency 900ms] [--revision NAME] [--port N]";

    private final PrintStream out;
    private final PrintStream err;

    InjectCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        AdminRequest.Options options = AdminRequest.options(args, Map.of("--target", "target", "--error-rate", "errorRate",
                "--latency", "latency", "--revision", "revision"), USAGE);
        if (!options.query().containsKey("target")) {
            throw new PromoterCli.UsageException(USAGE);
        }
        return AdminRequest.send("POST", options.port(), TrafficInjection.ROUTE, options.query(), out, err);
    }
}
