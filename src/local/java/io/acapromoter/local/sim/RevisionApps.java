package io.acapromoter.local.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;
import javax.net.ssl.SSLContext;

/**
 * The small apps that stand in for running revisions. One HTTPS server answers for all of them,
 * as Azure's ingress does: each request goes to the app its {@code Host} names (the router, the
 * Container Apps backend, picks the revision by label, name or traffic weight), and hosts with
 * nothing behind them get Azure's 404 page. An app is a handler registered under an id, not a
 * server of its own: a thousand revisions cost a thousand map entries, not a thousand servers.
 */
final class RevisionApps implements AutoCloseable {
    /** The id {@link #start} never gives: "nothing serves this host". */
    static final int NOT_FOUND = 0;

    private final HttpsServer server;
    private final Map<Integer, BiFunction<String, String, SimResponse>> apps = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(NOT_FOUND);
    private volatile ToIntFunction<String> router = host -> NOT_FOUND;
    private volatile boolean closed;

    RevisionApps(SSLContext ssl, ExecutorService executor) {
        TcpNoDelay.enable();
        try {
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the revision apps' server", e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
        apps.put(NOT_FOUND, (method, path) -> SimResponse.text(404, "Error 404 - This Container App is stopped or does not exist."));
    }

    /** The one port every app host is tunnelled to. */
    int port() {
        return server.getAddress().getPort();
    }

    /** Which app id serves a host name ({@link #NOT_FOUND} for none). */
    void routeBy(ToIntFunction<String> router) {
        this.router = router;
    }

    int notFoundPort() {
        return NOT_FOUND;
    }

    /** Registers an app whose answers come from {@code app(method, path)}; returns its id. */
    int start(BiFunction<String, String, SimResponse> app) {
        if (closed) {
            throw new IllegalStateException("the simulator is closed");
        }
        int id = ids.incrementAndGet();
        apps.put(id, app);
        return id;
    }

    void stop(int id) {
        if (id != NOT_FOUND) {
            apps.remove(id);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
            String host = exchange.getRequestHeaders().getFirst("Host");
            host = host == null ? "" : host.replaceFirst(":\\d+$", "").toLowerCase(Locale.ROOT);
            BiFunction<String, String, SimResponse> app = apps.getOrDefault(router.applyAsInt(host), apps.get(NOT_FOUND));
            SimResponse response = app.apply(exchange.getRequestMethod(), exchange.getRequestURI().getPath());
            response.headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            // Azure's ingress routes each request; answers here close the connection as before.
            exchange.getResponseHeaders().set("Connection", "close");
            boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
            exchange.sendResponseHeaders(response.status, head || response.body.length == 0 ? -1 : response.body.length);
            if (!head && response.body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body);
                }
            }
        }
    }

    /** Stops the server; a request still in flight cannot start a new app afterwards. */
    @Override
    public void close() {
        closed = true;
        apps.clear();
        server.stop(0);
    }
}
