package io.acapromoter.local.cli;

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

/** One request to an admin route of a running {@code bin/promoter local}, its answer printed. */
final class AdminRequest {

    private AdminRequest() {
    }

    /** Sends it; prints the answer to {@code out} (200) or {@code err}; the command's exit code. */
    static int send(String method, int port, String route, Map<String, String> query, PrintStream out, PrintStream err) {
        String params = query.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI uri = URI.create("http://localhost:" + port + route + (params.isEmpty() ? "" : "?" + params));
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody())
                                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
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

    /** A command's options: the route's query parameters and the local server's port (7071 unless {@code --port}). */
    record Options(Map<String, String> query, int port) {
    }

    /**
     * Reads {@code --flag value} pairs: each flag of {@code params} becomes the query parameter it names,
     * {@code --port} the port; anything else, or a flag without a value, is a usage error.
     */
    static Options options(List<String> args, Map<String, String> params, String usage) {
        Map<String, String> query = new LinkedHashMap<>();
        int port = 7071;
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (i + 1 >= args.size()) {
                throw new PromoterCli.UsageException(flag + " needs a value\n" + usage);
            }
            String value = args.get(++i);
            if (flag.equals("--port")) {
                try {
                    port = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw new PromoterCli.UsageException("--port needs a number, got '" + value + "'\n" + usage);
                }
            } else if (params.containsKey(flag)) {
                query.put(params.get(flag), value);
            } else {
                throw new PromoterCli.UsageException("unknown option '" + flag + "'\n" + usage);
            }
        }
        return new Options(query, port);
    }
}
