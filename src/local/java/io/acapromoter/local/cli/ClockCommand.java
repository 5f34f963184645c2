package io.acapromoter.local.cli;

import io.acapromoter.local.LocalClock;

import java.io.PrintStream;
import java.util.LinkedHashMap;
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
        Map<String, String> query = new LinkedHashMap<>();
        int port = 7071;
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (i + 1 >= args.size()) {
                throw new PromoterCli.UsageException(flag + " needs a value\n" + USAGE);
            }
            String value = args.get(++i);
            switch (flag) {
                case "--advance" -> query.put("advance", value);
                case "--port" -> port = AdminRequest.port(value, USAGE);
                default -> throw new PromoterCli.UsageException("unknown option '" + flag + "'\n" + USAGE);
            }
        }
        return AdminRequest.send(query.isEmpty() ? "GET" : "POST", port, LocalClock.ROUTE, query, out, err);
    }
}
