package io.acapromoter.local.durable;

import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorAction;

import java.util.List;
import java.util.Objects;

/**
 * What re-running an instance's recorded history produced.
 *
 * @param instanceId   the instance replayed
 * @param episodes     how many recorded episodes were re-run
 * @param actions      the actions the orchestrator produced, episode after episode, in order
 * @param mismatches   every difference from what the history recorded; empty when the code is deterministic
 */
public record ReplayResult(String instanceId, int episodes, List<OrchestratorAction> actions, List<String> mismatches) {
    public ReplayResult {
        Objects.requireNonNull(instanceId, "instanceId");
        actions = List.copyOf(actions);
        mismatches = List.copyOf(mismatches);
    }

    public boolean isConsistent() {
        return mismatches.isEmpty();
    }
}
