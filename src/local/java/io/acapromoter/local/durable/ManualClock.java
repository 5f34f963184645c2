package io.acapromoter.local.durable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that only moves when told to, so tests decide when durable timers are due.
 * Usually moved through {@link DurableDriver#advance(Duration)}, which also fires the timers it passes.
 */
public final class ManualClock extends Clock {

    private volatile Instant now;

    public ManualClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /** Starts at a fixed, readable instant so histories in test failures are easy to follow. */
    public static ManualClock startingAt(String isoInstant) {
        return new ManualClock(Instant.parse(isoInstant));
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("ManualClock is always UTC");
    }

    /** Moves the clock forward; time never goes back, as in Azure. */
    synchronized void moveTo(Instant instant) {
        if (instant.isBefore(now)) {
            throw new IllegalArgumentException("Clock cannot go back from " + now + " to " + instant);
        }
        now = instant;
    }
}
