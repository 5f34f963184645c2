package io.acapromoter.local.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The simulator's source of time. Tests use {@link #manual(Instant)} and move it with
 * {@link #advance(Duration)}; local runs use {@link #system()} so provisioning and task runs
 * progress on their own.
 */
public final class SimClock {
    private final Clock wall;
    private final AtomicReference<Instant> manualNow;

    private SimClock(Clock wall, Instant start) {
        this.wall = wall;
        this.manualNow = start == null ? null : new AtomicReference<>(start);
    }

    /** A clock that only moves when {@link #advance(Duration)} is called. */
    public static SimClock manual(Instant start) {
        return new SimClock(null, Objects.requireNonNull(start, "start"));
    }

    /** A clock that follows the wall clock; {@link #advance(Duration)} is refused. */
    public static SimClock system() {
        return new SimClock(Clock.systemUTC(), null);
    }

    public Instant now() {
        return manualNow != null ? manualNow.get() : wall.instant();
    }

    public boolean isManual() {
        return manualNow != null;
    }

    /** Moves a manual clock forward. The simulator applies due state changes on its next access. */
    public void advance(Duration by) {
        if (manualNow == null) {
            throw new IllegalStateException("the system clock cannot be advanced; use SimClock.manual(...)");
        }
        if (by.isNegative()) {
            throw new IllegalArgumentException("time only moves forward, got " + by);
        }
        manualNow.updateAndGet(t -> t.plus(by));
    }
}
