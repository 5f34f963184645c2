package io.acapromoter.local.durable;

import com.google.gson.Gson;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.StringValue;
import com.google.protobuf.Timestamp;
import com.microsoft.durabletask.DataConverter;
import com.microsoft.durabletask.OrchestrationRunner;
import com.microsoft.durabletask.OrchestrationRuntimeStatus;
import com.microsoft.durabletask.OrchestratorFunction;
import com.microsoft.durabletask.TaskOrchestration;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.CompleteOrchestrationAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.CreateSubOrchestrationAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationInstance;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ParentInstanceInfo;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ScheduleTaskAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.SendEventAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskFailureDetails;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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

    private record ActivityWork(String instanceId, String executionId, int taskId, String name, String inputJson) {
    }

    private record TimerWork(Instant fireAt, long sequence, String instanceId, String executionId, int timerId) {
    }

    private final Clock clock;
    private final Map<String, TaskOrchestration> orchestrations = new ConcurrentHashMap<>();
    private final Map<String, ActivityHandler> activities = new ConcurrentHashMap<>();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workArrived = lock.newCondition();
    private final ReentrantLock processing = new ReentrantLock();
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final LinkedHashSet<String> runnable = new LinkedHashSet<>();
    private final ArrayDeque<ActivityWork> activityQueue = new ArrayDeque<>();
    private final PriorityQueue<TimerWork> timers = new PriorityQueue<>(
            Comparator.comparing(TimerWork::fireAt).thenComparingLong(TimerWork::sequence));
    private long timerSequence;
    private Thread pump;
    private volatile boolean stopping;

    public DurableDriver(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
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
            Instance instance = new Instance(instanceId, name, inputJson, newExecutionId(), now(), null);
            instance.inbox.add(HistoryEvents.executionStarted(now(), name, instanceId, instance.executionId,
                    inputJson, null));
            instances.put(instanceId, instance);
            markRunnable(instanceId);
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
            markRunnable(instanceId);
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
            Instant at = now();
            String reasonJson = reason == null ? null : new Gson().toJson(reason);
            instance.history.add(HistoryEvents.orchestratorStarted(at));
            if (instance.history.stream().noneMatch(e -> e.hasExecutionStarted())) {
                instance.history.addAll(instance.inbox.stream().filter(HistoryEvent::hasExecutionStarted).toList());
            }
            instance.inbox.clear();
            runnable.remove(instanceId);
            instance.history.add(HistoryEvents.executionTerminated(at, reasonJson));
            instance.history.add(HistoryEvents.executionCompleted(-1, at, OrchestrationStatus.ORCHESTRATION_STATUS_TERMINATED,
                    reasonJson, null));
            instance.history.add(HistoryEvents.orchestratorCompleted(at));
            finish(instance, OrchestrationRuntimeStatus.TERMINATED, reasonJson, null, at);
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
     * Moves a {@link ManualClock} forward by {@code duration}, firing due timers in fire-at order and
     * running to idle after each, so work a timer triggers can create and fire further timers in the window.
     */
    public void advance(Duration duration) {
        if (!(clock instanceof ManualClock manual)) {
            throw new IllegalStateException("advance() needs a ManualClock; this driver runs on " + clock);
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("Cannot advance by a negative duration: " + duration);
        }
        Instant target = manual.instant().plus(duration);
        runUntilIdle();
        while (true) {
            Instant next = nextTimerDue();
            if (next == null || next.isAfter(target)) {
                break;
            }
            if (next.isAfter(manual.instant())) {
                manual.moveTo(next);
            }
            runUntilIdle();
        }
        manual.moveTo(target);
        runUntilIdle();
    }

    /** When the earliest pending timer fires, if any. */
    public Optional<Instant> nextTimer() {
        return Optional.ofNullable(nextTimerDue());
    }

    private Instant nextTimerDue() {
        lock.lock();
        try {
            TimerWork next = timers.peek();
            return next == null ? null : next.fireAt();
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
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Durable driver stopped processing a step", e);
            }
            lock.lock();
            try {
                if (stopping || !runnable.isEmpty() || !activityQueue.isEmpty() || timerDue()) {
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
        TimerWork next = timers.peek();
        if (next == null) {
            return cap;
        }
        Duration clockTime = Duration.between(now(), next.fireAt());
        Duration wall = clock instanceof ScaledClock scaled ? scaled.wallTimeFor(clockTime) : clockTime;
        if (wall.compareTo(Duration.ofMillis(1)) < 0) {
            return Duration.ofMillis(1);
        }
        return wall.compareTo(cap) > 0 ? cap : wall;
    }

    /** Does one unit of work; false when there was none. */
    private boolean step() {
        ActivityWork activity;
        lock.lock();
        try {
            if (!runnable.isEmpty()) {
                String instanceId = runnable.iterator().next();
                runnable.remove(instanceId);
                runEpisode(instances.get(instanceId));
                return true;
            }
            activity = activityQueue.poll();
            if (activity == null) {
                if (timerDue()) {
                    fireTimer(timers.poll());
                    return true;
                }
                return false;
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
            deliver(activity.instanceId(), activity.executionId(), outcome);
        } finally {
            lock.unlock();
        }
        return true;
    }

    private boolean timerDue() {
        TimerWork next = timers.peek();
        return next != null && !next.fireAt().isAfter(now());
    }

    private void fireTimer(TimerWork timer) {
        deliver(timer.instanceId(), timer.executionId(),
                HistoryEvents.timerFired(now(), timer.timerId(), HistoryEvents.timestamp(timer.fireAt())));
    }

    private HistoryEvent runActivity(ActivityWork work) {
        ActivityHandler handler = activities.get(work.name());
        if (handler == null) {
            return HistoryEvents.taskFailed(now(), work.taskId(), HistoryEvents.failureOf(
                    IllegalStateException.class.getName(),
                    "No activity registered with name '" + work.name() + "'; registered: " + activities.keySet()));
        }
        try {
            return HistoryEvents.taskCompleted(now(), work.taskId(), handler.run(work.inputJson()));
        } catch (Exception e) {
            LOG.log(Level.FINE, "Activity " + work.name() + " of " + work.instanceId() + " failed", e);
            return HistoryEvents.taskFailed(now(), work.taskId(), HistoryEvents.failureOf(e));
        }
    }

    /** Adds an event to a running instance's next episode; events for a finished or replaced execution are dropped. */
    private void deliver(String instanceId, String executionId, HistoryEvent event) {
        Instance instance = instances.get(instanceId);
        if (instance == null || !instance.isCurrent(executionId)) {
            return;
        }
        instance.inbox.add(event);
        markRunnable(instanceId);
    }

    private void markRunnable(String instanceId) {
        runnable.add(instanceId);
        workArrived.signalAll();
    }

    // ---------------------------------------------------------------- one episode

    private void runEpisode(Instance instance) {
        if (instance == null || !instance.isRunning() || instance.inbox.isEmpty()) {
            return;
        }
        Instant at = episodeStart(instance.inbox);
        List<HistoryEvent> newEvents = new ArrayList<>();
        newEvents.add(HistoryEvents.orchestratorStarted(at));
        newEvents.addAll(instance.inbox);
        instance.inbox.clear();

        AtomicReference<Throwable> userCause = new AtomicReference<>();
        OrchestratorResponse response;
        try {
            response = run(instance, newEvents, orchestrations.get(instance.name), userCause);
        } catch (RuntimeException | Error e) {
            // durabletask itself gave up (for example a history it cannot replay): the instance fails, as in Azure.
            instance.history.addAll(newEvents);
            TaskFailureDetails failure = HistoryEvents.failureOf(e);
            instance.history.add(HistoryEvents.executionCompleted(-1, at, OrchestrationStatus.ORCHESTRATION_STATUS_FAILED,
                    null, failure));
            instance.history.add(HistoryEvents.orchestratorCompleted(at));
            finish(instance, OrchestrationRuntimeStatus.FAILED, null,
                    new FailureInfo(failure.getErrorType(), failure.getErrorMessage(),
                            failure.getStackTrace().getValue(), describe(e.getCause())), at);
            return;
        }

        instance.history.addAll(newEvents);
        instance.status = OrchestrationRuntimeStatus.RUNNING;
        instance.lastUpdatedAt = at;
        String customStatus = response.hasCustomStatus() ? response.getCustomStatus().getValue() : "";
        instance.customStatusJson = customStatus.isEmpty() ? null : customStatus;

        CompleteOrchestrationAction completion = response.getActionsList().stream()
                .filter(OrchestratorAction::hasCompleteOrchestration)
                .map(OrchestratorAction::getCompleteOrchestration)
                .findFirst().orElse(null);
        boolean finishing = completion != null
                && completion.getOrchestrationStatus() != OrchestrationStatus.ORCHESTRATION_STATUS_CONTINUED_AS_NEW;
        List<Runnable> afterRecording = new ArrayList<>();
        for (OrchestratorAction action : response.getActionsList()) {
            record(instance, action, at, finishing, afterRecording);
        }
        instance.history.add(HistoryEvents.orchestratorCompleted(at));
        afterRecording.forEach(Runnable::run);

        if (completion != null) {
            complete(instance, completion, userCause.get(), at);
        }
    }

    /**
     * When the episode starts, as the orchestrator's {@code getCurrentInstant()} will see it. A real host
     * always runs a fired timer's episode a little after the fire time. durabletask 1.4.0 depends on that:
     * its timer task completes when the current instant is at or after the fire time, but schedules one more
     * sub-timer unless it is strictly after, so an episode starting exactly at the fire time would create a
     * new timer for that same instant, over and over. The episode therefore starts at least 1 ms after.
     */
    private Instant episodeStart(List<HistoryEvent> incoming) {
        Instant at = now();
        for (HistoryEvent event : incoming) {
            if (event.hasTimerFired()) {
                Instant fireAt = DataConverter.getInstantFromTimestamp(event.getTimerFired().getFireAt());
                if (!at.isAfter(fireAt)) {
                    at = fireAt.plusMillis(1);
                }
            }
        }
        return at;
    }

    private OrchestratorResponse run(Instance instance, List<HistoryEvent> newEvents, TaskOrchestration orchestration,
                                     AtomicReference<Throwable> userCause) {
        OrchestratorRequest request = OrchestratorRequest.newBuilder()
                .setInstanceId(instance.instanceId)
                .setExecutionId(StringValue.of(instance.executionId))
                .addAllPastEvents(HistoryReplayer.feedable(instance.history))
                .addAllNewEvents(HistoryReplayer.feedable(newEvents))
                .build();
        byte[] responseBytes = OrchestrationRunner.loadAndRun(request.toByteArray(),
                FunctionsHostInvocation.wrap(orchestration, userCause));
        try {
            return OrchestratorResponse.parseFrom(responseBytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("durabletask returned an unreadable OrchestratorResponse", e);
        }
    }

    /** Records one action in the history and schedules what it asks for (unless the orchestration is finishing). */
    private void record(Instance instance, OrchestratorAction action, Instant at, boolean finishing,
                        List<Runnable> afterRecording) {
        int id = action.getId();
        switch (action.getOrchestratorActionTypeCase()) {
            case SCHEDULETASK -> {
                ScheduleTaskAction task = action.getScheduleTask();
                instance.history.add(HistoryEvents.taskScheduled(id, at, task.getName(), task.getInput(), task.hasInput()));
                if (!finishing) {
                    activityQueue.add(new ActivityWork(instance.instanceId, instance.executionId, id, task.getName(),
                            task.hasInput() ? task.getInput().getValue() : null));
                }
            }
            case CREATETIMER -> {
                Timestamp fireAt = action.getCreateTimer().getFireAt();
                instance.history.add(HistoryEvents.timerCreated(id, at, fireAt));
                if (!finishing) {
                    timers.add(new TimerWork(DataConverter.getInstantFromTimestamp(fireAt), timerSequence++,
                            instance.instanceId, instance.executionId, id));
                }
            }
            case CREATESUBORCHESTRATION -> {
                CreateSubOrchestrationAction sub = action.getCreateSubOrchestration();
                String input = sub.hasInput() ? sub.getInput().getValue() : null;
                instance.history.add(HistoryEvents.subOrchestrationCreated(id, at, sub.getInstanceId(), sub.getName(), input));
                if (!finishing) {
                    afterRecording.add(() -> startSubOrchestration(instance, id, sub, input, at));
                }
            }
            case SENDEVENT -> {
                // durabletask 1.4.0 cannot replay EventSent and so returns the action on every episode: send it once.
                if (instance.sentEventIds.add(id)) {
                    SendEventAction send = action.getSendEvent();
                    String data = send.hasData() ? send.getData().getValue() : null;
                    instance.history.add(HistoryEvents.eventSent(id, at, send.getInstance().getInstanceId(),
                            send.getName(), data));
                    afterRecording.add(() -> {
                        Instance target = instances.get(send.getInstance().getInstanceId());
                        if (target != null && target.isRunning()) {
                            target.inbox.add(HistoryEvents.eventRaised(at, send.getName(), data));
                            markRunnable(target.instanceId);
                        }
                    });
                }
            }
            case COMPLETEORCHESTRATION -> {
                CompleteOrchestrationAction complete = action.getCompleteOrchestration();
                if (complete.getOrchestrationStatus() != OrchestrationStatus.ORCHESTRATION_STATUS_CONTINUED_AS_NEW) {
                    instance.history.add(HistoryEvents.executionCompleted(id, at, complete.getOrchestrationStatus(),
                            complete.hasResult() ? complete.getResult().getValue() : null,
                            complete.hasFailureDetails() ? complete.getFailureDetails() : null));
                }
            }
            default -> throw new IllegalStateException("Unknown orchestrator action " + action);
        }
    }

    private void startSubOrchestration(Instance parent, int taskId, CreateSubOrchestrationAction sub, String input,
                                       Instant at) {
        String childId = sub.getInstanceId();
        String problem = null;
        if (!orchestrations.containsKey(sub.getName())) {
            problem = "No orchestration registered with name '" + sub.getName() + "'";
        } else if (instances.containsKey(childId)) {
            problem = "An instance with id '" + childId + "' already exists";
        }
        if (problem != null) {
            deliver(parent.instanceId, parent.executionId, HistoryEvents.subOrchestrationFailed(at, taskId,
                    HistoryEvents.failureOf(IllegalStateException.class.getName(), problem)));
            return;
        }
        Instance child = new Instance(childId, sub.getName(), input, newExecutionId(), at,
                new Instance.ParentLink(parent.instanceId, parent.executionId, taskId));
        ParentInstanceInfo parentInfo = ParentInstanceInfo.newBuilder()
                .setTaskScheduledId(taskId)
                .setName(StringValue.of(parent.name))
                .setOrchestrationInstance(OrchestrationInstance.newBuilder()
                        .setInstanceId(parent.instanceId)
                        .setExecutionId(StringValue.of(parent.executionId)))
                .build();
        child.inbox.add(HistoryEvents.executionStarted(at, sub.getName(), childId, child.executionId, input, parentInfo));
        instances.put(childId, child);
        markRunnable(childId);
    }

    private void complete(Instance instance, CompleteOrchestrationAction completion, Throwable userCause, Instant at) {
        String result = completion.hasResult() ? completion.getResult().getValue() : null;
        switch (completion.getOrchestrationStatus()) {
            case ORCHESTRATION_STATUS_CONTINUED_AS_NEW -> continueAsNew(instance, completion, result, at);
            case ORCHESTRATION_STATUS_COMPLETED -> finish(instance, OrchestrationRuntimeStatus.COMPLETED, result, null, at);
            case ORCHESTRATION_STATUS_TERMINATED -> finish(instance, OrchestrationRuntimeStatus.TERMINATED, result, null, at);
            default -> {
                TaskFailureDetails details = completion.getFailureDetails();
                finish(instance, OrchestrationRuntimeStatus.FAILED, result, new FailureInfo(
                        details.getErrorType().isEmpty() ? "unknown" : details.getErrorType(),
                        details.getErrorMessage(),
                        details.hasStackTrace() ? details.getStackTrace().getValue() : null,
                        describe(userCause)), at);
            }
        }
    }

    /** Starts the next execution: a fresh history from ExecutionStarted, carrying over unprocessed events. */
    private void continueAsNew(Instance instance, CompleteOrchestrationAction completion, String newInput, Instant at) {
        List<HistoryEvent> pendingEvents = new ArrayList<>(completion.getCarryoverEventsList());
        pendingEvents.addAll(instance.inbox);
        instance.history.clear();
        instance.inbox.clear();
        instance.sentEventIds.clear();
        instance.executionId = newExecutionId();
        instance.inputJson = newInput;
        instance.inbox.add(HistoryEvents.executionStarted(at, instance.name, instance.instanceId, instance.executionId,
                newInput, null));
        instance.inbox.addAll(pendingEvents);
        markRunnable(instance.instanceId);
    }

    private void finish(Instance instance, OrchestrationRuntimeStatus status, String output, FailureInfo failure,
                        Instant at) {
        instance.status = status;
        instance.outputJson = output;
        instance.failure = failure;
        instance.lastUpdatedAt = at;
        // Azure would still fire these and discard them; dropping them keeps nextTimer() meaningful.
        timers.removeIf(timer -> timer.instanceId().equals(instance.instanceId));
        Instance.ParentLink parent = instance.parent;
        if (parent == null) {
            return;
        }
        HistoryEvent outcome = status == OrchestrationRuntimeStatus.COMPLETED
                ? HistoryEvents.subOrchestrationCompleted(at, parent.taskScheduledId(), output)
                : HistoryEvents.subOrchestrationFailed(at, parent.taskScheduledId(), HistoryEvents.failureOf(
                        failure == null ? status.name() : failure.errorType(),
                        failure == null ? "Sub-orchestration " + instance.instanceId + " ended " + status
                                : failure.errorMessage()));
        deliver(parent.instanceId(), parent.executionId(), outcome);
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

    private static String newExecutionId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String describe(Throwable cause) {
        return cause == null ? null : cause.getClass().getName() + ": " + cause.getMessage();
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
