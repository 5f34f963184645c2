package io.acapromoter.azure;

import com.azure.core.http.HttpMethod;
import com.azure.core.management.polling.PollResult;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.azure.resourcemanager.appcontainers.ContainerAppsApiManager;
import com.azure.resourcemanager.appcontainers.fluent.ContainerAppsApiClient;
import com.azure.resourcemanager.appcontainers.fluent.models.ContainerAppInner;
import com.azure.core.util.Context;
import com.azure.resourcemanager.appcontainers.models.BaseContainer;
import com.azure.resourcemanager.appcontainers.models.EnvironmentVar;
import com.azure.resourcemanager.appcontainers.models.JobExecutionContainer;
import com.azure.resourcemanager.appcontainers.models.JobExecutionTemplate;
import com.azure.resourcemanager.appcontainers.fluent.models.JobExecutionBaseInner;
import com.azure.resourcemanager.appcontainers.fluent.models.JobExecutionInner;
import com.azure.resourcemanager.appcontainers.fluent.models.JobInner;
import com.azure.resourcemanager.appcontainers.fluent.models.ReplicaInner;
import com.azure.resourcemanager.appcontainers.fluent.models.RevisionInner;
import com.azure.resourcemanager.appcontainers.models.ActiveRevisionsMode;
import com.azure.resourcemanager.appcontainers.models.Configuration;
import com.azure.resourcemanager.appcontainers.models.Container;
import com.azure.resourcemanager.appcontainers.models.Ingress;
import com.azure.resourcemanager.appcontainers.models.JobPatchProperties;
import com.azure.resourcemanager.appcontainers.models.JobPatchPropertiesProperties;
import com.azure.resourcemanager.appcontainers.models.JobTemplate;
import com.azure.resourcemanager.appcontainers.models.Template;
import com.azure.resourcemanager.appcontainers.models.TrafficWeight;
import io.acapromoter.domain.PinnedImage;
import io.acapromoter.ports.ContainerApp;
import io.acapromoter.ports.AzureOperationException;
import io.acapromoter.ports.ContainerApps;
import io.acapromoter.ports.StartedRevision;
import io.acapromoter.ports.OperationStatus;
import io.acapromoter.ports.PendingOperation;
import io.acapromoter.ports.Job;
import io.acapromoter.ports.JobExecution;
import io.acapromoter.ports.Replica;
import io.acapromoter.ports.StartedExecution;
import io.acapromoter.ports.StartTries;
import io.acapromoter.ports.Revision;
import io.acapromoter.ports.TrafficSplit;
import io.acapromoter.ports.WriteRefused;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * {@link ContainerApps} on {@code azure-resourcemanager-appcontainers}. Updates are JSON merge
 * patches that carry only the template and the traffic, so secrets and other settings are never
 * sent back, and never the location. Traffic entries that point at "latest revision" are pinned to
 * the latest ready revision's name before a new revision is created, so creating a staging revision
 * never moves production traffic. Deployments are started and not waited for (a revision that never
 * gets ready keeps its operation InProgress for about ten minutes): the orchestrator watches them.
 */
public final class ArmContainerApps implements ContainerApps {

    private final Function<String, ContainerAppsApiManager> managers;

    /** @param managers the manager for a subscription id (one per subscription, built once and shared) */
    public ArmContainerApps(Function<String, ContainerAppsApiManager> managers) {
        this.managers = managers;
    }

    private ContainerAppsApiClient client(ArmId id) {
        return managers.apply(id.subscriptionId()).serviceClient();
    }

    @Override
    public ContainerApp getApp(String appId) {
        ArmId id = ArmId.parse(appId);
        ContainerAppInner app = AzureErrors.call("get container app", appId,
                () -> client(id).getContainerApps().getByResourceGroup(id.resourceGroupName(), id.name()));
        List<RevisionInner> revisions = AzureErrors.call("list revisions", appId,
                () -> client(id).getContainerAppsRevisions().listRevisions(id.resourceGroupName(), id.name()).stream().toList());
        return toApp(appId, app, revisions);
    }

    @Override
    public ContainerApp getAppWithoutRevisions(String appId) {
        ArmId id = ArmId.parse(appId);
        ContainerAppInner app = AzureErrors.call("get container app", appId,
                () -> client(id).getContainerApps().getByResourceGroup(id.resourceGroupName(), id.name()));
        return toApp(appId, app, List.of());
    }

    static ContainerApp toApp(String appId, ContainerAppInner app, List<RevisionInner> revisions) {
        Configuration config = app.configuration();
        Ingress ingress = config == null ? null : config.ingress();
        String fqdn = ingress == null ? null : ingress.fqdn();
        String domain = fqdn != null && fqdn.startsWith(app.name() + ".") ? fqdn.substring(app.name().length() + 1) : "";
        List<TrafficSplit> traffic = ingress == null || ingress.traffic() == null ? List.of()
                : ingress.traffic().stream().map(t -> new TrafficSplit(
                        Boolean.TRUE.equals(t.latestRevision()) ? latestReady(app) : t.revisionName(),
                        t.weight() == null ? 0 : t.weight(), Optional.ofNullable(t.label()))).toList();
        boolean multiple = config != null && config.activeRevisionsMode() == ActiveRevisionsMode.MULTIPLE;
        return new ContainerApp(appId, app.name(), multiple, domain, app.latestRevisionName(), images(app.template()),
                traffic, revisions.stream().map(ArmContainerApps::toRevision).toList(), Optional.ofNullable(fqdn),
                registries(config == null ? null : config.registries()));
    }

    static Revision toRevision(RevisionInner r) {
        return new Revision(r.name(), Revision.Provisioning.parse(r.provisioningState() == null ? null : r.provisioningState().toString()),
                r.runningState() == null ? "Unknown" : r.runningState().toString(),
                Revision.Health.parse(r.healthState() == null ? null : r.healthState().toString()),
                Boolean.TRUE.equals(r.active()), r.trafficWeight() == null ? 0 : r.trafficWeight(),
                r.replicas() == null ? 0 : r.replicas(),
                images(r.template()), r.createdTime() == null ? Instant.EPOCH : r.createdTime().toInstant(),
                Optional.ofNullable(r.fqdn()), Optional.ofNullable(r.provisioningError()));
    }

    static Map<String, String> images(Template template) {
        Map<String, String> images = new LinkedHashMap<>();
        if (template != null && template.containers() != null) {
            template.containers().forEach(c -> images.put(c.name(), c.image()));
        }
        return images;
    }

    @Override
    public Job getJob(String jobId) {
        ArmId id = ArmId.parse(jobId);
        return toJob(jobId, readJob(id, jobId));
    }

    static Job toJob(String jobId, JobInner job) {
        Map<String, String> images = new LinkedHashMap<>();
        if (job.template() != null && job.template().containers() != null) {
            job.template().containers().forEach(c -> images.put(c.name(), c.image()));
        }
        return new Job(jobId, job.name(), images,
                registries(job.configuration() == null ? null : job.configuration().registries()));
    }

    static List<io.acapromoter.ports.RegistryCredential> registries(
            List<com.azure.resourcemanager.appcontainers.models.RegistryCredentials> registries) {
        if (registries == null) {
            return List.of();
        }
        return registries.stream().filter(r -> r.server() != null).map(r -> new io.acapromoter.ports.RegistryCredential(
                r.server(), Optional.ofNullable(r.identity()).filter(i -> !i.isBlank()),
                Optional.ofNullable(r.username()).filter(u -> !u.isBlank()),
                r.passwordSecretRef() != null && !r.passwordSecretRef().isBlank())).toList();
    }

    @Override
    public StartedRevision beginLabelledRevision(String appId, String container, PinnedImage image, String revisionSuffix,
                                                 String label, Function<ContainerApp, Optional<String>> refuse) {
        ArmId id = ArmId.parse(appId);
        ContainerAppInner app = read(id, appId);
        Optional<String> refused = refuse.apply(toApp(appId, app, List.of()));
        if (refused.isPresent()) {
            throw new WriteRefused(appId, refused.get());
        }
        String revision = app.name() + "--" + revisionSuffix;
        List<TrafficWeight> traffic = pinnedTraffic(app);
        traffic.removeIf(t -> label.equals(t.label()) || revision.equals(t.revisionName()) && t.label() == null);
        traffic.add(new TrafficWeight().withRevisionName(revision).withWeight(0).withLabel(label));
        Template template = app.template();
        // A retried activity finds its own revision already requested: send the traffic only, or nothing when its label
        // is in place too (the first try's operation may still run: Container Apps would refuse a write meanwhile).
        boolean sameImage = image.toString().equals(images(template).get(container)) && revisionSuffix.equals(template.revisionSuffix());
        Optional<String> url = ingressDomain(app).map(domain -> "https://" + app.name() + "---" + label + "." + domain);
        boolean labelled = app.configuration() != null && app.configuration().ingress() != null
                && app.configuration().ingress().traffic() != null && app.configuration().ingress().traffic().stream()
                .anyMatch(t -> revision.equals(t.revisionName()) && label.equals(t.label()));
        if (sameImage && labelled) {
            return new StartedRevision(revision, url, Optional.empty());
        }
        ContainerAppInner patch = new ContainerAppInner()
                .withConfiguration(new Configuration().withIngress(new Ingress().withTraffic(traffic)));
        if (!sameImage) {
            patch.withTemplate(withImage(template, container, image, appId).withRevisionSuffix(revisionSuffix));
        }
        ArmOperations.Started started = patch(id, appId, patch, "create staging revision " + revision);
        return new StartedRevision(revision, url, started.operation());
    }

    @Override
    public StartedRevision beginDeployImage(String appId, String container, PinnedImage image, String revisionSuffix,
                                            Function<ContainerApp, Optional<String>> refuse) {
        ArmId id = ArmId.parse(appId);
        ContainerAppInner app = read(id, appId);
        Optional<String> url = Optional.ofNullable(fqdn(app)).map(f -> "https://" + f);
        ContainerApp read = toApp(appId, app, List.of());
        if (image.toString().equals(images(app.template()).get(container))) {
            return new StartedRevision(app.latestRevisionName(), url, Optional.empty(), read.revisionUrl(app.latestRevisionName()));
        }
        Optional<String> refused = refuse.apply(read);
        if (refused.isPresent()) {
            throw new WriteRefused(appId, refused.get());
        }
        ContainerAppInner patch = new ContainerAppInner()
                .withTemplate(withImage(app.template(), container, image, appId).withRevisionSuffix(revisionSuffix));
        Ingress ingress = app.configuration() == null ? null : app.configuration().ingress();
        if (ingress != null && ingress.traffic() != null && app.configuration().activeRevisionsMode() == ActiveRevisionsMode.MULTIPLE) {
            // Keep production traffic where it is; the caller moves it explicitly.
            patch.withConfiguration(new Configuration().withIngress(new Ingress().withTraffic(pinnedTraffic(app))));
        }
        ArmOperations.Started started = patch(id, appId, patch, "deploy " + image);
        String revision = app.name() + "--" + revisionSuffix;
        return new StartedRevision(revision, url, started.operation(), read.revisionUrl(revision));
    }

    @Override
    public OperationStatus getOperation(String resourceId, PendingOperation operation) {
        ArmId id = ArmId.parse(resourceId);
        return ArmOperations.status(client(id).getHttpPipeline(), operation, resourceId);
    }

    private ContainerAppInner read(ArmId id, String appId) {
        return AzureErrors.call("get container app", appId,
                () -> client(id).getContainerApps().getByResourceGroup(id.resourceGroupName(), id.name()));
    }

    /**
     * A JSON merge patch of the app, started and not waited for. It carries neither the location
     * (the GET answers its display name, e.g. "East US") nor anything but what changes.
     */
    private ArmOperations.Started patch(ArmId id, String appId, ContainerAppInner patch, String what) {
        ContainerAppsApiClient client = client(id);
        return ArmOperations.send(client.getHttpPipeline(), client.getEndpoint(), client.getApiVersion(), HttpMethod.PATCH,
                appId, patch, what);
    }

    private static String fqdn(ContainerAppInner app) {
        Ingress ingress = app.configuration() == null ? null : app.configuration().ingress();
        return ingress == null ? null : ingress.fqdn();
    }

    /** The environment's default domain, read from the app's own host name. */
    private static Optional<String> ingressDomain(ContainerAppInner app) {
        String fqdn = fqdn(app);
        return fqdn != null && fqdn.startsWith(app.name() + ".") ? Optional.of(fqdn.substring(app.name().length() + 1))
                : Optional.empty();
    }

    @Override
    public Revision getRevision(String appId, String revisionName) {
        ArmId id = ArmId.parse(appId);
        RevisionInner revision = AzureErrors.call("get revision " + revisionName, appId,
                () -> client(id).getContainerAppsRevisions().getRevision(id.resourceGroupName(), id.name(), revisionName));
        return toRevision(revision);
    }

    @Override
    public List<Replica> listReplicas(String appId, String revisionName) {
        ArmId id = ArmId.parse(appId);
        List<ReplicaInner> replicas;
        try {
            replicas = AzureErrors.call("list replicas of " + revisionName, appId,
                    () -> client(id).getContainerAppsRevisionReplicas()
                            .listReplicas(id.resourceGroupName(), id.name(), revisionName).value());
        } catch (AzureOperationException e) {
            if (e.status() == 404) {
                // Nothing to list: the revision's own read says why (gone, or never made), and fails there if it must.
                return List.of();
            }
            throw e;
        }
        return replicas == null ? List.of() : replicas.stream().map(ArmContainerApps::toReplica).toList();
    }

    static Replica toReplica(ReplicaInner r) {
        List<Replica.Container> containers = r.containers() == null ? List.of() : r.containers().stream()
                .map(c -> new Replica.Container(c.name(), Optional.ofNullable(c.ready()), Optional.ofNullable(c.started()),
                        c.restartCount() == null ? OptionalInt.empty() : OptionalInt.of(c.restartCount()),
                        Optional.ofNullable(c.runningState()).map(Object::toString), Optional.ofNullable(c.runningStateDetails())))
                .toList();
        return new Replica(r.name() == null ? "" : r.name(), Optional.ofNullable(r.runningState()).map(Object::toString),
                Optional.ofNullable(r.runningStateDetails()), containers);
    }

    @Override
    public void setTraffic(String appId, List<TrafficSplit> traffic) {
        int total = traffic.stream().mapToInt(TrafficSplit::weight).sum();
        if (total != 100) {
            throw new IllegalArgumentException("traffic weights for " + appId + " must sum to 100, found " + total);
        }
        ArmId id = ArmId.parse(appId);
        List<TrafficWeight> weights = traffic.stream().map(t -> new TrafficWeight().withRevisionName(t.revision())
                .withWeight(t.weight()).withLabel(t.label().orElse(null))).toList();
        ContainerAppInner patch = new ContainerAppInner()
                .withConfiguration(new Configuration().withIngress(new Ingress().withTraffic(weights)));
        // Waits for the operation: moving traffic is quick, and the next step needs it done.
        AzureErrors.run("set traffic", appId,
                () -> awaitDone("set traffic", appId, client(id).getContainerApps().beginUpdate(id.resourceGroupName(), id.name(), patch)));
    }

    /**
     * Polls a long-running update to its end without the SDK's final GET of the resource (which
     * {@code update(...)} makes and nothing here reads); a failed or cancelled operation throws.
     */
    static void awaitDone(String operation, String resource, SyncPoller<? extends PollResult<?>, ?> poller) {
        PollResponse<? extends PollResult<?>> last = poller.waitForCompletion();
        if (last.getStatus() == LongRunningOperationStatus.SUCCESSFULLY_COMPLETED) {
            return;
        }
        PollResult.Error error = last.getValue() == null ? null : last.getValue().getError();
        String detail = error == null || error.getMessage() == null ? "the operation ended " + last.getStatus()
                : "the operation ended " + last.getStatus() + ": " + error.getMessage();
        throw new AzureOperationException(operation, resource, error == null ? 0 : error.getResponseStatusCode(), false,
                detail, null);
    }

    @Override
    public void deactivateRevision(String appId, String revisionName) {
        ArmId id = ArmId.parse(appId);
        AzureErrors.run("deactivate revision " + revisionName, appId,
                () -> client(id).getContainerAppsRevisions().deactivateRevision(id.resourceGroupName(), id.name(), revisionName));
    }

    @Override
    public boolean updateJobImage(String jobId, String container, PinnedImage image, Function<Job, Optional<String>> refuse) {
        ArmId id = ArmId.parse(jobId);
        return updateJob(id, jobId, readJob(id, jobId), container, image, refuse);
    }

    @Override
    public StartedExecution startJobImage(String jobId, String container, PinnedImage image, String startKey,
                                          Function<Job, Optional<String>> refuse, StartTries tries) {
        ArmId id = ArmId.parse(jobId);
        JobInner job = readJob(id, jobId);
        List<Container> containers = containers(job, container, jobId);
        Optional<String> uncarried = uncarried(job.template());
        if (uncarried.isEmpty()) {
            refuseIfAsked(jobId, job, refuse);
            Optional<String> started = tries.mayHaveStarted() ? startedWith(id, jobId, startKey) : Optional.empty();
            if (started.isPresent()) {
                return new StartedExecution(started.get(), Optional.empty());
            }
            JobExecutionTemplate template = executionTemplate(job.template(), startKey);
            template.containers().stream().filter(c -> container.equals(c.name())).forEach(c -> c.withImage(image.toString()));
            tries.starting();
            return new StartedExecution(start(id, jobId, template), Optional.empty());
        }
        boolean carried = containers.stream().anyMatch(c -> container.equals(c.name()) && image.toString().equals(c.image()))
                && containers.stream().allMatch(c -> startKey.equals(envValue(c.env(), START_KEY_VARIABLE)));
        if (carried) {
            Optional<String> started = startedWith(id, jobId, startKey);
            if (started.isPresent()) {
                return new StartedExecution(started.get(), uncarried);
            }
        } else {
            refuseIfAsked(jobId, job, refuse);
            containers.forEach(c -> c.withEnv(withStartKey(c.env(), startKey)));
            writeImage(id, jobId, job, container, image);
        }
        tries.starting();
        return new StartedExecution(start(id, jobId, null), uncarried);
    }

    private JobInner readJob(ArmId id, String jobId) {
        return AzureErrors.call("get job", jobId, () -> client(id).getJobs().getByResourceGroup(id.resourceGroupName(), id.name()));
    }

    /** The job's containers, which must include {@code container}. */
    private static List<Container> containers(JobInner job, String container, String jobId) {
        List<Container> containers = job.template() == null || job.template().containers() == null ? List.of()
                : job.template().containers();
        if (containers.stream().noneMatch(c -> container.equals(c.name()))) {
            throw new IllegalStateException("job " + jobId + " has no container named '" + container + "'");
        }
        return containers;
    }

    private static void refuseIfAsked(String jobId, JobInner job, Function<Job, Optional<String>> refuse) {
        Optional<String> refused = refuse.apply(toJob(jobId, job));
        if (refused.isPresent()) {
            throw new WriteRefused(jobId, refused.get());
        }
    }

    /**
     * Writes {@code image} into {@code job}'s template (changing {@code job}'s template in place to what was written);
     * false when the container already ran it (nothing written).
     */
    private boolean updateJob(ArmId id, String jobId, JobInner job, String container, PinnedImage image,
                              Function<Job, Optional<String>> refuse) {
        List<Container> containers = containers(job, container, jobId);
        if (containers.stream().anyMatch(c -> container.equals(c.name()) && image.toString().equals(c.image()))) {
            return false;
        }
        refuseIfAsked(jobId, job, refuse);
        writeImage(id, jobId, job, container, image);
        return true;
    }

    /** Writes {@code job}'s template back whole (a merge patch replaces the container list) with {@code image} in {@code container}. */
    private void writeImage(ArmId id, String jobId, JobInner job, String container, PinnedImage image) {
        List<Container> containers = job.template().containers();
        containers.stream().filter(c -> container.equals(c.name())).forEach(c -> c.withImage(image.toString()));
        JobPatchProperties patch = new JobPatchProperties().withProperties(new JobPatchPropertiesProperties()
                .withTemplate(new JobTemplate().withContainers(containers).withInitContainers(job.template().initContainers())
                        .withVolumes(job.template().volumes())));
        AzureErrors.run("deploy " + image, jobId,
                () -> awaitDone("deploy " + image, jobId, client(id).getJobs().beginUpdate(id.resourceGroupName(), id.name(), patch)));
    }

    /**
     * What of the job's template a {@code Jobs_Start} template cannot carry, if anything: an execution container
     * (2025-01-01) has a name, image, command, args, env and resources only, and a start template replaces the job's
     * whole template for that execution, so a container's volume mounts or probes would not be there.
     */
    static Optional<String> uncarried(JobTemplate template) {
        List<String> found = new ArrayList<>();
        List<BaseContainer> all = new ArrayList<>();
        if (template != null && template.containers() != null) {
            all.addAll(template.containers());
        }
        if (template != null && template.initContainers() != null) {
            all.addAll(template.initContainers());
        }
        for (BaseContainer c : all) {
            if (c.volumeMounts() != null && !c.volumeMounts().isEmpty()) {
                found.add("container '" + c.name() + "' mounts volumes");
            }
            if (c instanceof Container full && full.probes() != null && !full.probes().isEmpty()) {
                found.add("container '" + c.name() + "' has probes");
            }
        }
        return found.isEmpty() ? Optional.empty()
                : Optional.of(String.join(", ", found) + ", which a start template cannot carry");
    }

    /** The execution of the job that carries {@code startKey}, if Azure still lists one. */
    private Optional<String> startedWith(ArmId id, String jobId, String startKey) {
        for (JobExecutionInner execution : AzureErrors.call("list job executions", jobId,
                () -> client(id).getJobsExecutions().list(id.resourceGroupName(), id.name()).stream().toList())) {
            if (carries(execution.template(), startKey)) {
                return Optional.of(execution.name());
            }
        }
        return Optional.empty();
    }

    /** Starts one execution, from {@code template} or (null) from the job's template as it stands; its name. */
    private String start(ArmId id, String jobId, JobExecutionTemplate template) {
        // A long-running operation (202 with only a Location header in Azure); its result is the last poll's body.
        JobExecutionBaseInner started = AzureErrors.call("start job", jobId,
                () -> client(id).getJobs().start(id.resourceGroupName(), id.name(), template, Context.NONE));
        if (started == null || started.name() == null) {
            throw new AzureOperationException("start job", jobId, 0, true,
                    "the start operation finished without naming the execution", null);
        }
        return started.name();
    }

    static boolean carries(JobExecutionTemplate template, String startKey) {
        return template != null && template.containers() != null && template.containers().stream()
                .anyMatch(c -> startKey.equals(envValue(c.env(), START_KEY_VARIABLE)));
    }

    private static String envValue(List<EnvironmentVar> env, String name) {
        return env == null ? null : env.stream().filter(e -> name.equals(e.name())).map(EnvironmentVar::value)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** {@code env} without any earlier start key, plus {@code startKey}. */
    private static List<EnvironmentVar> withStartKey(List<EnvironmentVar> env, String startKey) {
        List<EnvironmentVar> out = new ArrayList<>(env == null ? List.of() : env.stream()
                .filter(e -> !START_KEY_VARIABLE.equals(e.name())).toList());
        out.add(new EnvironmentVar().withName(START_KEY_VARIABLE).withValue(startKey));
        return out;
    }

    /** The job's template as an execution template (what it runs, unchanged), every container carrying the start key. */
    static JobExecutionTemplate executionTemplate(JobTemplate template, String startKey) {
        if (template == null || template.containers() == null || template.containers().isEmpty()) {
            throw new IllegalStateException("the job has no container to start");
        }
        List<JobExecutionContainer> containers = new ArrayList<>();
        for (Container c : template.containers()) {
            containers.add(executionContainer(c).withEnv(withStartKey(c.env(), startKey)));
        }
        List<JobExecutionContainer> init = template.initContainers() == null ? null
                : template.initContainers().stream().map(ArmContainerApps::executionContainer).toList();
        return new JobExecutionTemplate().withContainers(containers).withInitContainers(init);
    }

    private static JobExecutionContainer executionContainer(BaseContainer c) {
        return new JobExecutionContainer().withName(c.name()).withImage(c.image()).withCommand(c.command()).withArgs(c.args())
                .withEnv(c.env()).withResources(c.resources());
    }

    @Override
    public JobExecution getJobExecution(String jobId, String executionName) {
        ArmId id = ArmId.parse(jobId);
        JobExecutionInner execution = AzureErrors.call("get job execution " + executionName, jobId,
                () -> client(id).getResourceProviders().jobExecution(id.resourceGroupName(), id.name(), executionName));
        Map<String, String> images = new LinkedHashMap<>();
        if (execution.template() != null && execution.template().containers() != null) {
            execution.template().containers().stream().filter(c -> c.name() != null && c.image() != null)
                    .forEach(c -> images.put(c.name(), c.image()));
        }
        return new JobExecution(execution.name(), execution.status() == null ? "Unknown" : execution.status().toString(),
                Optional.ofNullable(execution.startTime()).map(t -> t.toInstant()),
                Optional.ofNullable(execution.endTime()).map(t -> t.toInstant()), images);
    }

    /**
     * What {@code latestRevision: true} traffic goes to: the newest revision that is ready, not the
     * newest one (which may still be provisioning, or have failed).
     */
    static String latestReady(ContainerAppInner app) {
        return app.latestReadyRevisionName() != null ? app.latestReadyRevisionName() : app.latestRevisionName();
    }

    /** The app's traffic with "latest revision" entries replaced by the name of the latest ready revision. */
    static List<TrafficWeight> pinnedTraffic(ContainerAppInner app) {
        List<TrafficWeight> out = new ArrayList<>();
        Ingress ingress = app.configuration() == null ? null : app.configuration().ingress();
        if (ingress == null || ingress.traffic() == null) {
            return out;
        }
        for (TrafficWeight t : ingress.traffic()) {
            String revision = Boolean.TRUE.equals(t.latestRevision()) ? latestReady(app) : t.revisionName();
            out.add(new TrafficWeight().withRevisionName(revision).withWeight(t.weight()).withLabel(t.label()));
        }
        return out;
    }

    static Template withImage(Template current, String container, PinnedImage image, String appId) {
        if (current == null || current.containers() == null
                || current.containers().stream().noneMatch(c -> container.equals(c.name()))) {
            throw new IllegalStateException("container app " + appId + " has no container named '" + container + "'");
        }
        current.containers().stream().filter(c -> container.equals(c.name())).forEach(c -> c.withImage(image.toString()));
        return current;
    }
}
