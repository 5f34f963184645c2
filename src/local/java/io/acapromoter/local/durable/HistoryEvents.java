package io.acapromoter.local.durable;

import com.google.protobuf.StringValue;
import com.google.protobuf.Timestamp;
import com.microsoft.durabletask.DataConverter;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.EventRaisedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.EventSentEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ExecutionCompletedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ExecutionStartedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ExecutionTerminatedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationInstance;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorCompletedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorStartedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ParentInstanceInfo;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.SubOrchestrationInstanceCompletedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.SubOrchestrationInstanceCreatedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.SubOrchestrationInstanceFailedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskCompletedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskFailedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskFailureDetails;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskScheduledEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TimerCreatedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TimerFiredEvent;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;

/**
 * Builds the protobuf history events the Durable host records. Events the host raises itself carry
 * event id -1; events that record an orchestrator action carry the action's id, which is how
 * durabletask matches history to the calls the orchestrator makes on replay.
 */
final class HistoryEvents {

    private static final int NO_ID = -1;

    private HistoryEvents() {
    }

    static Timestamp timestamp(Instant instant) {
        return DataConverter.getTimestampFromInstant(instant);
    }

    private static HistoryEvent.Builder event(int id, Instant at) {
        return HistoryEvent.newBuilder().setEventId(id).setTimestamp(timestamp(at));
    }

    private static void setIfPresent(String value, java.util.function.Consumer<StringValue> setter) {
        if (value != null) {
            setter.accept(StringValue.of(value));
        }
    }

    static HistoryEvent orchestratorStarted(Instant at) {
        return event(NO_ID, at).setOrchestratorStarted(OrchestratorStartedEvent.getDefaultInstance()).build();
    }

    static HistoryEvent orchestratorCompleted(Instant at) {
        return event(NO_ID, at).setOrchestratorCompleted(OrchestratorCompletedEvent.getDefaultInstance()).build();
    }

    static HistoryEvent executionStarted(Instant at, String name, String instanceId, String executionId,
                                         String input, ParentInstanceInfo parent) {
        ExecutionStartedEvent.Builder started = ExecutionStartedEvent.newBuilder()
                .setName(name)
                .setOrchestrationInstance(OrchestrationInstance.newBuilder()
                        .setInstanceId(instanceId)
                        .setExecutionId(StringValue.of(executionId)));
        setIfPresent(input, started::setInput);
        if (parent != null) {
            started.setParentInstance(parent);
        }
        return event(NO_ID, at).setExecutionStarted(started).build();
    }

    static HistoryEvent taskScheduled(int id, Instant at, String name, StringValue input, boolean hasInput) {
        TaskScheduledEvent.Builder scheduled = TaskScheduledEvent.newBuilder().setName(name);
        if (hasInput) {
            scheduled.setInput(input);
        }
        return event(id, at).setTaskScheduled(scheduled).build();
    }

    static HistoryEvent taskCompleted(Instant at, int taskScheduledId, String result) {
        TaskCompletedEvent.Builder completed = TaskCompletedEvent.newBuilder().setTaskScheduledId(taskScheduledId);
        setIfPresent(result, completed::setResult);
        return event(NO_ID, at).setTaskCompleted(completed).build();
    }

    static HistoryEvent taskFailed(Instant at, int taskScheduledId, TaskFailureDetails failure) {
        return event(NO_ID, at).setTaskFailed(TaskFailedEvent.newBuilder()
                .setTaskScheduledId(taskScheduledId)
                .setFailureDetails(failure)).build();
    }

    static HistoryEvent timerCreated(int id, Instant at, Timestamp fireAt) {
        return event(id, at).setTimerCreated(TimerCreatedEvent.newBuilder().setFireAt(fireAt)).build();
    }

    static HistoryEvent timerFired(Instant at, int timerId, Timestamp fireAt) {
        return event(NO_ID, at).setTimerFired(TimerFiredEvent.newBuilder().setTimerId(timerId).setFireAt(fireAt)).build();
    }

    static HistoryEvent eventSent(int id, Instant at, String instanceId, String name, String data) {
        EventSentEvent.Builder sent = EventSentEvent.newBuilder().setInstanceId(instanceId).setName(name);
        setIfPresent(data, sent::setInput);
        return event(id, at).setEventSent(sent).build();
    }

    static HistoryEvent eventRaised(Instant at, String name, String input) {
        EventRaisedEvent.Builder raised = EventRaisedEvent.newBuilder().setName(name);
        setIfPresent(input, raised::setInput);
        return event(NO_ID, at).setEventRaised(raised).build();
    }

    static HistoryEvent executionTerminated(Instant at, String reasonJson) {
        ExecutionTerminatedEvent.Builder terminated = ExecutionTerminatedEvent.newBuilder();
        setIfPresent(reasonJson, terminated::setInput);
        return event(NO_ID, at).setExecutionTerminated(terminated).build();
    }

    static HistoryEvent executionCompleted(int id, Instant at, OrchestrationStatus status, String result,
                                           TaskFailureDetails failure) {
        ExecutionCompletedEvent.Builder completed = ExecutionCompletedEvent.newBuilder().setOrchestrationStatus(status);
        setIfPresent(result, completed::setResult);
        if (failure != null) {
            completed.setFailureDetails(failure);
        }
        return event(id, at).setExecutionCompleted(completed).build();
    }

    static HistoryEvent subOrchestrationCreated(int id, Instant at, String instanceId, String name, String input) {
        SubOrchestrationInstanceCreatedEvent.Builder created = SubOrchestrationInstanceCreatedEvent.newBuilder()
                .setInstanceId(instanceId).setName(name);
        setIfPresent(input, created::setInput);
        return event(id, at).setSubOrchestrationInstanceCreated(created).build();
    }

    static HistoryEvent subOrchestrationCompleted(Instant at, int taskScheduledId, String result) {
        SubOrchestrationInstanceCompletedEvent.Builder completed =
                SubOrchestrationInstanceCompletedEvent.newBuilder().setTaskScheduledId(taskScheduledId);
        setIfPresent(result, completed::setResult);
        return event(NO_ID, at).setSubOrchestrationInstanceCompleted(completed).build();
    }

    static HistoryEvent subOrchestrationFailed(Instant at, int taskScheduledId, TaskFailureDetails failure) {
        return event(NO_ID, at).setSubOrchestrationInstanceFailed(SubOrchestrationInstanceFailedEvent.newBuilder()
                .setTaskScheduledId(taskScheduledId)
                .setFailureDetails(failure)).build();
    }

    /** Failure details the way durabletask builds them for an exception: type, message, this frame list. */
    static TaskFailureDetails failureOf(Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        return TaskFailureDetails.newBuilder()
                .setErrorType(error.getClass().getName())
                .setErrorMessage(error.getMessage() == null ? "" : error.getMessage())
                .setStackTrace(StringValue.of(trace.toString()))
                .build();
    }

    /**
     * Failure details the way Azure records a failed Java activity: the Functions Java worker sends
     * the root cause as {@code ShortTypeName: message} (commons-lang {@code getRootCauseMessage}), and
     * the Durable extension splits that at the first {@code ": "} and keeps the message's first line.
     * So an activity's wrapper exceptions never reach the orchestrator, and neither does a package name.
     */
    static TaskFailureDetails activityFailureOf(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String name = root.getClass().getName();
        String shortName = name.substring(name.lastIndexOf('.') + 1).replace('$', '.');
        String message = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        return TaskFailureDetails.newBuilder()
                .setErrorType(shortName)
                .setErrorMessage(message)
                .setStackTrace(StringValue.of(trace.toString()))
                .build();
    }

    static TaskFailureDetails failureOf(String errorType, String message) {
        return TaskFailureDetails.newBuilder().setErrorType(errorType).setErrorMessage(message).build();
    }
}
