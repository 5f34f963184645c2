package io.acapromoter.local.durable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The wall clock, moved ahead on request: {@code bin/promoter local} runs on it so a person can jump
 * over a wait (a rollout window, a monitor window) with {@code bin/promoter clock --advance}, through
 * {@link DurableDriver#advance(Duration)}, which fires the timers it passes in order. Time never goes
 * back: the shift only grows. Local only; nothing in Azure moves a clock.
 */
public final class ShiftedClock extends Clock {

    private final Clock wall;
    private volatile Duration shift = Duration.ZERO;

    public ShiftedClock(Clock wall) {
        this.wall = Objects.requireNonNull(wall, "wall");
    }

    /** How far ahead of the wall clock this clock is. */
    public Duration shift() {
        return shift;
    }

    @Override
    public Instant instant() {
        return wall.instant().plus(shift);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("ShiftedClock is always UTC");
    }

    /** Moves the clock to {@code instant} if that is ahead of it; an instant already passed changes nothing. */
    synchronized void moveTo(Instant instant) {
        Duration gap = Duration.between(instant(), instant);
        if (!gap.isNegative() && !gap.isZero()) {
            shift = shift.plus(gap);
        }
    }

    @Override
    public String toString() {
        return "ShiftedClock[wall + " + shift + "]";
    }
}
