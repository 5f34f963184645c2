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
    private final boolean followed;

    private SimClock(Clock wall, Instant start) {
        this(wall, start, false);
    }

    private SimClock(Clock wall, Instant start, boolean followed) {
        this.wall = wall;
        this.manualNow = start == null ? null : new AtomicReference<>(start);
        this.followed = followed;
    }

    /** A clock that only moves when {@link #advance(Duration)} is called. */
    public static SimClock manual(Instant start) {
        return new SimClock(null, Objects.requireNonNull(start, "start"));
    }

    /**
     * A clock that reads another clock, e.g. the in-memory Durable driver's {@code ManualClock}, so
     * the orchestrations and the simulated Azure share one time. It counts as manual (no background
     * tick: due changes apply on the next access); its owner moves it, {@link #advance} is refused.
     */
    public static SimClock following(Clock owner) {
        return new SimClock(Objects.requireNonNull(owner, "owner"), null, true);
    }

    /** A clock that follows the wall clock; {@link #advance(Duration)} is refused. */
    public static SimClock system() {
        return wall(Clock.systemUTC());
    }

    /**
     * A clock that follows {@code wall}, a clock that runs by itself (the wall clock, or the local runtime's
     * wall clock that {@code bin/promoter clock} moves ahead): not manual, so the simulator ticks on its own.
     */
    public static SimClock wall(Clock wall) {
        return new SimClock(Objects.requireNonNull(wall, "wall"), null);
    }

    public Instant now() {
        return manualNow != null ? manualNow.get() : wall.instant();
    }

    public boolean isManual() {
        return manualNow != null || followed;
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
