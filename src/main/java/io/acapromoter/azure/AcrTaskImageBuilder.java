package io.acapromoter.azure;

import com.azure.resourcemanager.containerregistry.ContainerRegistryManager;
import com.azure.resourcemanager.containerregistry.fluent.ContainerRegistryManagementClient;
import com.azure.core.http.HttpMethod;
import com.azure.resourcemanager.containerregistry.fluent.models.RunInner;
import com.azure.resourcemanager.containerregistry.fluent.models.TaskRunInner;
import com.fasterxml.jackson.databind.JsonNode;
import io.acapromoter.ports.AzureOperationException;
import com.azure.resourcemanager.containerregistry.models.Argument;
import com.azure.resourcemanager.containerregistry.models.EncodedTaskStep;
import com.azure.resourcemanager.containerregistry.models.FileTaskStep;
import com.azure.resourcemanager.containerregistry.models.SetValue;
import com.azure.resourcemanager.containerregistry.models.TaskStepProperties;
import com.azure.resourcemanager.containerregistry.models.ImageDescriptor;
import com.azure.resourcemanager.containerregistry.models.OverrideTaskStepProperties;
import com.azure.resourcemanager.containerregistry.models.TaskRunRequest;
import io.acapromoter.ports.BuildRun;
import io.acapromoter.ports.ImageBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@link ImageBuilder} on ACR Tasks ({@code azure-resourcemanager-containerregistry}): schedules a
 * run of an existing task with argument overrides and reads its status. The task itself decides
 * what it pushes; it holds no right to change any container app.
 */
public final class AcrTaskImageBuilder implements ImageBuilder {

    private final Function<String, ContainerRegistryManager> managers;

    public AcrTaskImageBuilder(Function<String, ContainerRegistryManager> managers) {
        this.managers = managers;
    }

    private ContainerRegistryManagementClient client(ArmId id) {
        return managers.apply(id.subscriptionId()).serviceClient();
    }

    /** The API version of task runs (the SDK's {@code TaskRunsClient} speaks the same). */
    static final String TASK_RUNS_API_VERSION = "2019-06-01-preview";

    /**
     * Through a named task run ({@code registries/taskRuns/{name}}) rather than {@code scheduleRun}: a
     * run has no tag or caller-chosen field to find it by, a task run is an ARM resource with a name.
     * Read first; created only when absent. A PUT of a name that exists does not run the task again
     * either (Azure reruns a task run only when its {@code forceUpdateTag} changes, never sent here).
     * The PUT's answer already names the run; the task run's own provisioning is not waited for.
     */
    @Override
    public String startRun(String registryId, String task, Map<String, String> arguments, String taskRunName) {
        ArmId id = ArmId.parse(registryId);
        String resource = registryId + "/taskRuns/" + taskRunName;
        Optional<String> existing = runIdOf(id, resource, taskRunName);
        if (existing.isPresent()) {
            return existing.get();
        }
        TaskRunRequest request = new TaskRunRequest().withTaskId(registryId + "/tasks/" + task);
        if (!arguments.isEmpty()) {
            request.withOverrideTaskStepProperties(overrides(id, registryId, task, arguments));
        }
        ContainerRegistryManagementClient client = client(id);
        ArmOperations.Started started = ArmOperations.send(client.getHttpPipeline(), client.getEndpoint(), TASK_RUNS_API_VERSION,
                HttpMethod.PUT, resource, new TaskRunInner().withRunRequest(request), "start task run " + taskRunName + " of task " + task);
        return started.body().flatMap(AcrTaskImageBuilder::runIdIn).or(() -> runIdOf(id, resource, taskRunName))
                .orElseThrow(() -> new AzureOperationException("start task run " + taskRunName, resource, 0, true,
                        "Azure accepted the task run but has not named its run yet", null));
    }

    /** The run id of the task run, or empty when there is no such task run (or it names no run yet). */
    private Optional<String> runIdOf(ArmId id, String resource, String taskRunName) {
        try {
            TaskRunInner taskRun = AzureErrors.call("get task run " + taskRunName, resource,
                    () -> client(id).getTaskRuns().get(id.resourceGroupName(), id.name(), taskRunName));
            return Optional.ofNullable(taskRun.runResult()).map(RunInner::runId);
        } catch (AzureOperationException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static Optional<String> runIdIn(JsonNode taskRun) {
        JsonNode runId = taskRun.path("properties").path("runResult").path("properties").path("runId");
        return runId.isTextual() && !runId.asText().isBlank() ? Optional.of(runId.asText()) : Optional.empty();
    }

    /**
     * {@code arguments} only reach a Docker build step; a multi-step task (a task file or an encoded
     * task) takes {@code values}. The task's step says which it is.
     */
    private OverrideTaskStepProperties overrides(ArmId id, String registryId, String task, Map<String, String> arguments) {
        TaskStepProperties step = AzureErrors.call("get task " + task, registryId,
                () -> client(id).getTasks().get(id.resourceGroupName(), id.name(), task)).step();
        if (step instanceof FileTaskStep || step instanceof EncodedTaskStep) {
            List<SetValue> values = new ArrayList<>();
            new TreeMap<>(arguments).forEach((name, value) -> values.add(new SetValue().withName(name).withValue(value)
                    .withIsSecret(false)));
            return new OverrideTaskStepProperties().withValues(values);
        }
        List<Argument> overrides = new ArrayList<>();
        new TreeMap<>(arguments).forEach((name, value) -> overrides.add(new Argument().withName(name).withValue(value)
                .withIsSecret(false)));
        return new OverrideTaskStepProperties().withArguments(overrides);
    }

    @Override
    public BuildRun getRun(String registryId, String runId) {
        ArmId id = ArmId.parse(registryId);
        RunInner run = AzureErrors.call("get run " + runId, registryId,
                () -> client(id).getRuns().get(id.resourceGroupName(), id.name(), runId));
        List<String> images = new ArrayList<>();
        for (ImageDescriptor d : run.outputImages() == null ? List.<ImageDescriptor>of() : run.outputImages()) {
            images.add(d.registry() + "/" + d.repository() + (d.tag() == null ? "" : ":" + d.tag())
                    + (d.digest() == null ? "" : "@" + d.digest()));
        }
        Optional<String> log = Optional.empty();
        if (run.status() != null && new BuildRun(runId, run.status().toString(), List.of(), Optional.empty()).isFinished()) {
            log = Optional.ofNullable(AzureErrors.call("get log link of run " + runId, registryId,
                    () -> client(id).getRuns().getLogSasUrl(id.resourceGroupName(), id.name(), runId)).logLink());
        }
        return new BuildRun(runId, run.status() == null ? "Queued" : run.status().toString(), images, log);
    }
}
