package io.acapromoter.local.durable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Wall-clock time running {@code factor} times faster from the moment it is created, so a local demo
 * does not wait a real hour for an approval deadline. A factor of 1 is the system clock.
 */
public final class ScaledClock extends Clock {

    private final Instant origin;
    private final long originNanos;
    private final double factor;

    public ScaledClock(double factor) {
        if (!(factor >= 1.0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("Speed-up factor must be a finite number >= 1, got " + factor);
        }
        this.origin = Instant.now();
        this.originNanos = System.nanoTime();
        this.factor = factor;
    }

    public double factor() {
        return factor;
    }

    @Override
    public Instant instant() {
        long elapsed = System.nanoTime() - originNanos;
        return origin.plusNanos((long) (elapsed * factor));
    }

    /** How long to sleep on the wall clock until this clock has moved by {@code clockTime}. */
    Duration wallTimeFor(Duration clockTime) {
        return Duration.ofNanos((long) (clockTime.toNanos() / factor));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("ScaledClock is always UTC");
    }
}
