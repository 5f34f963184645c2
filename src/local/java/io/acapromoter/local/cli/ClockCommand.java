package io.acapromoter.local.cli;

import io.acapromoter.local.LocalClock;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code clock [--advance D] [--port N]}: shows the clock of a running {@code bin/promoter local} (on the
 * simulator), or moves it D ahead so durable timers (a rollout window's wait, a monitor window) fire now.
 */
final class ClockCommand {

    static final String USAGE = "usage: bin/promoter clock [--advance 90s|15m|2h|1d] [--port N]";

    private final PrintStream out;
    private final PrintStream err;

    ClockCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        AdminRequest.Options options = AdminRequest.options(args, Map.of("--advance", "advance"), USAGE);
        return AdminRequest.send(options.query().isEmpty() ? "GET" : "POST", options.port(), LocalClock.ROUTE, options.query(),
                out, err);
    }
}
