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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import javax.net.ssl.SSLContext;

/**
 * The simulator's HTTPS front door: ARM and the ACR data plane on one port. It matches the route,
 * applies injected faults, checks what Azure checks before any handler runs (bearer token,
 * api-version), and records every request.
 */
final class SimServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SimServer.class.getName());

    private final HttpsServer server;
    private final List<Route> routes;
    private final Faults faults;
    private final RequestLog log;
    private final Runnable refresh;

    SimServer(SSLContext ssl, ExecutorService executor, List<Route> routes, Faults faults, RequestLog log, Runnable refresh) {
        this.routes = List.copyOf(routes);
        this.faults = faults;
        this.log = log;
        this.refresh = refresh;
        try {
            TcpNoDelay.enable();
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the simulator", e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            SimRequest req = new SimRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
            Route route = null;
            for (Route r : routes) {
                Matcher m = r.path().matcher(req.path);
                if (r.method().equals(req.method) && m.matches()) {
                    route = r;
                    req.params = m;
                    break;
                }
            }
            String operation = route == null ? "Unknown" : route.operation();
            SimResponse response = respond(req, route);
            response.header("x-ms-request-id", UUID.randomUUID().toString());
            response.header("x-ms-correlation-request-id", Optional.ofNullable(req.header("x-ms-client-request-id")).orElse(UUID.randomUUID().toString()));
            log.add(new RecordedRequest(Instant.now(), req.method, req.path, req.query.get("api-version"), operation, response.status,
                    req.method.equals("PUT") || req.method.equals("PATCH") ? new String(body, java.nio.charset.StandardCharsets.UTF_8) : null));
            response.headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            boolean noBody = req.method.equals("HEAD") || response.body.length == 0;
            exchange.sendResponseHeaders(response.status, noBody ? -1 : response.body.length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body);
                }
            }
        }
    }

    private SimResponse respond(SimRequest req, Route route) {
        boolean arm = req.path.startsWith("/subscriptions/") || req.path.startsWith("/providers/");
        if (route == null) {
            return arm ? SimResponse.armError(404, "NoRegisteredProviderFound", "No route for " + req.method + " " + req.path + " in the simulator.")
                    : DataPlaneException.body(404, "NAME_UNKNOWN", "no route for " + req.method + " " + req.path);
        }
        Optional<Fault> delay = faults.take(Fault.Kind.DELAY, req.method, req.path);
        if (delay.isPresent()) {
            try {
                Thread.sleep(delay.get().delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Optional<Fault> status = faults.take(Fault.Kind.STATUS, req.method, req.path);
        if (status.isPresent()) {
            Fault f = status.get();
            SimResponse r = SimResponse.armError(f.status(), f.code() == null ? codeFor(f.status()) : f.code(), "Simulated fault: " + f.status() + " for " + req.method + " " + req.path + ".");
            if (f.retryAfterSeconds() >= 0) {
                r.header("Retry-After", Integer.toString(f.retryAfterSeconds()));
            }
            return r;
        }
        if (arm) {
            String auth = req.header("Authorization");
            if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.length() <= 7) {
                return SimResponse.armError(401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.")
                        .header("WWW-Authenticate", "Bearer authorization_uri=\"https://login.microsoftonline.com/" + AzureSimulator.DEFAULT_TENANT
                                + "\", error=\"invalid_token\", error_description=\"The authentication failed because of missing 'Authorization' header.\"");
            }
            if (req.query.get("api-version") == null) {
                return SimResponse.armError(400, "MissingApiVersionParameter",
                        "The api-version query parameter (?api-version=) is required for all requests.");
            }
        }
        try {
            refresh.run();
            return route.handler().handle(req);
        } catch (ArmException e) {
            return SimResponse.armError(e.status, e.code, e.getMessage());
        } catch (DataPlaneException e) {
            return e.response();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "simulator route failed: " + req.method + " " + req.path, e);
            return SimResponse.armError(500, "InternalServerError", "The simulator failed: " + e);
        }
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 429 -> "TooManyRequests";
            case 500 -> "InternalServerError";
            case 502 -> "BadGateway";
            case 503 -> "ServiceUnavailable";
            case 504 -> "GatewayTimeout";
            case 409 -> "Conflict";
            default -> "SimulatedFault";
        };
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static List<Route> concat(List<List<Route>> lists) {
        List<Route> all = new ArrayList<>();
        lists.forEach(all::addAll);
        return all;
    }
}
