package io.acapromoter.orchestration;

import java.util.Objects;

/**
 * The input of {@code CheckRebuild}: which ACR Task run to look at.
 *
 * @param registryResourceId the registry that runs the task
 * @param runId              the run
 */
public record RebuildRunRef(String registryResourceId, String runId) {

    public RebuildRunRef {
        Objects.requireNonNull(registryResourceId, "registryResourceId");
        Objects.requireNonNull(runId, "runId");
    }
}
