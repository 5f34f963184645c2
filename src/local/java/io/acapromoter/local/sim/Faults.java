package io.acapromoter.local.sim;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** The faults waiting to be injected; each request consumes at most one per kind. */
public final class Faults {
    private final List<Slot> slots = new ArrayList<>();

    private static final class Slot {
        final Fault fault;
        int remaining;

        Slot(Fault fault) {
            this.fault = fault;
            this.remaining = fault.times();
        }
    }

    /** Adds a fault; it must name its route with {@link Fault#on(String, String)}. */
    public synchronized Faults inject(Fault fault) {
        if (fault.pathRegex() == null) {
            throw new IllegalArgumentException("say which requests the fault hits: fault.on(method, pathRegex)");
        }
        slots.add(new Slot(fault));
        return this;
    }

    public synchronized void clear() {
        slots.clear();
    }

    /** The faults still armed (with their original counts). */
    public synchronized List<Fault> pending() {
        return slots.stream().map(s -> s.fault).toList();
    }

    /** Takes one use of the first armed fault of this kind that matches the request. */
    synchronized Optional<Fault> take(Fault.Kind kind, String method, String path) {
        Iterator<Slot> it = slots.iterator();
        while (it.hasNext()) {
            Slot s = it.next();
            if (s.fault.kind() == kind && s.fault.matches(method, path)) {
                if (s.remaining > 0 && --s.remaining == 0) {
                    it.remove();
                }
                return Optional.of(s.fault);
            }
        }
        return Optional.empty();
    }
}
