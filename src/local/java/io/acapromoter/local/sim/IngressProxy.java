package io.acapromoter.local.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.function.ToIntFunction;

/**
 * An HTTP CONNECT proxy that makes the simulated Azure host names reachable: app, label and
 * revision hosts under the environment domain go to the revision app that would serve them,
 * {@code *.azurecr.io} goes to the simulator's own server. TLS passes through untouched, so the
 * client verifies the host name against the simulator's certificate as it would against Azure's.
 */
final class IngressProxy implements AutoCloseable {
    private final ServerSocket server;
    private final ExecutorService executor;
    private final ToIntFunction<String> appPort;
    private final int registryPort;
    private volatile boolean closed;

    IngressProxy(ExecutorService executor, ToIntFunction<String> appPort, int registryPort) {
        this.executor = executor;
        this.appPort = appPort;
        this.registryPort = registryPort;
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the ingress proxy", e);
        }
        Thread acceptor = new Thread(this::acceptLoop, "azure-sim-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static boolean handles(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.endsWith(SimTls.REGISTRY_SUFFIX) || h.endsWith("." + SimTls.APPS_DOMAIN);
    }

    ProxySelector selector() {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return uri.getHost() != null && handles(uri.getHost()) ? List.of(new Proxy(Proxy.Type.HTTP, address)) : List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                // nothing to fall back to: the simulated hosts exist only behind this proxy
            }
        };
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                executor.execute(() -> tunnel(client));
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    private void tunnel(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String head = readHead(in);
            String[] requestLine = head.split("\r\n", 2)[0].split(" ");
            if (requestLine.length >= 3 && requestLine[1].startsWith("http://")) {
                // Container Apps ingress (allowInsecure=false) redirects plain HTTP to HTTPS.
                String location = "https://" + requestLine[1].substring("http://".length());
                out.write(("HTTP/1.1 301 Moved Permanently\r\nLocation: " + location + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                return;
            }
            if (requestLine.length < 3 || !requestLine[0].equalsIgnoreCase("CONNECT")) {
                out.write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            String authority = requestLine[1];
            String host = authority.contains(":") ? authority.substring(0, authority.lastIndexOf(':')) : authority;
            if (!handles(host)) {
                out.write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            int port = host.toLowerCase(Locale.ROOT).endsWith(SimTls.REGISTRY_SUFFIX) ? registryPort : appPort.applyAsInt(host);
            try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), port)) {
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                executor.execute(() -> pump(upstream, client));
                pump(client, upstream);
            }
        } catch (IOException ignored) {
            // the client or the revision app went away; the tunnel just ends
        }
    }

    private static void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException ignored) {
            // one side closed
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > 16_384) {
                throw new IOException("proxy request head too long");
            }
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
