package io.acapromoter.local.sim;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A fault the simulator injects into matching requests. Built fluently and immutable:
 * {@code Fault.status(429).retryAfterSeconds(1).times(2).on("PATCH", ".*}{@code /containerApps/.*")}.
 * Without {@link #times(int)} a fault applies to every matching request.
 *
 * @param kind what happens to the request
 * @param status the HTTP status answered, for {@link Kind#STATUS}
 * @param retryAfterSeconds the {@code Retry-After} header value, or -1 for none
 * @param delay how long the answer is held back (wall-clock), for {@link Kind#DELAY}
 * @param times how many matching requests are affected, or -1 for all
 * @param method the HTTP method matched (case-insensitive), or null for any
 * @param pathRegex the regular expression the whole request path (no query) must match, or null before {@link #on}
 * @param code the ARM error code answered with a {@link Kind#STATUS} fault, or null for the status's generic one
 */
public record Fault(Kind kind, int status, int retryAfterSeconds, Duration delay, int times, String method, Pattern pathRegex,
                    String code) {

    /** What a fault does. */
    public enum Kind {
        /** Answer with an error status (and ARM error body) instead of serving the request. */
        STATUS,
        /** Hold the answer back (e.g. longer than the client timeout), then serve it. */
        DELAY,
        /** Accept a long-running request but let its operation end as Failed. */
        FAILED_OPERATION,
        /** Accept the request but let the revision it creates fail provisioning. */
        FAILED_PROVISIONING
    }

    public Fault {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.STATUS && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("a status fault needs a 4xx or 5xx status, got " + status);
        }
        if (times == 0 || times < -1) {
            throw new IllegalArgumentException("times must be positive, got " + times);
        }
    }

    public static Fault status(int status) {
        return new Fault(Kind.STATUS, status, -1, Duration.ZERO, -1, null, null, null);
    }

    public static Fault delay(Duration delay) {
        if (delay.isNegative() || delay.isZero()) {
            throw new IllegalArgumentException("delay must be positive, got " + delay);
        }
        return new Fault(Kind.DELAY, 0, -1, delay, -1, null, null, null);
    }

    public static Fault failedOperation() {
        return new Fault(Kind.FAILED_OPERATION, 0, -1, Duration.ZERO, -1, null, null, null);
    }

    public static Fault failedProvisioning() {
        return new Fault(Kind.FAILED_PROVISIONING, 0, -1, Duration.ZERO, -1, null, null, null);
    }

    public Fault retryAfterSeconds(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("Retry-After must not be negative, got " + seconds);
        }
        return new Fault(kind, status, seconds, delay, times, method, pathRegex, code);
    }

    /** The ARM error code the fault answers with, e.g. {@code ContainerAppOperationInProgress} for a 409. */
    public Fault code(String armCode) {
        return new Fault(kind, status, retryAfterSeconds, delay, times, method, pathRegex, armCode);
    }

    public Fault times(int n) {
        return new Fault(kind, status, retryAfterSeconds, delay, n, method, pathRegex, code);
    }

    public Fault always() {
        return new Fault(kind, status, retryAfterSeconds, delay, -1, method, pathRegex, code);
    }

    /** Limits the fault to requests with this method (null or "*" for any) whose path matches the regex. */
    public Fault on(String method, String pathRegex) {
        String m = method == null || method.equals("*") ? null : method.toUpperCase(java.util.Locale.ROOT);
        return new Fault(kind, status, retryAfterSeconds, delay, times, m, Pattern.compile(pathRegex), code);
    }

    boolean matches(String requestMethod, String path) {
        return (method == null || method.equalsIgnoreCase(requestMethod))
                && (pathRegex == null || pathRegex.matcher(path).matches());
    }
}
