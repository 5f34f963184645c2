package io.acapromoter.orchestration;

import java.util.List;

/**
 * The payload of {@code CheckRebuild} and its answer: one ACR Task run.
 *
 * @param registryResourceId the registry that runs the task
 * @param runId              the run
 * @param status             ACR's status name, in answers
 * @param finished           whether the run is over, in answers
 * @param succeeded          whether it succeeded, in answers
 * @param pushedImages       what it pushed, in answers
 */
public record RebuildRun(String registryResourceId, String runId, String status, boolean finished, boolean succeeded,
                         List<String> pushedImages) {

    public RebuildRun {
        pushedImages = pushedImages == null ? List.of() : List.copyOf(pushedImages);
    }
}
