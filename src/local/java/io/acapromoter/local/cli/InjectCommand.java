package io.acapromoter.local.cli;

import io.acapromoter.local.TrafficInjection;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
                case "--port" -> {
                    try {
                        port = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new PromoterCli.UsageException("--port needs a number, got '" + value + "'\n" + USAGE);
                    }
                }
                default -> throw new PromoterCli.UsageException("unknown option '" + flag + "'\n" + USAGE);
            }
        }
        if (!query.containsKey("target")) {
            throw new PromoterCli.UsageException(USAGE);
        }
        String params = query.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI uri = URI.create("http://localhost:" + port + TrafficInjection.ROUTE + "?" + params);
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.ofString());
            (response.statusCode() == 200 ? out : err).print(response.body());
            return response.statusCode() == 200 ? PromoterCli.OK : PromoterCli.BAD_INPUT;
        } catch (IOException e) {
            err.println("nothing answers on localhost:" + port + " (is `bin/promoter local` running there? --port N): " + e);
            return PromoterCli.FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PromoterCli.FAILURE;
        }
    }
}
