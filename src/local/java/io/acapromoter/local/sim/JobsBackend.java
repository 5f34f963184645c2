package io.acapromoter.local.sim;

import io.acapromoter.settings.Settings;
import static io.acapromoter.local.sim.ContainerAppsBackend.key;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acapromoter.local.sim.SimModel.Environment;
import io.acapromoter.local.sim.SimModel.Execution;
import io.acapromoter.local.sim.SimModel.Job;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Microsoft.App jobs: get, create, update (long-running), start, and executions that run for a
 * while of simulated time and succeed or fail with their image. Environments and image behaviours
 * come from the {@link ContainerAppsBackend}.
 */
final class JobsBackend {
    private static final String API_VERSION = ContainerAppsBackend.API_VERSION;
    private static final String P = "/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.App";
    private static final String JOB_OPERATIONS = "containerappsjob";

    private final SimClock clock;
    private final Faults faults;
    private final Operations operations;
    private final ContainerAppsBackend containerApps;
    private final AzureSimulator.Settings settings;
    private final Map<String, Job> jobs = new LinkedHashMap<>();

    JobsBackend(SimClock clock, Faults faults, Operations operations, ContainerAppsBackend containerApps, AzureSimulator.Settings settings) {
        this.clock = clock;
        this.faults = faults;
        this.operations = operations;
        this.containerApps = containerApps;
        this.settings = settings;
    }

    List<Route> routes() {
        return List.of(
                Route.of("GET", P + "/jobs/{job}", "Jobs_Get", this::getJob),
                Route.of("PUT", P + "/jobs/{job}", "Jobs_CreateOrUpdate", this::putJob),
                Route.of("PATCH", P + "/jobs/{job}", "Jobs_Update", this::patchJob),
                Route.of("POST", P + "/jobs/{job}/start", "Jobs_Start", this::startJob),
                Route.of("GET", P + "/jobs/{job}/executions", "JobsExecutions_List", this::listExecutions),
                Route.of("GET", P + "/jobs/{job}/executions/{exec}", "JobExecution", this::getExecution),
                Route.of("GET", "/subscriptions/{sub}/providers/Microsoft.App/locations/{loc}/containerappsjobOperationStatuses/{id}", "JobsOperationStatuses_Get", operations::status),
                Route.of("GET", "/subscriptions/{sub}/providers/Microsoft.App/locations/{loc}/containerappsjobOperationResults/{id}", "JobsOperationResults_Get", operations::result));
    }

    synchronized void createJob(String subscriptionId, String resourceGroup, String name, String environmentName, String containerName, String image) {
        Environment env = containerApps.environment(subscriptionId, resourceGroup, environmentName);
        Job job = new Job();
        job.subscriptionId = subscriptionId;
        job.resourceGroup = resourceGroup;
        job.name = name;
        job.location = env.location;
        job.environment = env;
        job.configuration = Json.object();
        job.configuration.put("triggerType", "Manual");
        job.configuration.put("replicaTimeout", 1800);
        job.configuration.put("replicaRetryLimit", 1);
        RegistryCredentials.pullWithSystemIdentity(job.configuration, image);
        ObjectNode manual = job.configuration.putObject("manualTriggerConfig");
        manual.put("replicaCompletionCount", 1);
        manual.put("parallelism", 1);
        job.template = Json.object();
        ObjectNode c = job.template.putArray("containers").addObject();
        c.put("name", containerName);
        c.put("image", image);
        jobs.put(key(subscriptionId, resourceGroup, name), job);
    }

    /** Replaces the job's credential for {@code server} (set-up API). */
    synchronized void setRegistryCredential(String sub, String rg, String name, String server, String identity,
                                            String username) {
        RegistryCredentials.set(requireJob(sub, rg, name).configuration, server, identity, username);
    }

    synchronized String jobImage(String subscriptionId, String resourceGroup, String name) {
        return Json.text(requireJob(subscriptionId, resourceGroup, name).template.get("containers").get(0), "image");
    }

    synchronized List<String> jobExecutionStatuses(String subscriptionId, String resourceGroup, String name) {
        refresh();
        return requireJob(subscriptionId, resourceGroup, name).executions.stream().map(e -> e.name + ":" + e.status).toList();
    }

    synchronized void refresh() {
        Instant now = clock.now();
        for (Job job : jobs.values()) {
            for (Execution e : job.executions) {
                if (!e.done && !now.isBefore(e.finishesAt)) {
                    e.done = true;
                    e.status = e.fails ? "Failed" : "Succeeded";
                    e.endTime = e.finishesAt;
                }
            }
        }
    }

    private synchronized SimResponse getJob(SimRequest req) {
        refresh();
        return SimResponse.json(200, jobJson(requireJob(req.param("sub"), req.param("rg"), req.param("job"))));
    }

    private synchronized SimResponse putJob(SimRequest req) {
        JsonNode body = req.json();
        JsonNode props = body.path("properties");
        Job job = jobs.get(key(req.param("sub"), req.param("rg"), req.param("job")));
        boolean created = job == null;
        if (created) {
            String envId = Optional.ofNullable(Json.text(props, "environmentId")).orElse("");
            Environment env = containerApps.environmentById(envId);
            if (env == null) {
                throw ArmException.badRequest("ManagedEnvironmentNotFound", "The managed environment '" + envId + "' was not found.");
            }
            job = new Job();
            job.subscriptionId = req.param("sub");
            job.resourceGroup = req.param("rg");
            job.name = req.param("job").toLowerCase(Locale.ROOT);
            job.location = Locations.display(Optional.ofNullable(Json.text(body, "location")).orElse(env.location));
            job.environment = env;
        }
        job.configuration = props.has("configuration") ? (ObjectNode) props.get("configuration").deepCopy() : Json.object();
        job.template = props.has("template") ? (ObjectNode) props.get("template").deepCopy() : Json.object();
        Operations.Op op = jobOperation(job, req);
        jobs.put(key(job.subscriptionId, job.resourceGroup, job.name), job);
        return Operations.withHeaders(SimResponse.json(created ? 201 : 200, jobJson(job)), "https://" + req.host, op, API_VERSION, JOB_OPERATIONS);
    }

    private synchronized SimResponse patchJob(SimRequest req) {
        Job job = requireJob(req.param("sub"), req.param("rg"), req.param("job"));
        JsonNode props = req.json().path("properties");
        ObjectNode configuration = job.configuration.deepCopy();
        ObjectNode template = job.template.deepCopy();
        if (props.has("configuration")) {
            Json.merge(configuration, props.get("configuration"));
        }
        if (props.has("template")) {
            Json.merge(template, props.get("template"));
        }
        if (!template.path("containers").isArray() || template.path("containers").isEmpty()) {
            throw ArmException.badRequest("JobInvalidSchema", "Job '" + job.name + "' template must have at least one container.");
        }
        Optional<Fault> failed = faults.take(Fault.Kind.FAILED_OPERATION, req.method, req.path);
        if (failed.isEmpty()) {
            job.configuration = configuration;
            job.template = template;
        }
        job.lastOperationFailed = failed.isPresent();
        job.pendingOperation = operations.start(job.subscriptionId, job.location, settings.operationDuration,
                failed.isPresent() ? "JobOperationFailed" : null, "The update of job '" + job.name + "' failed.");
        // Real job PATCHes have answered 202 with a Location header only.
        return Operations.withLocation(SimResponse.empty(202), "https://" + req.host, job.pendingOperation, API_VERSION, JOB_OPERATIONS);
    }

    private Operations.Op jobOperation(Job job, SimRequest req) {
        boolean failed = faults.take(Fault.Kind.FAILED_OPERATION, req.method, req.path).isPresent();
        job.lastOperationFailed = failed;
        job.pendingOperation = operations.start(job.subscriptionId, job.location, settings.operationDuration,
                failed ? "JobOperationFailed" : null, "The update of job '" + job.name + "' failed.");
        return job.pendingOperation;
    }

    private synchronized SimResponse startJob(SimRequest req) {
        refresh();
        Job job = requireJob(req.param("sub"), req.param("rg"), req.param("job"));
        Execution e = new Execution();
        e.name = job.name + "-" + RevisionLifecycle.generatedSuffix();
        e.ran = ran(job, req.json());
        e.template = reported(e.ran);
        e.startTime = clock.now();
        e.finishesAt = e.startTime.plus(settings.jobExecutionDuration);
        e.status = "Running";
        for (JsonNode c : e.ran.path("containers")) {
            ImageBehavior b = containerApps.behaviorFor(Json.text(c, "image"));
            if (b.reportedState() != null && "Running".equals(e.status)) {
                e.status = b.reportedState();
            }
            e.fails |= b.provisioningFails() || b.unhealthy() || b.httpStatus() >= 500;
        }
        e.fails |= faults.take(Fault.Kind.FAILED_PROVISIONING, req.method, req.path).isPresent();
        job.executions.add(e);
        refresh();
        ObjectNode body = Json.object();
        body.put("name", e.name);
        body.put("id", job.id() + "/executions/" + e.name);
        // A long-running operation: 202 with a Location header only; the result (the execution's name) comes from polling it.
        Operations.Op op = operations.track(job.subscriptionId, job.location, now -> Operations.Outcome.succeeded(body));
        return Operations.withLocation(SimResponse.empty(202), "https://" + req.host, op, API_VERSION, JOB_OPERATIONS);
    }

    /** The fields of a container that a start template (a {@code JobExecutionContainer}, 2025-01-01) has. */
    private static final List<String> EXECUTION_CONTAINER_FIELDS = List.of("image", "name", "command", "args", "env", "resources");

    /**
     * What an execution runs. Without a template, the job's template as it stands. With one, that template replaces
     * the job's for this execution ("the job's entire template configuration is replaced with the new configuration",
     * Azure Container Apps jobs docs): its containers and init containers only, each with the execution-container
     * fields only (no volume mounts, no probes); the job's volumes stay (microsoft/azure-container-apps#909), though
     * nothing given here can mount them.
     */
    private static ObjectNode ran(Job job, JsonNode start) {
        if (!start.isObject() || (!start.has("containers") && !start.has("initContainers"))) {
            return job.template.deepCopy();
        }
        JsonNode containers = start.path("containers");
        if (!containers.isArray() || containers.isEmpty()) {
            throw ArmException.badRequest("JobInvalidSchema", "Job '" + job.name + "' execution template must have at least one container.");
        }
        ObjectNode ran = Json.object();
        ran.set("containers", executionContainers(job, containers, "containers"));
        if (start.has("initContainers") && !start.get("initContainers").isNull()) {
            ran.set("initContainers", executionContainers(job, start.get("initContainers"), "initContainers"));
        }
        if (job.template.has("volumes")) {
            ran.set("volumes", job.template.get("volumes").deepCopy());
        }
        return ran;
    }

    private static ArrayNode executionContainers(Job job, JsonNode given, String field) {
        if (!given.isArray()) {
            throw ArmException.badRequest("JobInvalidSchema", "Job '" + job.name + "' execution template " + field + " must be a list.");
        }
        ArrayNode out = Json.array();
        for (JsonNode c : given) {
            if (!c.isObject() || Json.text(c, "name") == null || Json.text(c, "name").isBlank()
                    || Json.text(c, "image") == null || Json.text(c, "image").isBlank()) {
                throw ArmException.badRequest("JobInvalidSchema", "Job '" + job.name + "' execution template " + field
                        + " need a name and an image each.");
            }
            ObjectNode kept = out.addObject();
            EXECUTION_CONTAINER_FIELDS.stream().filter(c::has).forEach(f -> kept.set(f, c.get(f).deepCopy()));
        }
        return out;
    }

    /** An execution's template as Azure reports it: containers and init containers with the execution-container fields. */
    private static ObjectNode reported(ObjectNode ran) {
        ObjectNode out = Json.object();
        for (String field : List.of("containers", "initContainers")) {
            if (ran.path(field).isArray()) {
                ArrayNode list = out.putArray(field);
                for (JsonNode c : ran.get(field)) {
                    ObjectNode kept = list.addObject();
                    EXECUTION_CONTAINER_FIELDS.stream().filter(c::has).forEach(f -> kept.set(f, c.get(f).deepCopy()));
                }
            }
        }
        return out;
    }

    private static ArrayNode arrayAt(ObjectNode parent, String field) {
        return parent.path(field).isArray() ? (ArrayNode) parent.get(field) : parent.putArray(field);
    }

    /** What an execution ran (containers as they ran, volumes); for tests. */
    synchronized ObjectNode executionRan(String sub, String rg, String name, String execution) {
        for (Execution e : requireJob(sub, rg, name).executions) {
            if (e.name.equalsIgnoreCase(execution)) {
                return e.ran.deepCopy();
            }
        }
        throw new IllegalArgumentException("job " + name + " has no execution " + execution);
    }

    /** Mounts a volume (an empty dir) into the job's container (set-up API). */
    synchronized void mountVolume(String sub, String rg, String name, String container, String volume, String mountPath) {
        Job job = requireJob(sub, rg, name);
        ObjectNode v = arrayAt(job.template, "volumes").addObject();
        v.put("name", volume);
        v.put("storageType", "EmptyDir");
        for (JsonNode c : job.template.path("containers")) {
            if (container.equals(Json.text(c, "name"))) {
                ObjectNode mount = arrayAt((ObjectNode) c, "volumeMounts").addObject();
                mount.put("volumeName", volume);
                mount.put("mountPath", mountPath);
                return;
            }
        }
        throw new IllegalArgumentException("job " + name + " has no container " + container);
    }

    private synchronized SimResponse listExecutions(SimRequest req) {
        refresh();
        Job job = requireJob(req.param("sub"), req.param("rg"), req.param("job"));
        ObjectNode body = Json.object();
        ArrayNode value = body.putArray("value");
        for (int i = job.executions.size() - 1; i >= 0; i--) {
            value.add(executionJson(job, job.executions.get(i)));
        }
        return SimResponse.json(200, body);
    }

    private synchronized SimResponse getExecution(SimRequest req) {
        refresh();
        Job job = requireJob(req.param("sub"), req.param("rg"), req.param("job"));
        for (Execution e : job.executions) {
            if (e.name.equalsIgnoreCase(req.param("exec"))) {
                return SimResponse.json(200, executionJson(job, e));
            }
        }
        throw ArmException.notFound("Microsoft.App/jobs/executions", req.param("exec"));
    }

    private ObjectNode executionJson(Job job, Execution e) {
        ObjectNode body = Json.object();
        body.put("id", job.id() + "/executions/" + e.name);
        body.put("name", e.name);
        body.put("type", "Microsoft.App/jobs/executions");
        ObjectNode p = body.putObject("properties");
        p.put("status", e.status);
        p.put("startTime", Json.time(e.startTime));
        if (e.endTime != null) {
            p.put("endTime", Json.time(e.endTime));
        }
        p.set("template", e.template.deepCopy());
        return body;
    }

    private ObjectNode jobJson(Job job) {
        ObjectNode body = Json.object();
        body.put("id", job.id());
        body.put("name", job.name);
        body.put("type", "Microsoft.App/jobs");
        body.put("location", ContainerAppsJson.displayLocation(job.location));
        ObjectNode p = body.putObject("properties");
        p.put("provisioningState", operations.inProgress(job.pendingOperation) ? "InProgress"
                : job.lastOperationFailed || operations.failed(job.pendingOperation) ? "Failed" : "Succeeded");
        p.put("environmentId", job.environment.id());
        p.put("workloadProfileName", "Consumption");
        p.set("configuration", job.configuration.deepCopy());
        p.set("template", job.template.deepCopy());
        p.putArray("outboundIpAddresses").add("20.0.0.2");
        return body;
    }

    private Job requireJob(String sub, String rg, String name) {
        Job job = jobs.get(key(sub, rg, name));
        if (job == null) {
            throw ArmException.notFound("Microsoft.App/jobs", name);
        }
        return job;
    }
}
