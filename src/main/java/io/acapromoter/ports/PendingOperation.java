package io.acapromoter.ports;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * A long-running ARM operation that was started and not waited for: where to ask how it goes.
 * ARM names it in one of two headers, and the two are read differently: the
 * {@code Azure-AsyncOperation} URL answers a status body ({@code InProgress}, {@code Succeeded},
 * {@code Failed} with an error); a {@code Location} URL answers 202 while the operation runs and
 * the final result (or the error) when it is over.
 *
 * @param kind which header named it
 * @param url  the URL to poll (absolute, https)
 */
public record PendingOperation(Kind kind, String url) {

    public enum Kind {
        AZURE_ASYNC_OPERATION, LOCATION
    }

    public PendingOperation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(url, "url");
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("operation URL is not a URL: '" + url + "'", e);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("operation URL must be an absolute https URL: '" + url + "'");
        }
    }

    /** {@code <kind> <url>}: the form it travels in through Durable payloads; {@link #parse} reads it back. */
    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + " " + url;
    }

    public static PendingOperation parse(String text) {
        Objects.requireNonNull(text, "text");
        int space = text.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("pending operation must read '<kind> <url>', got '" + text + "'");
        }
        String kind = text.substring(0, space).toUpperCase(Locale.ROOT);
        try {
            return new PendingOperation(Kind.valueOf(kind), text.substring(space + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pending operation '" + text + "': " + e.getMessage(), e);
        }
    }
}
