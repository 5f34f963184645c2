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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.BiFunction;
import javax.net.ssl.SSLContext;

/**
 * The small HTTPS apps that stand in for running revisions, one server per active revision on its
 * own port, plus one that answers for hosts with nothing behind them (as Azure's 404 page does).
 */
final class RevisionApps implements AutoCloseable {
    private boolean closed;
    private final SSLContext ssl;
    private final ExecutorService executor;
    private final Map<Integer, HttpsServer> servers = new ConcurrentHashMap<>();
    private final int notFoundPort;

    RevisionApps(SSLContext ssl, ExecutorService executor) {
        this.ssl = ssl;
        this.executor = executor;
        this.notFoundPort = start((method, path) -> SimResponse.text(404,
                "Error 404 - This Container App is stopped or does not exist."));
    }

    int notFoundPort() {
        return notFoundPort;
    }

    /** Starts a server whose answers come from {@code app(method, path)}; returns its port. */
    synchronized int start(BiFunction<String, String, SimResponse> app) {
        if (closed) {
            throw new IllegalStateException("the simulator is closed");
        }
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(ssl));
            server.setExecutor(executor);
            server.createContext("/", exchange -> serve(exchange, app));
            server.start();
            int port = server.getAddress().getPort();
            servers.put(port, server);
            return port;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a revision app", e);
        }
    }

    synchronized void stop(int port) {
        HttpsServer server = servers.remove(port);
        if (server != null) {
            server.stop(0);
        }
    }

    private static void serve(HttpExchange exchange, BiFunction<String, String, SimResponse> app) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
            SimResponse response = app.apply(exchange.getRequestMethod(), exchange.getRequestURI().getPath());
            response.headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            // Azure's ingress routes each request; a tunnel is bound to one revision app, so no reuse.
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

    /** Stops every app; a request still in flight cannot start a new one afterwards. */
    @Override
    public synchronized void close() {
        closed = true;
        for (Integer port : List.copyOf(servers.keySet())) {
            stop(port);
        }
    }
}
