package io.acapromoter.local.durable;

import com.google.gson.Gson;
import com.microsoft.durabletask.OrchestrationRunner;
import com.microsoft.durabletask.OrchestrationRuntimeStatus;
import com.microsoft.durabletask.OrchestratorFunction;
import com.microsoft.durabletask.TaskOrchestration;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An in-memory Durable Functions backend. It keeps each instance's history as durabletask protobuf
 * {@link HistoryEvent}s and runs orchestrators through durabletask's own
 * {@link OrchestrationRunner#loadAndRun(byte[], TaskOrchestration)}, as the Functions host and the Java
 * worker's middleware do, then carries out the actions the orchestrator returned: activities, timers,
 * sub-orchestrations, events to other instances, completion.
 *
 * <p>Nothing runs by itself unless {@link #start()} was called: tests schedule and raise events, then call
 * {@link #runUntilIdle()} or {@link #advance(Duration)} on a {@link ManualClock}. With {@link #start()} a
 * background thread does the same whenever work arrives and fires timers when the clock reaches them.
 *
 * <p>Thread-safe: one lock guards all state; activities run outside it, so an HTTP thread can raise an
 * event while an activity is busy. Only one thread processes work at a time.
 */
public final class DurableDriver implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DurableDriver.class.getName());
    private static final int MAX_STEPS_PER_RUN = 100_000;

    private final Clock clock;
    private final Map<String, TaskOrchestration> orchestrations = new ConcurrentHashMap<>();
    private final Map<String, ActivityHandler> activities = new ConcurrentHashMap<>();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workArrived = lock.newCondition();
    private final ReentrantLock processing = new ReentrantLock();
    private final WorkQueues queues = new WorkQueues(workArrived::signalAll);
    private final Map<String, Instance> instances = queues.instances;
    private final EpisodeRunner episodes;
    private Thread pump;
    private volatile boolean stopping;
    private volatile boolean everyActivityTwice;
    private DriverJournal journal;
    /** What each instance looked like when last journaled, to journal only instances that changed. */
    private final Map<String, List<Object>> journaled = new java.util.HashMap<>();

    public DurableDriver(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.episodes = new EpisodeRunner(queues, orchestrations, clock);
    }

    public Clock clock() {
        return clock;
    }

    // ---------------------------------------------------------------- registration

    /** Registers orchestrator code under the name the Functions app gives it ({@code @FunctionName}). */
    public DurableDriver registerOrchestration(String name, TaskOrchestration orchestration) {
        requireName(name, "orchestration");
        orchestrations.put(name, Objects.requireNonNull(orchestration, "orchestration"));
        return this;
    }

    /** Registers an orchestrator function whose return value becomes the output, as with the Functions trigger. */
    public DurableDriver registerOrchestrator(String name, OrchestratorFunction<?> function) {
        Objects.requireNonNull(function, "function");
        return registerOrchestration(name, FunctionsHostInvocation.of(function));
    }

    /** Registers an activity that takes and returns JSON. */
    public DurableDriver registerActivity(String name, ActivityHandler handler) {
        requireName(name, "activity");
        activities.put(name, Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /**
     * Registers a typed activity bound the way the Functions Java worker binds one: the input JSON is
     * read with Gson into {@code inputType}, the return value is written with Gson. The orchestrator then
     * reads it with durabletask's Jackson converter, so this exercises both serializers as Azure does.
     */
    public <I> DurableDriver registerActivity(String name, Class<I> inputType, Function<? super I, ?> function) {
        Objects.requireNonNull(inputType, "inputType");
        Objects.requireNonNull(function, "function");
        Gson gson = new Gson();
        return registerActivity(name, inputJson -> {
            I input = inputJson == null ? null : gson.fromJson(inputJson, inputType);
            Object output = function.apply(input);
            return output == null ? null : gson.toJson(output);
        });
    }

    private static void requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("An " + what + " needs a non-blank name, got '" + name + "'");
        }
    }

    /**
     * Runs every activity twice and keeps only the second outcome, as Durable does when a worker dies
     * between an activity's completion and its checkpoint (activities run at least once). For checking
     * that activities are idempotent.
     */
    public DurableDriver runEveryActivityTwice(boolean twice) {
        this.everyActivityTwice = twice;
        return this;
    }

    /**
     * Resumes what {@code journal} holds and from then on journals every change before moving on (see
     * {@link DriverJournal}). Running instances go on where they were: events delivered but not run are
     * run, timers not fired are set again, and activities scheduled without a recorded outcome run again
     * (Durable runs activities at least once; they are idempotent). Call after registering the
     * orchestrations and activities, before scheduling anything or {@link #start()}.
     *
     * @return how many instances were resumed as still running
     * @throws DriverJournal.JournalException when an instance cannot be restored (naming the journal and instance)
     */
    public int resumeFrom(DriverJournal journal) {
        Objects.requireNonNull(journal, "journal");
        lock.lock();
        try {
            if (!instances.isEmpty() || pump != null || this.journal != null) {
                throw new IllegalStateException("resumeFrom() must come before any instance is scheduled and before start()");
            }
            for (var node : journal.instances()) {
                String id = node.path("instanceId").asText();
                Instance instance;
                try {
                    instance = DriverJournal.restore(node);
                } catch (RuntimeException e) {
                    throw new DriverJournal.JournalException("journal " + journal.file() + ": instance '" + id
                            + "' cannot be restored: " + e.getMessage());
                }
                if (!orchestrations.containsKey(instance.name)) {
                    throw new DriverJournal.JournalException("journal " + journal.file() + ": instance '" + id
                            + "' runs orchestration '" + instance.name + "', which is not registered; registered: " + orchestrations.keySet());
                }
                queues.add(instance);
                journaled.put(id, fingerprint(instance));
            }
            int running = 0;
            for (Instance instance : instances.values()) {
                if (instance.isRunning()) {
                    resumeWork(instance);
                    running++;
                }
            }
            this.journal = journal;
            return running;
        } finally {
            lock.unlock();
        }
    }

    /** Queues what a restored running instance was waiting for, from its history and undelivered events. */
    private void resumeWork(Instance instance) {
        java.util.Set<Integer> done = new java.util.HashSet<>();
        java.util.Set<Integer> fired = new java.util.HashSet<>();
        List<HistoryEvent> seen = new java.util.ArrayList<>(instance.history);
        seen.addAll(instance.inbox);
        for (HistoryEvent e : seen) {
            if (e.hasTaskCompleted()) {
                done.add(e.getTaskCompleted().getTaskScheduledId());
            } else if (e.hasTaskFailed()) {
                done.add(e.getTaskFailed().getTaskScheduledId());
            } else if (e.hasTimerFired()) {
                fired.add(e.getTimerFired().getTimerId());
            }
        }
        for (HistoryEvent e : instance.history) {
            if (e.hasTaskScheduled() && !done.contains(e.getEventId())) {
                var task = e.getTaskScheduled();
                queues.addActivity(new WorkQueues.ActivityWork(instance.instanceId, instance.executionId, e.getEventId(),
                        task.getName(), task.hasInput() ? task.getInput().getValue() : null));
            } else if (e.hasTimerCreated() && !fired.contains(e.getEventId())) {
                queues.addTimer(com.microsoft.durabletask.DataConverter.getInstantFromTimestamp(e.getTimerCreated().getFireAt()),
                        instance.instanceId, instance.executionId, e.getEventId());
            }
        }
        if (!instance.inbox.isEmpty()) {
            queues.markRunnable(instance.instanceId);
        }
    }

    /** Journals every instance that changed since it was last journaled (of those touched since); called under the lock. */
    private void persist() {
        List<Instance> touched = queues.drainTouched();
        if (journal == null) {
            return;
        }
        for (Instance instance : touched) {
            List<Object> now = fingerprint(instance);
            if (!now.equals(journaled.get(instance.instanceId))) {
                journal.record(instance);
                journaled.put(instance.instanceId, now);
            }
        }
    }

    private static List<Object> fingerprint(Instance i) {
        return java.util.Arrays.asList(i.status, i.executionId, i.history.size(), i.inbox.size(), i.sentEventIds.size(),
                i.lastUpdatedAt, i.customStatusJson, i.outputJson);
    }

    // ---------------------------------------------------------------- client operations

    /**
     * Schedules a new instance. Returns false, and changes nothing, when an instance with this id already
     * exists in any state: starts are idempotent, so a redelivered event finds the instance it started.
     *
     * @throws IllegalArgumentException for an unknown orchestrator name or an instance id Durable rejects
     */
    public boolean scheduleNewOrchestration(String name, String instanceId, String inputJson) {
        if (!orchestrations.containsKey(name)) {
            throw new IllegalArgumentException("No orchestration registered with name '" + name
                    + "'; registered: " + orchestrations.keySet());
        }
        validateInstanceId(instanceId);
        lock.lock();
        try {
            if (instances.containsKey(instanceId)) {
                return false;
            }
            Instance instance = new Instance(instanceId, name, inputJson, EpisodeRunner.newExecutionId(), now(), null);
            instance.inbox.add(HistoryEvents.executionStarted(now(), name, instanceId, instance.executionId,
                    inputJson, null));
            queues.add(instance);
            queues.markRunnable(instanceId);
            persist();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Delivers an external event. Returns false when the instance has already finished (the event is
     * dropped, as Durable does); an instance that has not reached the matching wait yet keeps it.
     *
     * @throws IllegalArgumentException when no instance has this id
     */
    public boolean raiseEvent(String instanceId, String eventName, String payloadJson) {
        requireName(eventName, "event");
        lock.lock();
        try {
            Instance instance = existing(instanceId);
            if (!instance.isRunning()) {
                return false;
            }
            instance.inbox.add(HistoryEvents.eventRaised(now(), eventName, payloadJson));
            queues.markRunnable(instanceId);
            persist();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Terminates a pending or running instance; its output becomes the reason. Returns false when it had
     * already finished. The orchestrator code does not run again, as with Durable's terminate.
     */
    public boolean terminate(String instanceId, String reason) {
        lock.lock();
        try {
            Instance instance = existing(instanceId);
            if (!instance.isRunning()) {
                return false;
            }
            queues.unmarkRunnable(instanceId);
            queues.touch(instanceId);
            episodes.terminate(instance, reason == null ? null : new Gson().toJson(reason));
            persist();
            return true;
        } finally {
            lock.unlock();
        }
    }

    public Optional<InstanceState> getInstance(String instanceId) {
        lock.lock();
        try {
            return Optional.ofNullable(instances.get(instanceId)).map(Instance::snapshot);
        } finally {
            lock.unlock();
        }
    }

    /** Every instance, in the order they were scheduled. */
    public List<InstanceState> listInstances() {
        lock.lock();
        try {
            return instances.values().stream().map(Instance::snapshot).toList();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The current execution's recorded history, episode by episode (OrchestratorStarted … OrchestratorCompleted).
     * Events delivered but not yet run by the orchestrator are not in it until the next episode.
     */
    public List<HistoryEvent> history(String instanceId) {
        lock.lock();
        try {
            return List.copyOf(existing(instanceId).history);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Re-runs every recorded episode of the instance's current execution through durabletask and compares
     * the actions produced with the ones the history recorded. A deterministic orchestrator gives the same
     * actions; see {@link HistoryReplayer}.
     */
    public ReplayResult replay(String instanceId) {
        List<HistoryEvent> recorded;
        TaskOrchestration orchestration;
        lock.lock();
        try {
            Instance instance = existing(instanceId);
            recorded = List.copyOf(instance.history);
            orchestration = orchestrations.get(instance.name);
        } finally {
            lock.unlock();
        }
        return HistoryReplayer.replay(instanceId, recorded, orchestration);
    }

    /** The newest {@code limit} instances of one orchestrator whose id starts with {@code idPrefix}, newest first. */
    public List<InstanceState> listInstances(String name, String idPrefix, int limit) {
        lock.lock();
        try {
            return queues.newest(name, idPrefix, limit).stream().map(Instance::snapshot).toList();
        } finally {
            lock.unlock();
        }
    }

    /** The instances of one orchestrator whose id starts with {@code idPrefix} and that have not finished, newest first. */
    public List<InstanceState> listLive(String name, String idPrefix) {
        lock.lock();
        try {
            return queues.live(name, idPrefix).stream().map(Instance::snapshot).toList();
        } finally {
            lock.unlock();
        }
    }

    /** The instances of one orchestrator whose id starts with {@code idPrefix}, created at or after {@code from}, newest first. */
    public List<InstanceState> listCreatedSince(String name, String idPrefix, Instant from) {
        lock.lock();
        try {
            return queues.createdSince(name, idPrefix, from).stream().map(Instance::snapshot).toList();
        } finally {
            lock.unlock();
        }
    }

    /** Replays every instance that has finished: the project's determinism check runs over all of them. */
    public List<ReplayResult> replayFinished() {
        return listInstances().stream()
                .filter(state -> !state.isRunning())
                .map(state -> replay(state.instanceId()))
                .toList();
    }

    // ---------------------------------------------------------------- running

    /**
     * Processes work until nothing is left to do at the current clock time: orchestrator episodes first,
     * then activities one at a time, then timers that are due. Deterministic for a given sequence of calls.
     *
     * @throws IllegalStateException when called from inside an activity, or when the work never settles
     */
    public void runUntilIdle() {
        if (processing.isHeldByCurrentThread()) {
            throw new IllegalStateException("runUntilIdle() cannot be called from inside an activity or orchestrator");
        }
        processing.lock();
        try {
            for (int step = 0; step < MAX_STEPS_PER_RUN; step++) {
                if (!step()) {
                    return;
                }
            }
            throw new IllegalStateException("Durable work did not settle after " + MAX_STEPS_PER_RUN
                    + " steps; an orchestrator is probably looping on zero-length timers or events");
        } finally {
            processing.unlock();
        }
    }

    /**
     * Moves a {@link ManualClock} (or a {@link ShiftedClock}, also while {@link #start() started}) forward by
     * {@code duration}, firing due timers in fire-at order and running to idle after each, so work a timer
     * triggers can create and fire further timers in the window.
     */
    public void advance(Duration duration) {
        java.util.function.Consumer<Instant> move;
        if (clock instanceof ManualClock manual) {
            move = manual::moveTo;
        } else if (clock instanceof ShiftedClock shifted) {
            move = shifted::moveTo;
        } else {
            throw new IllegalStateException("advance() needs a ManualClock or a ShiftedClock; this driver runs on " + clock);
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("Cannot advance by a negative duration: " + duration);
        }
        Instant target = clock.instant().plus(duration);
        runUntilIdle();
        while (true) {
            Instant next = nextTimerDue();
            if (next == null || next.isAfter(target)) {
                break;
            }
            if (next.isAfter(clock.instant())) {
                move.accept(next);
            }
            runUntilIdle();
        }
        if (target.isAfter(clock.instant())) {
            move.accept(target);
        }
        runUntilIdle();
    }

    /** When the earliest pending timer fires, if any. */
    public Optional<Instant> nextTimer() {
        return Optional.ofNullable(nextTimerDue());
    }

    private Instant nextTimerDue() {
        lock.lock();
        try {
            return queues.nextTimerAt();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts a background thread that processes work as soon as it arrives and fires timers when the clock
     * reaches them (with a {@link ScaledClock}, faster than real time). For the local app, not for tests.
     */
    public synchronized void start() {
        if (pump != null) {
            return;
        }
        stopping = false;
        pump = new Thread(this::pumpLoop, "durable-driver");
        pump.setDaemon(true);
        pump.start();
    }

    @Override
    public synchronized void close() {
        if (pump == null) {
            return;
        }
        stopping = true;
        lock.lock();
        try {
            workArrived.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            pump.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pump = null;
    }

    private void pumpLoop() {
        while (!stopping) {
            try {
                runUntilIdle();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.SEVERE, "Durable driver stopped processing a step", e);
            }
            lock.lock();
            try {
                if (stopping || queues.hasWorkAt(now())) {
                    continue;
                }
                workArrived.await(wallWaitUntilNextTimer().toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    private Duration wallWaitUntilNextTimer() {
        Duration cap = Duration.ofSeconds(1);
        Instant next = queues.nextTimerAt();
        if (next == null) {
            return cap;
        }
        Duration clockTime = Duration.between(now(), next);
        Duration wall = clock instanceof ScaledClock scaled ? scaled.wallTimeFor(clockTime) : clockTime;
        if (wall.compareTo(Duration.ofMillis(1)) < 0) {
            return Duration.ofMillis(1);
        }
        return wall.compareTo(cap) > 0 ? cap : wall;
    }

    /** Does one unit of work; false when there was none. */
    private boolean step() {
        WorkQueues.ActivityWork activity;
        lock.lock();
        try {
            Instance runnable = queues.pollRunnable();
            if (runnable != null) {
                episodes.run(runnable);
                persist();
                return true;
            }
            activity = queues.pollActivity();
            if (activity == null) {
                WorkQueues.TimerWork timer = queues.pollDueTimer(now());
                if (timer == null) {
                    return false;
                }
                queues.deliver(timer.instanceId(), timer.executionId(),
                        HistoryEvents.timerFired(now(), timer.timerId(), HistoryEvents.timestamp(timer.fireAt())));
                persist();
                return true;
            }
            Instance owner = instances.get(activity.instanceId());
            if (owner == null || !owner.isCurrent(activity.executionId())) {
                return true;
            }
        } finally {
            lock.unlock();
        }
        HistoryEvent outcome = runActivity(activity);
        lock.lock();
        try {
            queues.deliver(activity.instanceId(), activity.executionId(), outcome);
            persist();
        } finally {
            lock.unlock();
        }
        return true;
    }

    private HistoryEvent runActivity(WorkQueues.ActivityWork work) {
        ActivityHandler handler = activities.get(work.name());
        if (handler == null) {
            return HistoryEvents.taskFailed(now(), work.taskId(), HistoryEvents.failureOf(
                    IllegalStateException.class.getName(),
                    "No activity registered with name '" + work.name() + "'; registered: " + activities.keySet()));
        }
        if (everyActivityTwice) {
            try {
                handler.run(work.inputJson());
            } catch (Exception | Error e) {
                LOG.log(Level.FINE, "First run of " + work.name() + " of " + work.instanceId() + " failed", e);
            }
        }
        try {
            return HistoryEvents.taskCompleted(now(), work.taskId(), handler.run(work.inputJson()));
        } catch (Exception | Error e) {
            // An Error too: the task has left the queue, so anything but a TaskFailed would leave the
            // orchestration waiting for ever (the Functions worker reports such failures the same way).
            LOG.log(Level.FINE, "Activity " + work.name() + " of " + work.instanceId() + " failed", e);
            return HistoryEvents.taskFailed(now(), work.taskId(), HistoryEvents.activityFailureOf(e));
        }
    }

    // ---------------------------------------------------------------- helpers

    private Instant now() {
        return clock.instant();
    }

    private Instance existing(String instanceId) {
        Instance instance = instances.get(instanceId);
        if (instance == null) {
            throw new IllegalArgumentException("No orchestration instance with id '" + instanceId + "'");
        }
        return instance;
    }

    /** Durable Functions rejects these in instance ids; failing here keeps local runs honest. */
    static void validateInstanceId(String instanceId) {
        if (instanceId == null || instanceId.isBlank()) {
            throw new IllegalArgumentException("Instance id must not be blank, got '" + instanceId + "'");
        }
        for (char c : instanceId.toCharArray()) {
            if (c == '/' || c == '\\' || c == '?' || c == '#' || Character.isISOControl(c)) {
                throw new IllegalArgumentException("Instance id '" + instanceId
                        + "' contains a character Durable Functions does not allow (/ \\ ? # or a control character)");
            }
        }
    }
}
