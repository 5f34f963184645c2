package io.acapromoter.local.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acapromoter.local.sim.RegistryModel.Manifest;
import io.acapromoter.local.sim.RegistryModel.Registry;
import io.acapromoter.local.sim.RegistryModel.Run;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry's ARM side: the registry resource, its ACR Tasks and their runs (scheduleRun, run
 * status and logs). Runs move along with simulated time in {@link #refresh()}; a successful run
 * pushes its output image, and a signing task signs it a step later.
 */
final class AcrTasks {
    static final String TASKS_API_VERSION = "2019-06-01-preview";
    /** How long before the end of a signing task run its image is pushed (the sign step's duration). */
    static final Duration SIGN_STEP = Duration.ofSeconds(20);

    private final RegistryStore store;
    private final Referrers referrers;
    private final Faults faults;
    private final AzureSimulator.Settings settings;

    AcrTasks(RegistryStore store, Referrers referrers, Faults faults, AzureSimulator.Settings settings) {
        this.store = store;
        this.referrers = referrers;
        this.faults = faults;
        this.settings = settings;
    }

    // ---------------------------------------------------------------- Java API

    void registerTask(String registry, String task, String repository, String tag, String stepType) {
        if (!List.of("Docker", "FileTask", "EncodedTask").contains(stepType)) {
            throw new IllegalArgumentException("step type must be Docker, FileTask or EncodedTask, got " + stepType);
        }
        synchronized (store) {
            store.requireRegistry(registry).taskTargets.put(task, repository + ":" + tag);
            store.requireRegistry(registry).taskStepTypes.put(task, stepType);
        }
    }

    /** A multi-step task that builds, pushes and then signs its image with {@code signer} (Notation + Key Vault plugin). */
    void registerSigningTask(String registry, String task, String repository, String tag, NotationSigner signer) {
        synchronized (store) {
            registerTask(registry, task, repository, tag, "FileTask");
            store.requireRegistry(registry).taskSigners.put(task, signer);
        }
    }

    void failNextRuns(String registry, String task, int times) {
        synchronized (store) {
            store.requireRegistry(registry).taskFailures.merge(task, times, Integer::sum);
        }
    }

    Map<String, String> runOverrides(String registry, String runId) {
        synchronized (store) {
            return Map.copyOf(requireRun(store.requireRegistry(registry), runId).overrides);
        }
    }

    List<String> runStatuses(String registry) {
        synchronized (store) {
            refresh();
            return store.requireRegistry(registry).runs.stream().map(r -> r.runId + ":" + r.status).toList();
        }
    }

    /** Moves task runs along; successful runs push their output image (events are sent outside the lock). */
    void refresh() {
        List<String> events = new ArrayList<>();
        List<String[]> signatureEvents = new ArrayList<>();
        List<byte[]> signatureEnvelopes = new ArrayList<>();
        synchronized (store) {
            Instant now = store.clock.now();
            for (Registry reg : store.all()) {
                for (Run run : reg.runs) {
                    if (run.status.equals("Queued") && !now.isBefore(run.startsAt)) {
                        run.status = "Running";
                    }
                    // A signing run pushes first (the push event goes out then) and signs SIGN_STEP later.
                    Instant pushAt = run.signer == null ? run.finishesAt : run.finishesAt.minus(SIGN_STEP);
                    if (run.status.equals("Running") && !run.fails && run.pushedAt == null && !now.isBefore(pushAt)
                            && run.outputRepository != null) {
                        Manifest m = store.imageManifest(RegistryStore.DOCKER_MANIFEST, null);
                        PushedImage pushed = store.store(reg, run.outputRepository, run.outputTag, m);
                        run.outputDigest = pushed.digest();
                        run.pushedAt = now;
                        events.add(store.pushEvent(reg, pushed, m.body.length));
                    }
                    boolean signStepLeft = run.signer != null && run.pushedAt != null && now.isBefore(run.pushedAt.plus(SIGN_STEP));
                    if (run.status.equals("Running") && !now.isBefore(run.finishesAt) && !signStepLeft) {
                        run.finishTime = run.finishesAt;
                        run.status = run.fails ? "Failed" : "Succeeded";
                        if (!run.fails && run.signer != null && run.outputDigest != null) {
                            Manifest image = reg.repositories.get(run.outputRepository).manifests.get(run.outputDigest);
                            byte[] envelope = run.signer.sign(run.outputDigest, image.mediaType, image.body.length, now, null);
                            signatureEvents.add(new String[] {reg.name, run.outputRepository, run.outputDigest});
                            signatureEnvelopes.add(envelope);
                        }
                    }
                }
            }
        }
        events.forEach(store::publish);
        for (int k = 0; k < signatureEvents.size(); k++) {
            String[] at = signatureEvents.get(k);
            referrers.pushSignature(at[0], at[1], at[2], signatureEnvelopes.get(k), NotationSigner.ENVELOPE_MEDIA_TYPE);
        }
    }

    // ---------------------------------------------------------------- ARM routes

    SimResponse getRegistry(SimRequest req) {
        synchronized (store) {
            Registry reg = store.armRegistry(req);
            ObjectNode body = Json.object();
            body.put("id", reg.id());
            body.put("name", reg.name);
            body.put("type", "Microsoft.ContainerRegistry/registries");
            body.put("location", reg.location);
            body.putObject("tags");
            body.putObject("sku").put("name", "Premium").put("tier", "Premium");
            ObjectNode p = body.putObject("properties");
            p.put("loginServer", reg.loginServer);
            p.put("creationDate", Json.time(reg.created));
            p.put("provisioningState", "Succeeded");
            p.put("adminUserEnabled", false);
            p.put("dataEndpointEnabled", false);
            p.put("publicNetworkAccess", "Enabled");
            p.put("networkRuleBypassOptions", "AzureServices");
            p.put("zoneRedundancy", "Disabled");
            p.put("anonymousPullEnabled", false);
            return SimResponse.json(200, body);
        }
    }

    SimResponse getTask(SimRequest req) {
        synchronized (store) {
            Registry reg = store.armRegistry(req);
            String task = req.param("task");
            String type = reg.taskStepTypes.get(task);
            if (type == null) {
                throw ArmException.notFound("Microsoft.ContainerRegistry/registries/" + reg.name + "/tasks", task);
            }
            ObjectNode body = Json.object();
            body.put("id", reg.id() + "/tasks/" + task);
            body.put("name", task);
            body.put("type", "Microsoft.ContainerRegistry/registries/tasks");
            body.put("location", reg.location);
            ObjectNode p = body.putObject("properties");
            p.put("provisioningState", "Succeeded");
            p.put("creationDate", Json.time(reg.created));
            p.put("status", "Enabled");
            p.putObject("platform").put("os", "Linux").put("architecture", "amd64");
            p.putObject("agentConfiguration").put("cpu", 2);
            p.put("timeout", 3600);
            ObjectNode step = p.putObject("step");
            step.put("type", type);
            step.put("contextPath", "https://github.com/contoso/shop");
            switch (type) {
                case "Docker" -> {
                    step.put("dockerFilePath", "Dockerfile");
                    step.putArray("imageNames").add(reg.taskTargets.get(task));
                    step.put("isPushEnabled", true);
                    step.putArray("arguments");
                }
                case "FileTask" -> {
                    step.put("taskFilePath", "acb.yaml");
                    step.putArray("values");
                }
                default -> step.put("encodedTaskContent", Base64.getEncoder().encodeToString("version: v1.1.0\nsteps: []\n".getBytes(StandardCharsets.UTF_8)));
            }
            return SimResponse.json(200, body);
        }
    }

    SimResponse scheduleRun(SimRequest req) {
        refresh();
        synchronized (store) {
            Registry reg = store.armRegistry(req);
            return SimResponse.json(200, runJson(reg, startRun(reg, req.json(), req)));
        }
    }

    /**
     * Creates the task run {@code name} and its run; a PUT of a name that exists answers the task run as
     * it is (Azure runs it again only when {@code forceUpdateTag} changes, which the promoter never sends).
     */
    SimResponse putTaskRun(SimRequest req) {
        refresh();
        synchronized (store) {
            Registry reg = store.armRegistry(req);
            String name = req.param("taskRun");
            if (!name.matches("[-\\w._]{5,50}")) {
                throw ArmException.badRequest("InvalidTaskRunName", "The task run name '" + name
                        + "' must be 5 to 50 letters, digits, '-', '_' or '.'.");
            }
            RegistryModel.TaskRun existing = reg.taskRuns.get(name.toLowerCase(java.util.Locale.ROOT));
            if (existing != null) {
                return SimResponse.json(200, taskRunJson(reg, existing));
            }
            JsonNode runRequest = req.json().path("properties").path("runRequest");
            if (!runRequest.isObject()) {
                throw ArmException.badRequest("InvalidRequestContent", "The task run must have properties.runRequest.");
            }
            RegistryModel.TaskRun created = new RegistryModel.TaskRun(name, runRequest.deepCopy(), startRun(reg, runRequest, req));
            reg.taskRuns.put(name.toLowerCase(java.util.Locale.ROOT), created);
            return SimResponse.json(201, taskRunJson(reg, created));
        }
    }

    SimResponse getTaskRun(SimRequest req) {
        refresh();
        synchronized (store) {
            Registry reg = store.armRegistry(req);
            RegistryModel.TaskRun taskRun = reg.taskRuns.get(req.param("taskRun").toLowerCase(java.util.Locale.ROOT));
            if (taskRun == null) {
                throw ArmException.notFound("Microsoft.ContainerRegistry/registries/taskRuns", req.param("taskRun"));
            }
            return SimResponse.json(200, taskRunJson(reg, taskRun));
        }
    }

    /** As the REST spec's TaskRuns_Create example: the request echoed, the run under {@code runResult}. */
    private static ObjectNode taskRunJson(Registry reg, RegistryModel.TaskRun taskRun) {
        ObjectNode body = Json.object();
        body.put("type", "Microsoft.ContainerRegistry/registries/TaskRuns");
        ObjectNode p = body.putObject("properties");
        p.put("provisioningState", "Succeeded");
        p.set("runRequest", taskRun.runRequest().deepCopy());
        p.set("runResult", runJson(reg, taskRun.run()));
        body.put("id", reg.id() + "/taskRuns/" + taskRun.name());
        body.put("name", taskRun.name().toLowerCase(java.util.Locale.ROOT));
        return body;
    }

    /** A run of the request {@code body} ({@code scheduleRun}'s body, or a task run's {@code runRequest}); under the store lock. */
    private Run startRun(Registry reg, JsonNode body, SimRequest req) {
        String type = Json.text(body, "type");
        if (type == null) {
            throw ArmException.badRequest("InvalidRequestContent", "The run request must have a 'type'.");
        }
        Run run = new Run();
        run.runId = "cb" + Integer.toString(reg.runs.size() + 1, 36);
        run.created = store.clock.now();
        run.startsAt = run.created.plus(settings.runQueueDuration);
        run.finishesAt = run.startsAt.plus(settings.runDuration);
        run.runType = "QuickRun";
        String output = null;
        switch (type) {
            case "TaskRunRequest" -> {
                String taskId = Optional.ofNullable(Json.text(body, "taskId")).orElse(Json.text(body, "taskName"));
                if (taskId == null) {
                    throw ArmException.badRequest("InvalidRequestContent", "A TaskRunRequest needs a taskId.");
                }
                run.task = taskId.substring(taskId.lastIndexOf('/') + 1);
                if (!reg.taskTargets.containsKey(run.task)) {
                    throw ArmException.notFound("Microsoft.ContainerRegistry/registries/" + reg.name + "/tasks", run.task);
                }
                output = reg.taskTargets.get(run.task);
                // A Docker step takes arguments; a task file or an encoded task takes values and ignores arguments.
                String kind = reg.taskStepTypes.getOrDefault(run.task, "Docker");
                for (JsonNode o : body.path("overrideTaskStepProperties").path(kind.equals("Docker") ? "arguments" : "values")) {
                    run.overrides.put(Json.text(o, "name"), Json.text(o, "value"));
                }
            }
            case "DockerBuildRequest", "EncodedTaskRunRequest", "FileTaskRunRequest" -> {
                JsonNode names = body.path("imageNames");
                if (names.isArray() && !names.isEmpty()) {
                    output = names.get(0).asText();
                }
            }
            default -> throw ArmException.badRequest("InvalidRequestContent", "Unknown run request type '" + type + "'.");
        }
        if (output != null) {
            String repoTag = output.startsWith(reg.loginServer + "/") ? output.substring(reg.loginServer.length() + 1) : output;
            int colon = repoTag.lastIndexOf(':');
            run.outputRepository = colon < 0 ? repoTag : repoTag.substring(0, colon);
            run.outputTag = colon < 0 ? "latest" : repoTag.substring(colon + 1);
        }
        run.signer = run.task == null ? null : reg.taskSigners.get(run.task);
        Integer failures = run.task == null ? null : reg.taskFailures.get(run.task);
        if (failures != null && failures > 0) {
            run.fails = true;
            reg.taskFailures.put(run.task, failures - 1);
        }
        if (faults.take(Fault.Kind.FAILED_OPERATION, req.method, req.path).isPresent()) {
            run.fails = true;
        }
        reg.runs.add(run);
        return run;
    }

    SimResponse getRun(SimRequest req) {
        refresh();
        synchronized (store) {
            Registry reg = store.armRegistry(req);
            return SimResponse.json(200, runJson(reg, requireRun(reg, req.param("run"))));
        }
    }

    SimResponse listRuns(SimRequest req) {
        refresh();
        synchronized (store) {
            Registry reg = store.armRegistry(req);
            ObjectNode body = Json.object();
            ArrayNode value = body.putArray("value");
            for (int i = reg.runs.size() - 1; i >= 0; i--) {
                value.add(runJson(reg, reg.runs.get(i)));
            }
            return SimResponse.json(200, body);
        }
    }

    SimResponse logSasUrl(SimRequest req) {
        synchronized (store) {
            Registry reg = store.armRegistry(req);
            Run run = requireRun(reg, req.param("run"));
            ObjectNode body = Json.object();
            body.put("logLink", "https://" + req.host + "/sim-logs/" + reg.name + "/" + run.runId);
            return SimResponse.json(200, body);
        }
    }

    SimResponse runLog(SimRequest req) {
        synchronized (store) {
            Registry reg = store.requireRegistry(req.param("reg"));
            Run run = requireRun(reg, req.param("run"));
            return SimResponse.text(200, "Queued a build for run ID: " + run.runId + "\nRun status: " + run.status + "\n");
        }
    }

    private static ObjectNode runJson(Registry reg, Run run) {
        ObjectNode body = Json.object();
        body.put("id", reg.id() + "/runs/" + run.runId);
        body.put("name", run.runId);
        body.put("type", "Microsoft.ContainerRegistry/registries/runs");
        ObjectNode p = body.putObject("properties");
        p.put("runId", run.runId);
        p.put("status", run.status);
        p.put("lastUpdatedTime", Json.time(run.finishTime != null ? run.finishTime : run.status.equals("Running") ? run.startsAt : run.created));
        p.put("runType", run.runType);
        p.put("createTime", Json.time(run.created));
        if (!run.status.equals("Queued")) {
            p.put("startTime", Json.time(run.startsAt));
        }
        if (run.finishTime != null) {
            p.put("finishTime", Json.time(run.finishTime));
        }
        if (run.outputDigest != null) {
            ObjectNode image = p.putArray("outputImages").addObject();
            image.put("registry", reg.loginServer);
            image.put("repository", run.outputRepository);
            image.put("tag", run.outputTag);
            image.put("digest", run.outputDigest);
        }
        if (run.task != null) {
            p.put("task", run.task);
        }
        p.putObject("platform").put("os", "Linux").put("architecture", "amd64");
        p.putObject("agentConfiguration").put("cpu", 2);
        if (run.status.equals("Failed")) {
            p.put("runErrorMessage", "failed to build image: the build step exited with code 1");
        }
        p.put("provisioningState", "Succeeded");
        p.put("isArchiveEnabled", false);
        return body;
    }

    private static Run requireRun(Registry reg, String runId) {
        for (Run r : reg.runs) {
            if (r.runId.equalsIgnoreCase(runId)) {
                return r;
            }
        }
        throw ArmException.notFound("Microsoft.ContainerRegistry/registries/" + reg.name + "/runs", runId);
    }
}
