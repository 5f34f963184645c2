package io.acapromoter.local.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.acapromoter.approval.Response;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Function App's HTTP surface on a local port, so the same {@code curl} works against both:
 * {@code POST /runtime/webhooks/EventGrid?functionName=…} (with the validation handshake) and the
 * {@code /api/...} routes. Routes are handlers given by the local runtime; this class only speaks HTTP.
 */
public final class LocalServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalServer.class.getName());
    private static final int MAX_BODY = 1024 * 1024;
    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("\\d{1,18}");
    /** Enough for a browser, curl loops and Event Grid retries at once; slow clients are cut off by the timeouts. */
    static final int THREADS = 32;
    /** Seconds a client may take to send its request, and the server to answer (the JDK server's own limits). */
    static final String REQUEST_SECONDS = "10";
    private static final String RESPONSE_SECONDS = "60";
    /** An over-limit body is read and dropped up to this much, so the client gets the 413 rather than a reset. */
    private static final long MAX_DRAIN = 64L * 1024 * 1024;

    static {
        // Read once when the JDK's HTTP server is first used; without them a client that never finishes its
        // request holds a thread for ever.
        System.setProperty("sun.net.httpserver.maxReqTime", System.getProperty("sun.net.httpserver.maxReqTime", REQUEST_SECONDS));
        System.setProperty("sun.net.httpserver.maxRspTime", System.getProperty("sun.net.httpserver.maxRspTime", RESPONSE_SECONDS));
    }

    /** One route: method, path, query, headers, body → reply. */
    @FunctionalInterface
    public interface Route {
        Response handle(Request request);
    }

    /**
     * An incoming request.
     *
     * @param path    the path after the route's prefix
     * @param headers header names in lower case
     */
    public record Request(String method, String path, Map<String, String> query, Map<String, String> headers,
                          String body, String remoteAddress) {
    }

    private final HttpServer server;

    public LocalServer(int port, Map<String, Route> routesByPrefix) throws IOException {
        io.acapromoter.local.sim.TcpNoDelay.enable();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "local-server");
            t.setDaemon(true);
            return t;
        }));
        Map<String, Route> routes = new LinkedHashMap<>(routesByPrefix);
        routes.forEach((prefix, route) -> server.createContext(prefix, exchange -> serve(exchange, prefix, route)));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://localhost:" + port();
    }

    public void start() {
        server.start();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private static void serve(HttpExchange exchange, String prefix, Route route) throws IOException {
        try (exchange) {
            Response reply;
            try {
                Request request = read(exchange, prefix);
                reply = route.handle(request);
            } catch (BodyTooLarge e) {
                reply = text(413, "request body larger than " + MAX_BODY + " bytes\n");
            } catch (IllegalArgumentException e) {
                // A malformed query (bad %-escape) or path: the client's mistake, said without naming code.
                reply = text(400, "malformed request: the path or query cannot be decoded\n");
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "request " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()
                        + " failed", e);
                reply = text(500, "internal error; the local log has the details\n");
            }
            byte[] body = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        }
    }

    private static Request read(HttpExchange exchange, String prefix) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(prefix.length());
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = declared != null && DIGITS.matcher(declared.strip()).matches() && Long.parseLong(declared.strip()) > MAX_BODY
                    ? new byte[MAX_BODY + 1] : in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                drain(in);
                throw new BodyTooLarge();
            }
        }
        return new Request(exchange.getRequestMethod(), path, query(exchange.getRequestURI().getRawQuery()), headers,
                new String(bytes, StandardCharsets.UTF_8), exchange.getRemoteAddress().getAddress().getHostAddress());
    }

    private static void drain(InputStream in) throws IOException {
        byte[] sink = new byte[64 * 1024];
        long read = 0;
        for (int n; read < MAX_DRAIN && (n = in.read(sink)) >= 0; ) {
            read += n;
        }
    }

    /** A plain-text answer. */
    public static Response text(int status, String body) {
        return new Response(status, Map.of("Content-Type", "text/plain; charset=utf-8"), body);
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(key, value);
        }
        return out;
    }

    private static final class BodyTooLarge extends RuntimeException {
    }
}
