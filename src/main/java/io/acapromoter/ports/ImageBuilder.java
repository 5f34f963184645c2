package io.acapromoter.ports;

import java.util.Map;

/** Runs ACR Tasks: the rebuild side. It can push images; it can never touch production. */
public interface ImageBuilder {

    /** Schedules a run of {@code task} in the registry with the given argument overrides; returns the run id. */
    String scheduleRun(String registryId, String task, Map<String, String> arguments);

    BuildRun getRun(String registryId, String runId);
}
