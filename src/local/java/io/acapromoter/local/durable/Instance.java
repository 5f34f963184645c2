package io.acapromoter.local.durable;

import com.microsoft.durabletask.OrchestrationRuntimeStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** One orchestration instance's mutable state; every access is under the driver's lock. */
final class Instance {

    /** The parent waiting for this instance as a sub-orchestration. */
    record ParentLink(String instanceId, String executionId, int taskScheduledId) {
    }

    final String instanceId;
    final String name;
    final Instant createdAt;
    final ParentLink parent;
    String inputJson;
    String executionId;
    OrchestrationRuntimeStatus status = OrchestrationRuntimeStatus.PENDING;
    String outputJson;
    String customStatusJson;
    FailureInfo failure;
    Instant lastUpdatedAt;
    /** The current execution's recorded history, episode after episode. */
    final List<HistoryEvent> history = new ArrayList<>();
    /** Events delivered but not yet seen by the orchestrator: the next episode's new events. */
    final List<HistoryEvent> inbox = new ArrayList<>();
    /** Ids of sendEvent actions already carried out; durabletask 1.4.0 returns them again on every episode. */
    final Set<Integer> sentEventIds = new HashSet<>();

    Instance(String instanceId, String name, String inputJson, String executionId, Instant createdAt, ParentLink parent) {
        this.instanceId = instanceId;
        this.name = name;
        this.inputJson = inputJson;
        this.executionId = executionId;
        this.createdAt = createdAt;
        this.lastUpdatedAt = createdAt;
        this.parent = parent;
    }

    boolean isRunning() {
        return status == OrchestrationRuntimeStatus.PENDING || status == OrchestrationRuntimeStatus.RUNNING;
    }

    boolean isCurrent(String execution) {
        return isRunning() && executionId.equals(execution);
    }

    InstanceState snapshot() {
        return new InstanceState(instanceId, name, status, inputJson, outputJson, customStatusJson, failure,
                createdAt, lastUpdatedAt);
    }
}
