package io.acapromoter.local.cli;

import io.acapromoter.local.TrafficInjection;

import java.io.PrintStream;
import java.util.LinkedHashMap;
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
        Map<String, String> query = new LinkedHashMap<>();
        int port = 7071;
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (i + 1 >= args.size()) {
                throw new PromoterCli.UsageException(flag + " needs a value\n" + USAGE);
            }
            String value = args.get(++i);
            switch (flag) {
                case "--target" -> query.put("target", value);
                case "--error-rate" -> query.put("errorRate", value);
                case "--latency" -> query.put("latency", value);
                case "--revision" -> query.put("revision", value);
                case "--port" -> port = AdminRequest.port(value, USAGE);
                default -> throw new PromoterCli.UsageException("unknown option '" + flag + "'\n" + USAGE);
            }
        }
        if (!query.containsKey("target")) {
            throw new PromoterCli.UsageException(USAGE);
        }
        return AdminRequest.send("POST", port, TrafficInjection.ROUTE, query, out, err);
    }
}
