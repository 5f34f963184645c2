package io.acapromoter.local.durable;

import com.microsoft.durabletask.OrchestrationRuntimeStatus;

import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of one orchestration instance, the fields Durable Functions' status query returns.
 *
 * @param instanceId       the instance id
 * @param name             the orchestrator name
 * @param runtimeStatus    PENDING until its first episode ran, then RUNNING, then COMPLETED, FAILED or TERMINATED
 * @param inputJson        the input as JSON, null when none
 * @param outputJson       the output as JSON (the reason for TERMINATED), null while running
 * @param customStatusJson the custom status as JSON, null when never set or cleared
 * @param failure          why it FAILED, null otherwise
 * @param createdAt        when it was scheduled
 * @param lastUpdatedAt    when its state last changed
 */
public record InstanceState(
        String instanceId,
        String name,
        OrchestrationRuntimeStatus runtimeStatus,
        String inputJson,
        String outputJson,
        String customStatusJson,
        FailureInfo failure,
        Instant createdAt,
        Instant lastUpdatedAt) {

    public InstanceState {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(runtimeStatus, "runtimeStatus");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUpdatedAt, "lastUpdatedAt");
    }

    public boolean isRunning() {
        return runtimeStatus == OrchestrationRuntimeStatus.RUNNING
                || runtimeStatus == OrchestrationRuntimeStatus.PENDING;
    }
}
