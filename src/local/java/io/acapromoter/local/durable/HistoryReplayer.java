package io.acapromoter.local.durable;

import com.google.protobuf.InvalidProtocolBufferException;
import com.microsoft.durabletask.DataConverter;
import com.microsoft.durabletask.OrchestrationRunner;
import com.microsoft.durabletask.TaskOrchestration;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.CompleteOrchestrationAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ExecutionCompletedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskFailureDetails;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Re-runs recorded episodes and compares what the orchestrator asks for now with what it asked for then.
 *
 * <p>durabletask 1.4.0 matches history to calls by sequence number only: replaying a TaskScheduled for an id
 * the code did not schedule fails with NonDeterministicOrchestratorException, but calling a different
 * activity (or a timer instead of an activity) under the same id goes unnoticed. Comparing each episode's
 * actions (kind, name, input, fire-at time, completion) catches those too.
 */
final class HistoryReplayer {

    private HistoryReplayer() {
    }

    /** The events durabletask 1.4.0 can replay: it has no case for ExecutionCompleted or EventSent and would throw. */
    static List<HistoryEvent> feedable(List<HistoryEvent> events) {
        return events.stream()
                .filter(e -> !e.hasExecutionCompleted() && !e.hasEventSent())
                .toList();
    }

    private static boolean recordsAnAction(HistoryEvent e) {
        return e.hasTaskScheduled() || e.hasTimerCreated() || e.hasSubOrchestrationInstanceCreated()
                || e.hasEventSent() || e.hasExecutionCompleted();
    }

    static ReplayResult replay(String instanceId, List<HistoryEvent> history, TaskOrchestration orchestration) {
        List<OrchestratorAction> produced = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        Set<Integer> sentBefore = new HashSet<>();
        int episodes = 0;
        int start = 0;
        while (start < history.size()) {
            int end = start;
            while (end < history.size() && !history.get(end).hasOrchestratorCompleted()) {
                end++;
            }
            List<HistoryEvent> episode = history.subList(start, Math.min(end + 1, history.size()));
            List<HistoryEvent> incoming = episode.stream()
                    .filter(e -> !recordsAnAction(e) && !e.hasOrchestratorCompleted()).toList();
            List<String> recorded = episode.stream().filter(HistoryReplayer::recordsAnAction)
                    .map(HistoryReplayer::describe).toList();
            boolean terminated = episode.stream().anyMatch(HistoryEvent::hasExecutionTerminated);
            episodes++;

            List<String> now = new ArrayList<>();
            try {
                OrchestratorResponse response = run(instanceId, history.subList(0, start), incoming, orchestration);
                for (OrchestratorAction action : response.getActionsList()) {
                    if (action.hasSendEvent() && sentBefore.contains(action.getId())) {
                        continue;
                    }
                    produced.add(action);
                    now.add(describe(action));
                }
            } catch (RuntimeException | Error e) {
                TaskFailureDetails failure = HistoryEvents.failureOf(e);
                now.add("complete FAILED [" + failure.getErrorType() + ": " + failure.getErrorMessage() + "]");
            }
            if (terminated) {
                // A terminated instance's code ran up to the termination; only the completion is comparable.
                now.removeIf(d -> !d.startsWith("complete"));
                recorded = recorded.stream().filter(d -> d.startsWith("complete")).toList();
            }
            if (!now.equals(recorded)) {
                mismatches.add("episode " + episodes + " (history events " + start + ".." + end + "): recorded "
                        + recorded + " but replay produced " + now);
            }
            episode.stream().filter(HistoryEvent::hasEventSent).forEach(e -> sentBefore.add(e.getEventId()));
            start = end + 1;
        }
        return new ReplayResult(instanceId, episodes, produced, mismatches);
    }

    private static OrchestratorResponse run(String instanceId, List<HistoryEvent> past, List<HistoryEvent> incoming,
                                            TaskOrchestration orchestration) {
        OrchestratorRequest request = OrchestratorRequest.newBuilder()
                .setInstanceId(instanceId)
                .addAllPastEvents(feedable(past))
                .addAllNewEvents(feedable(incoming))
                .build();
        byte[] bytes = OrchestrationRunner.loadAndRun(request.toByteArray(),
                FunctionsHostInvocation.wrap(orchestration, new AtomicReference<>()));
        try {
            return OrchestratorResponse.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("durabletask returned an unreadable OrchestratorResponse", e);
        }
    }

    static String describe(OrchestratorAction action) {
        int id = action.getId();
        return switch (action.getOrchestratorActionTypeCase()) {
            case SCHEDULETASK -> "#" + id + " activity " + action.getScheduleTask().getName()
                    + "(" + (action.getScheduleTask().hasInput() ? action.getScheduleTask().getInput().getValue() : "") + ")";
            case CREATETIMER -> "#" + id + " timer at "
                    + DataConverter.getInstantFromTimestamp(action.getCreateTimer().getFireAt());
            // durabletask 1.4.0 gives sub-orchestrations without an explicit id a random one, so ids are not compared.
            case CREATESUBORCHESTRATION -> "#" + id + " sub-orchestration " + action.getCreateSubOrchestration().getName()
                    + "(" + (action.getCreateSubOrchestration().hasInput()
                    ? action.getCreateSubOrchestration().getInput().getValue() : "") + ")";
            case SENDEVENT -> "#" + id + " send " + action.getSendEvent().getName() + " to "
                    + action.getSendEvent().getInstance().getInstanceId()
                    + "(" + (action.getSendEvent().hasData() ? action.getSendEvent().getData().getValue() : "") + ")";
            case COMPLETEORCHESTRATION -> describe(action.getCompleteOrchestration());
            default -> "#" + id + " " + action.getOrchestratorActionTypeCase();
        };
    }

    private static String describe(CompleteOrchestrationAction complete) {
        return completion(complete.getOrchestrationStatus().name(),
                complete.hasResult() ? complete.getResult().getValue() : null,
                complete.hasFailureDetails() ? complete.getFailureDetails() : null);
    }

    static String describe(HistoryEvent event) {
        int id = event.getEventId();
        if (event.hasTaskScheduled()) {
            return "#" + id + " activity " + event.getTaskScheduled().getName()
                    + "(" + (event.getTaskScheduled().hasInput() ? event.getTaskScheduled().getInput().getValue() : "") + ")";
        }
        if (event.hasTimerCreated()) {
            return "#" + id + " timer at " + DataConverter.getInstantFromTimestamp(event.getTimerCreated().getFireAt());
        }
        if (event.hasSubOrchestrationInstanceCreated()) {
            return "#" + id + " sub-orchestration " + event.getSubOrchestrationInstanceCreated().getName()
                    + "(" + (event.getSubOrchestrationInstanceCreated().hasInput()
                    ? event.getSubOrchestrationInstanceCreated().getInput().getValue() : "") + ")";
        }
        if (event.hasEventSent()) {
            return "#" + id + " send " + event.getEventSent().getName() + " to " + event.getEventSent().getInstanceId()
                    + "(" + (event.getEventSent().hasInput() ? event.getEventSent().getInput().getValue() : "") + ")";
        }
        if (event.hasExecutionCompleted()) {
            ExecutionCompletedEvent completed = event.getExecutionCompleted();
            return completion(completed.getOrchestrationStatus().name(),
                    completed.hasResult() ? completed.getResult().getValue() : null,
                    completed.hasFailureDetails() ? completed.getFailureDetails() : null);
        }
        return event.getEventTypeCase().name();
    }

    private static String completion(String status, String result, TaskFailureDetails failure) {
        String shortStatus = status.replace("ORCHESTRATION_STATUS_", "");
        if (failure != null) {
            return "complete " + shortStatus + " [" + failure.getErrorType() + ": " + failure.getErrorMessage() + "]";
        }
        return "complete " + shortStatus + (result == null ? "" : " " + result);
    }
}
