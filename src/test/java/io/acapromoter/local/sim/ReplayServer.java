package io.acapromoter.local.sim;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves recorded Azure answers ({@link Recorded}) on their routes, over HTTPS with the
 * simulator's test certificate: ARM on {@code https://localhost:<port>/}, every
 * {@code *.azurecr.io} login server through a CONNECT proxy to the same port. Answers for one
 * route are served in the order given, the last one repeating. Absolute
 * {@code https://management.azure.com} URLs in recorded headers and bodies are rewritten to this
 * server, so long-running-operation headers lead back here. A registry request without a bearer
 * token gets the recorded 401 challenge, its scope filled for the request, as ACR answers.
 */
public final class ReplayServer implements AutoCloseable {

    private static final String ARM = "https://management.azure.com";

    /** One request as the server saw it. */
    public record Seen(String method, String host, String path, String query, Map<String, String> headers, String body) {
    }

    private final HttpsServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "replay-server");
        t.setDaemon(true);
        return t;
    });
    private final IngressProxy proxy;
    private final Map<String, Deque<Recorded>> routes = new LinkedHashMap<>();
    private final List<Seen> seen = new ArrayList<>();
    private Recorded challenge;

    public ReplayServer() {
        try {
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the replay server", e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(SimTls.sslContext()));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        proxy = new IngressProxy(executor, host -> server.getAddress().getPort(), server.getAddress().getPort());
    }

    public String armEndpoint() {
        return "https://localhost:" + server.getAddress().getPort() + "/";
    }

    /** An SDK HTTP client that trusts the test certificate and reaches {@code *.azurecr.io} here. */
    public HttpClient httpClient() {
        return new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(SimTls.sslContext())
                .proxy(proxy.selector()).connectTimeout(Duration.ofSeconds(5))).responseTimeout(Duration.ofSeconds(10)).build();
    }

    /** Serves {@code answer} on its own recorded method and path. */
    public ReplayServer serve(Recorded... answers) {
        for (Recorded answer : answers) {
            serveAt(answer.method(), answer.path(), answer);
        }
        return this;
    }

    /** Serves {@code answer} on another route (a recorded body re-homed under the scenario's resource). */
    public synchronized ReplayServer serveAt(String method, String path, Recorded answer) {
        routes.computeIfAbsent(method.toUpperCase(Locale.ROOT) + " " + path.toLowerCase(Locale.ROOT), k -> new ArrayDeque<>()).add(answer);
        return this;
    }

    /** The 401 a registry answers to a request without a token ({@code {scope}} is filled per request). */
    public synchronized ReplayServer challengeWith(Recorded answer) {
        this.challenge = answer;
        return this;
    }

    public synchronized List<Seen> requests() {
        return List.copyOf(seen);
    }

    public List<Seen> requests(String method, String pathPart) {
        return requests().stream().filter(s -> s.method().equals(method) && s.path().contains(pathPart)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] requestBody;
            try (InputStream in = exchange.getRequestBody()) {
                requestBody = in.readAllBytes();
            }
            String method = exchange.getRequestMethod();
            String path = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            Recorded answer;
            String scope = null;
            synchronized (this) {
                seen.add(new Seen(method, headers.getOrDefault("host", ""), path, exchange.getRequestURI().getRawQuery(), headers,
                        new String(requestBody, StandardCharsets.UTF_8)));
                boolean registry = path.startsWith("/v2/") || path.startsWith("/acr/v1/");
                String auth = headers.get("authorization");
                if (registry && challenge != null && (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7))) {
                    answer = challenge;
                    scope = scopeFor(path);
                } else {
                    Deque<Recorded> queue = routes.get(method.toUpperCase(Locale.ROOT) + " " + path.toLowerCase(Locale.ROOT));
                    answer = queue == null || queue.isEmpty() ? null : queue.size() > 1 ? queue.poll() : queue.peek();
                }
            }
            if (answer == null) {
                byte[] body = ("{\"error\":{\"code\":\"NotRecorded\",\"message\":\"no recorded answer for " + method + " " + path + "\"}}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(404, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
                return;
            }
            String base = armEndpoint().substring(0, armEndpoint().length() - 1);
            for (Map.Entry<String, String> h : answer.headers().entrySet()) {
                String value = h.getValue().replace(ARM, base);
                exchange.getResponseHeaders().set(h.getKey(), scope == null ? value : value.replace("{scope}", scope));
            }
            byte[] body = answer.bodyBytes();
            String text = new String(body, StandardCharsets.UTF_8);
            if (text.contains(ARM)) {
                body = text.replace(ARM, base).getBytes(StandardCharsets.UTF_8);
            }
            boolean none = method.equals("HEAD") || body.length == 0;
            exchange.sendResponseHeaders(answer.status(), none ? -1 : body.length);
            if (!none) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    /** The scope ACR names in its challenge: pull for content, metadata_read for the ACR metadata API. */
    private static String scopeFor(String path) {
        if (path.startsWith("/acr/v1/")) {
            String rest = path.substring("/acr/v1/".length());
            int cut = rest.indexOf("/_");
            return cut < 0 ? "registry:catalog:*" : "repository:" + rest.substring(0, cut) + ":metadata_read";
        }
        String rest = path.substring("/v2/".length());
        for (String marker : List.of("/manifests/", "/referrers/", "/blobs/", "/tags/")) {
            int cut = rest.indexOf(marker);
            if (cut > 0) {
                return "repository:" + rest.substring(0, cut) + ":pull";
            }
        }
        return "registry:catalog:*";
    }

    @Override
    public void close() {
        proxy.close();
        server.stop(0);
        executor.shutdownNow();
    }
}
