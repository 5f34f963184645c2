package io.acapromoter.local.durable;

import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * The driver's state: instances, which of them have new events, activities waiting to run, and timers
 * by fire time. Not thread-safe by itself; the driver holds its lock around every call.
 */
final class WorkQueues {

    record ActivityWork(String instanceId, String executionId, int taskId, String name, String inputJson) {
    }

    record TimerWork(Instant fireAt, long sequence, String instanceId, String executionId, int timerId) {
    }

    final Map<String, Instance> instances = new LinkedHashMap<>();
    /** The same instances by id, so a prefix (one target's promotions) is found without a scan of them all. */
    private final NavigableMap<String, Instance> byId = new TreeMap<>();
    /**
     * Instances not yet seen finished, by id, so the live ones of a prefix (what supersession and the rollout
     * claim ask for at every step) cost what the live ones cost, not what every promotion of the target
     * ever cost. A finished instance never runs again (starts are refused for an existing id), so one seen
     * finished is dropped as it is met.
     */
    private final NavigableMap<String, Instance> notSeenFinished = new TreeMap<>();
    /**
     * Instances that may have changed since the driver last journaled: everything that changes an instance
     * adds it here (a new instance, an event for it, its episode, its termination), so journaling costs
     * what changed, not every instance there is.
     */
    private final Set<String> touched = new LinkedHashSet<>();
    /** Scheduling order, to tell the newest apart when the clock stood still. */
    private final Map<String, Long> scheduled = new HashMap<>();
    private final LinkedHashSet<String> runnable = new LinkedHashSet<>();
    private final ArrayDeque<ActivityWork> activities = new ArrayDeque<>();
    private final PriorityQueue<TimerWork> timers = new PriorityQueue<>(
            Comparator.comparing(TimerWork::fireAt).thenComparingLong(TimerWork::sequence));
    private final Runnable onWork;
    private long timerSequence;

    /** @param onWork called whenever work is added, so a waiting background thread wakes up */
    WorkQueues(Runnable onWork) {
        this.onWork = onWork;
    }

    void add(Instance instance) {
        instances.put(instance.instanceId, instance);
        byId.put(instance.instanceId, instance);
        scheduled.put(instance.instanceId, (long) scheduled.size());
        touched.add(instance.instanceId);
        if (!finished(instance)) {
            notSeenFinished.put(instance.instanceId, instance);
        }
    }

    /**
     * The instances of {@code name} whose id starts with {@code idPrefix} and that have not finished (pending,
     * running, continued as new, suspended: what Durable's store answers to a status filter), newest first.
     */
    List<Instance> live(String name, String idPrefix) {
        List<Instance> out = new ArrayList<>();
        Iterator<Instance> candidates = prefixed(notSeenFinished, idPrefix).values().iterator();
        while (candidates.hasNext()) {
            Instance instance = candidates.next();
            if (finished(instance)) {
                candidates.remove();
            } else if (instance.name.equals(name)) {
                out.add(instance);
            }
        }
        out.sort(newestFirst());
        return out;
    }

    /** The instances of {@code name} whose id starts with {@code idPrefix}, created at or after {@code from}, newest first. */
    List<Instance> createdSince(String name, String idPrefix, Instant from) {
        List<Instance> out = new ArrayList<>();
        for (Instance instance : prefixed(byId, idPrefix).values()) {
            if (instance.name.equals(name) && !instance.createdAt.isBefore(from)) {
                out.add(instance);
            }
        }
        out.sort(newestFirst());
        return out;
    }

    private static NavigableMap<String, Instance> prefixed(NavigableMap<String, Instance> byId, String idPrefix) {
        return idPrefix == null || idPrefix.isEmpty() ? byId : byId.subMap(idPrefix, true, idPrefix + Character.MAX_VALUE, false);
    }

    private Comparator<Instance> newestFirst() {
        return Comparator.comparing((Instance i) -> i.createdAt).thenComparing(i -> scheduled.get(i.instanceId)).reversed();
    }

    /** Completed, failed, terminated or cancelled: as the orchestration ports count an instance finished. */
    private static boolean finished(Instance instance) {
        return io.acapromoter.orchestration.RuntimeStates.of(instance.status).isFinished();
    }

    /**
     * The newest {@code limit} instances of {@code name} whose id starts with {@code idPrefix}, newest
     * first. Costs what the matching ids cost, not what every instance costs.
     */
    List<Instance> newest(String name, String idPrefix, int limit) {
        Collection<Instance> candidates = idPrefix == null || idPrefix.isEmpty() ? instances.values()
                : prefixed(byId, idPrefix).values();
        Comparator<Instance> newestFirst = newestFirst();
        PriorityQueue<Instance> oldestOnTop = new PriorityQueue<>(newestFirst.reversed());
        for (Instance instance : candidates) {
            if (!instance.name.equals(name)) {
                continue;
            }
            oldestOnTop.add(instance);
            if (oldestOnTop.size() > limit) {
                oldestOnTop.poll();
            }
        }
        List<Instance> out = new ArrayList<>(oldestOnTop);
        out.sort(newestFirst);
        return out;
    }

    /** Adds an event to a running instance's next episode; events for a finished or replaced execution are dropped. */
    void deliver(String instanceId, String executionId, HistoryEvent event) {
        Instance instance = instances.get(instanceId);
        if (instance == null || !instance.isCurrent(executionId)) {
            return;
        }
        instance.inbox.add(event);
        markRunnable(instanceId);
    }

    void markRunnable(String instanceId) {
        runnable.add(instanceId);
        touched.add(instanceId);
        onWork.run();
    }

    /** Notes that an instance changed by other means than its next episode (it was terminated). */
    void touch(String instanceId) {
        touched.add(instanceId);
    }

    /** The instances that may have changed since the last call, each once. */
    List<Instance> drainTouched() {
        List<Instance> out = new ArrayList<>(touched.size());
        for (String id : touched) {
            Instance instance = instances.get(id);
            if (instance != null) {
                out.add(instance);
            }
        }
        touched.clear();
        return out;
    }

    void unmarkRunnable(String instanceId) {
        runnable.remove(instanceId);
    }

    /** The instance that has waited longest for its next episode, or null. */
    Instance pollRunnable() {
        Iterator<String> first = runnable.iterator();
        if (!first.hasNext()) {
            return null;
        }
        String instanceId = first.next();
        first.remove();
        touched.add(instanceId);
        return instances.get(instanceId);
    }

    void addActivity(ActivityWork work) {
        activities.add(work);
        onWork.run();
    }

    ActivityWork pollActivity() {
        return activities.poll();
    }

    void addTimer(Instant fireAt, String instanceId, String executionId, int timerId) {
        timers.add(new TimerWork(fireAt, timerSequence++, instanceId, executionId, timerId));
        onWork.run();
    }

    /** The earliest timer if it is due at {@code now}, removed from the queue; otherwise null. */
    TimerWork pollDueTimer(Instant now) {
        TimerWork next = timers.peek();
        return next != null && !next.fireAt().isAfter(now) ? timers.poll() : null;
    }

    Instant nextTimerAt() {
        TimerWork next = timers.peek();
        return next == null ? null : next.fireAt();
    }

    void dropTimersOf(String instanceId) {
        timers.removeIf(timer -> timer.instanceId().equals(instanceId));
    }

    boolean hasWorkAt(Instant now) {
        Instant next = nextTimerAt();
        return !runnable.isEmpty() || !activities.isEmpty() || (next != null && !next.isAfter(now));
    }
}
