package io.acapromoter.local;

import io.acapromoter.approval.Response;
import io.acapromoter.local.durable.ShiftedClock;
import io.acapromoter.local.server.LocalServer;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /admin/clock} (what time the local runtime has) and {@code POST /admin/clock?advance=2h} (move it
 * ahead) on the local server of {@code bin/promoter local} on the simulator: the runtime runs on the wall clock
 * shifted by what has been advanced, so a person can watch a rollout window open, a monitor window pass or an
 * approval expire without waiting. The Durable driver fires the timers the move passes, in order, and the
 * simulator follows the same clock. What {@code bin/promoter clock} calls. Never in the Function App.
 */
public final class LocalClock {

    public static final String ROUTE = "/admin/clock";
    /** The longest single move: enough for a week-end's window, short of a typo's year. */
    static final Duration MAX = Duration.ofDays(14);
    private static final Pattern AMOUNT = Pattern.compile("(\\d{1,6})\\s*(s|m|min|h|d)");

    private LocalClock() {
    }

    public static LocalServer.Route route(LocalRuntime rt) {
        return r -> switch (r.method()) {
            case "GET" -> LocalServer.text(200, describe(rt) + "\n");
            case "POST" -> {
                try {
                    yield LocalServer.text(200, advance(rt, r.query()) + "\n");
                } catch (IllegalArgumentException | IllegalStateException e) {
                    yield LocalServer.text(400, e.getMessage() + "\n");
                }
            }
            default -> new Response(405, Map.of("Content-Type", "text/plain", "Allow", "GET, POST"), "GET or POST\n");
        };
    }

    static String advance(LocalRuntime rt, Map<String, String> query) {
        String given = Optional.ofNullable(query.get("advance")).map(String::strip).filter(v -> !v.isEmpty())
                .orElseThrow(() -> new IllegalArgumentException("advance is required: how far to move the clock (90s, 15m, 2h, 1d)"));
        Duration by = duration(given);
        if (!(rt.driver().clock() instanceof ShiftedClock)) {
            throw new IllegalStateException("this runtime's clock (" + rt.driver().clock() + ") is not one that can be moved ahead");
        }
        Instant from = rt.driver().clock().instant();
        rt.driver().advance(by);
        return "clock moved " + given + " ahead: " + from + " -> " + rt.driver().clock().instant() + "; " + describe(rt);
    }

    static String describe(LocalRuntime rt) {
        String shift = rt.driver().clock() instanceof ShiftedClock s ? s.shift().toString() : "not movable";
        return "local clock " + rt.driver().clock().instant() + " (ahead of the wall clock by " + shift + ")"
                + rt.driver().nextTimer().map(t -> "; next durable timer at " + t).orElse("; no durable timer pending");
    }

    /** {@code 90s}, {@code 15m} or {@code 15min}, {@code 2h}, {@code 1d}: a whole amount, more than zero, at most {@link #MAX}. */
    static Duration duration(String text) {
        Matcher m = AMOUNT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("advance must be a whole amount with a unit (90s, 15m, 2h, 1d), got '"
                    + text.replaceAll("\\p{Cntrl}", "?") + "'");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m", "min" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.isZero() || d.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("advance must be more than 0 and at most " + MAX.toDays() + " days, got '" + text + "'");
        }
        return d;
    }
}
