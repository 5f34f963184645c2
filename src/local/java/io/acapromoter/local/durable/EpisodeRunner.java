package io.acapromoter.local.durable;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.StringValue;
import com.google.protobuf.Timestamp;
import com.microsoft.durabletask.DataConverter;
import com.microsoft.durabletask.OrchestrationRunner;
import com.microsoft.durabletask.OrchestrationRuntimeStatus;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one episode of an instance the way the Functions host does: the recorded history as past events,
 * what arrived since as new events (after an OrchestratorStarted), through durabletask's
 * {@link OrchestrationRunner}; then records the actions it returned in the history and queues the work
 * they ask for. Called under the driver's lock.
 */
final class EpisodeRunner {

    private final WorkQueues queues;
    private final Map<String, TaskOrchestration> orchestrations;
    private final Clock clock;

    EpisodeRunner(WorkQueues queues, Map<String, TaskOrchestration> orchestrations, Clock clock) {
        this.queues = queues;
        this.orchestrations = orchestrations;
        this.clock = clock;
    }

    void run(Instance instance) {
        if (instance == null || !instance.isRunning() || instance.inbox.isEmpty()) {
            return;
        }
        Instant at = episodeStart(instance);
        List<HistoryEvent> newEvents = new ArrayList<>();
        newEvents.add(HistoryEvents.orchestratorStarted(at));
        newEvents.addAll(instance.inbox);
        instance.inbox.clear();

        AtomicReference<Throwable> userCause = new AtomicReference<>();
        OrchestratorResponse response;
        try {
            response = invoke(instance, newEvents, orchestrations.get(instance.name), userCause);
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
     * new timer for that same instant, over and over. The episode therefore starts at least 1 ms after,
     * and never before the previous episode, so the orchestrator's time does not go back.
     */
    private Instant episodeStart(Instance instance) {
        Instant at = clock.instant();
        if (at.isBefore(instance.lastUpdatedAt)) {
            at = instance.lastUpdatedAt;
        }
        for (HistoryEvent event : instance.inbox) {
            if (event.hasTimerFired()) {
                Instant fireAt = DataConverter.getInstantFromTimestamp(event.getTimerFired().getFireAt());
                if (!at.isAfter(fireAt)) {
                    at = fireAt.plusMillis(1);
                }
            }
        }
        return at;
    }

    private OrchestratorResponse invoke(Instance instance, List<HistoryEvent> newEvents, TaskOrchestration orchestration,
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
                    queues.addActivity(new WorkQueues.ActivityWork(instance.instanceId, instance.executionId, id, task.getName(),
                            task.hasInput() ? task.getInput().getValue() : null));
                }
            }
            case CREATETIMER -> {
                Timestamp fireAt = action.getCreateTimer().getFireAt();
                instance.history.add(HistoryEvents.timerCreated(id, at, fireAt));
                if (!finishing) {
                    queues.addTimer(DataConverter.getInstantFromTimestamp(fireAt), instance.instanceId,
                            instance.executionId, id);
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
                        Instance target = queues.instances.get(send.getInstance().getInstanceId());
                        if (target != null && target.isRunning()) {
                            target.inbox.add(HistoryEvents.eventRaised(at, send.getName(), data));
                            queues.markRunnable(target.instanceId);
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
        } else if (queues.instances.containsKey(childId)) {
            problem = "An instance with id '" + childId + "' already exists";
        }
        if (problem != null) {
            queues.deliver(parent.instanceId, parent.executionId, HistoryEvents.subOrchestrationFailed(at, taskId,
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
        queues.add(child);
        queues.markRunnable(childId);
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
        queues.markRunnable(instance.instanceId);
    }

    void finish(Instance instance, OrchestrationRuntimeStatus status, String output, FailureInfo failure,
                        Instant at) {
        instance.status = status;
        instance.outputJson = output;
        instance.failure = failure;
        instance.lastUpdatedAt = at;
        // Azure would still fire these and discard them; dropping them keeps nextTimer() meaningful.
        queues.dropTimersOf(instance.instanceId);
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
        queues.deliver(parent.instanceId(), parent.executionId(), outcome);
    }

    /**
     * Records a termination as its own episode and ends the instance, without running orchestrator code.
     * Events that had arrived but not been run are dropped with it.
     */
    void terminate(Instance instance, String reasonJson) {
        Instant at = clock.instant();
        instance.history.add(HistoryEvents.orchestratorStarted(at));
        if (instance.history.stream().noneMatch(HistoryEvent::hasExecutionStarted)) {
            // Terminated before its first episode: keep the start so the history still says what ran.
            instance.history.addAll(instance.inbox.stream().filter(HistoryEvent::hasExecutionStarted).toList());
        }
        instance.inbox.clear();
        instance.history.add(HistoryEvents.executionTerminated(at, reasonJson));
        instance.history.add(HistoryEvents.executionCompleted(-1, at, OrchestrationStatus.ORCHESTRATION_STATUS_TERMINATED,
                reasonJson, null));
        instance.history.add(HistoryEvents.orchestratorCompleted(at));
        finish(instance, OrchestrationRuntimeStatus.TERMINATED, reasonJson, null, at);
    }

    static String newExecutionId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String describe(Throwable cause) {
        return cause == null ? null : cause.getClass().getName() + ": " + cause.getMessage();
    }
}
