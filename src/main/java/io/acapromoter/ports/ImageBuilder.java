package io.acapromoter.ports;

import java.util.Map;

/** Runs ACR Tasks: the rebuild side. It can push images; it can never touch production. */
public interface ImageBuilder {

    /**
     * Runs {@code task} in the registry with the given argument overrides as the task run named
     * {@code taskRunName}, unless a task run of that name exists; returns the id of the run either way.
     * So an activity that runs again (Durable runs activities at least once) starts no second build.
     *
     * @param taskRunName 5–50 letters, digits, {@code -}, {@code _} or {@code .}; the same for every call of one rebuild
     */
    String startRun(String registryId, String task, Map<String, String> arguments, String taskRunName);

    BuildRun getRun(String registryId, String runId);
}
