package io.acapromoter.local.sim;

/**
 * The JDK's HTTP server writes a response's headers and body separately and leaves Nagle's
 * algorithm on: with the client's delayed ACK every small response waited about 40 ms (one event
 * per request topped out near 90 requests a second). The server reads this property once, when the
 * first server of the JVM starts, so every local server calls this before it creates one.
 */
public final class TcpNoDelay {

    static final String PROPERTY = "sun.net.httpserver.nodelay";

    private TcpNoDelay() {
    }

    public static void enable() {
        System.setProperty(PROPERTY, "true");
    }
}
