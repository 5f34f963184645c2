package io.acapromoter.azure;

import com.azure.resourcemanager.appcontainers.ContainerAppsApiManager;
import com.azure.resourcemanager.appcontainers.fluent.ContainerAppsApiClient;
import com.azure.resourcemanager.appcontainers.fluent.models.ContainerAppInner;
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
import com.azure.resourcemanager.appcontainers.models.ReplicaContainer;
import com.azure.resourcemanager.appcontainers.models.Template;
import com.azure.resourcemanager.appcontainers.models.TrafficWeight;
import io.acapromoter.domain.PinnedImage;
import io.acapromoter.ports.ContainerApp;
import io.acapromoter.ports.ContainerApps;
import io.acapromoter.ports.Job;
import io.acapromoter.ports.JobExecution;
import io.acapromoter.ports.Revision;
import io.acapromoter.ports.TrafficSplit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link ContainerApps} on {@code azure-resourcemanager-appcontainers}. Updates are JSON merge
 * patches that carry only the template and the traffic, so secrets and other settings are never
 * sent back. Traffic entries that point at "latest revision" are pinned to the revision's name
 * before a new revision is created, so creating a staging revision never moves production traffic.
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

    static ContainerApp toApp(String appId, ContainerAppInner app, List<RevisionInner> revisions) {
        Configuration config = app.configuration();
        Ingress ingress = config == null ? null : config.ingress();
        String fqdn = ingress == null ? null : ingress.fqdn();
        String domain = fqdn != null && fqdn.startsWith(app.name() + ".") ? fqdn.substring(app.name().length() + 1) : "";
        List<TrafficSplit> traffic = ingress == null || ingress.traffic() == null ? List.of()
                : ingress.traffic().stream().map(t -> new TrafficSplit(
                        Boolean.TRUE.equals(t.latestRevision()) ? app.latestRevisionName() : t.revisionName(),
                        t.weight() == null ? 0 : t.weight(), Optional.ofNullable(t.label()))).toList();
        boolean multiple = config != null && config.activeRevisionsMode() == ActiveRevisionsMode.MULTIPLE;
        return new ContainerApp(appId, app.name(), multiple, domain, app.latestRevisionName(), images(app.template()),
                traffic, revisions.stream().map(r -> toRevision(r, 0)).toList(), Optional.ofNullable(fqdn),
                registries(config == null ? null : config.registries()));
    }

    static Revision toRevision(RevisionInner r, int restarts) {
        Revision.Provisioning provisioning = r.provisioningState() == null ? Revision.Provisioning.PROVISIONING
                : Revision.Provisioning.valueOf(r.provisioningState().toString().toUpperCase(java.util.Locale.ROOT));
        Revision.Health health = r.healthState() == null ? Revision.Health.NONE
                : Revision.Health.valueOf(r.healthState().toString().toUpperCase(java.util.Locale.ROOT));
        return new Revision(r.name(), provisioning, r.runningState() == null ? "Unknown" : r.runningState().toString(),
                health, Boolean.TRUE.equals(r.active()), r.trafficWeight() == null ? 0 : r.trafficWeight(), restarts,
                images(r.template()), r.createdTime() == null ? Instant.EPOCH : r.createdTime().toInstant(),
                Optional.ofNullable(r.fqdn()));
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
        JobInner job = AzureErrors.call("get job", jobId,
                () -> client(id).getJobs().getByResourceGroup(id.resourceGroupName(), id.name()));
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
    public String deployLabelledRevision(String appId, String container, PinnedImage image, String revisionSuffix,
                                         String label) {
        ArmId id = ArmId.parse(appId);
        ContainerAppInner app = AzureErrors.call("get container app", appId,
                () -> client(id).getContainerApps().getByResourceGroup(id.resourceGroupName(), id.name()));
        String revision = app.name() + "--" + revisionSuffix;
        List<TrafficWeight> traffic = pinnedTraffic(app);
        traffic.removeIf(t -> label.equals(t.label()) || revision.equals(t.revisionName()) && t.label() == null);
        traffic.add(new TrafficWeight().withRevisionName(revision).withWeight(0).withLabel(label));
        Template template = app.template();
        boolean sameImage = image.toString().equals(images(template).get(container)) && revisionSuffix.equals(template.revisionSuffix());
        ContainerAppInner patch = new ContainerAppInner().withLocation(app.location())
                .withConfiguration(new Configuration().withIngress(new Ingress().withTraffic(traffic)));
        if (!sameImage) {
            patch.withTemplate(withImage(template, container, image, appId).withRevisionSuffix(revisionSuffix));
        }
        AzureErrors.run("create staging revision " + revision, appId,
                () -> client(id).getContainerApps().update(id.resourceGroupName(), id.name(), patch));
        return revision;
    }

    @Override
    public String deployImage(String appId, String container, PinnedImage image, String revisionSuffix) {
        ArmId id = ArmId.parse(appId);
        ContainerAppInner app = AzureErrors.call("get container app", appId,
                () -> client(id).getContainerApps().getByResourceGroup(id.resourceGroupName(), id.name()));
        if (image.toString().equals(images(app.template()).get(container))) {
            return app.latestRevisionName();
        }
        ContainerAppInner patch = new ContainerAppInner().withLocation(app.location())
                .withTemplate(withImage(app.template(), container, image, appId).withRevisionSuffix(revisionSuffix));
        Ingress ingress = app.configuration() == null ? null : app.configuration().ingress();
        if (ingress != null && ingress.traffic() != null && app.configuration().activeRevisionsMode() == ActiveRevisionsMode.MULTIPLE) {
            // Keep production traffic where it is; the caller moves it explicitly.
            patch.withConfiguration(new Configuration().withIngress(new Ingress().withTraffic(pinnedTraffic(app))));
        }
        ContainerAppInner updated = AzureErrors.call("deploy " + image, appId,
                () -> client(id).getContainerApps().update(id.resourceGroupName(), id.name(), patch));
        return updated.latestRevisionName() != null ? updated.latestRevisionName() : app.name() + "--" + revisionSuffix;
    }

    @Override
    public Revision getRevision(String appId, String revisionName) {
        ArmId id = ArmId.parse(appId);
        RevisionInner revision = AzureErrors.call("get revision " + revisionName, appId,
                () -> client(id).getContainerAppsRevisions().getRevision(id.resourceGroupName(), id.name(), revisionName));
        int restarts = 0;
        if (Boolean.TRUE.equals(revision.active()) && revision.replicas() != null && revision.replicas() > 0) {
            List<ReplicaInner> replicas = AzureErrors.call("list replicas of " + revisionName, appId,
                    () -> client(id).getContainerAppsRevisionReplicas()
                            .listReplicas(id.resourceGroupName(), id.name(), revisionName).value());
            for (ReplicaInner replica : replicas == null ? List.<ReplicaInner>of() : replicas) {
                for (ReplicaContainer c : replica.containers() == null ? List.<ReplicaContainer>of() : replica.containers()) {
                    restarts += c.restartCount() == null ? 0 : c.restartCount();
                }
            }
        }
        return toRevision(revision, restarts);
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
        ContainerAppInner app = AzureErrors.call("get container app", appId,
                () -> client(id).getContainerApps().getByResourceGroup(id.resourceGroupName(), id.name()));
        ContainerAppInner patch = new ContainerAppInner().withLocation(app.location())
                .withConfiguration(new Configuration().withIngress(new Ingress().withTraffic(weights)));
        AzureErrors.run("set traffic", appId,
                () -> client(id).getContainerApps().update(id.resourceGroupName(), id.name(), patch));
    }

    @Override
    public void deactivateRevision(String appId, String revisionName) {
        ArmId id = ArmId.parse(appId);
        AzureErrors.run("deactivate revision " + revisionName, appId,
                () -> client(id).getContainerAppsRevisions().deactivateRevision(id.resourceGroupName(), id.name(), revisionName));
    }

    @Override
    public void updateJobImage(String jobId, String container, PinnedImage image) {
        ArmId id = ArmId.parse(jobId);
        JobInner job = AzureErrors.call("get job", jobId,
                () -> client(id).getJobs().getByResourceGroup(id.resourceGroupName(), id.name()));
        List<Container> containers = job.template() == null || job.template().containers() == null ? List.of()
                : job.template().containers();
        if (containers.stream().noneMatch(c -> container.equals(c.name()))) {
            throw new IllegalStateException("job " + jobId + " has no container named '" + container + "'");
        }
        if (containers.stream().anyMatch(c -> container.equals(c.name()) && image.toString().equals(c.image()))) {
            return;
        }
        containers.stream().filter(c -> container.equals(c.name())).forEach(c -> c.withImage(image.toString()));
        JobPatchProperties patch = new JobPatchProperties().withProperties(new JobPatchPropertiesProperties()
                .withTemplate(new JobTemplate().withContainers(containers).withInitContainers(job.template().initContainers())
                        .withVolumes(job.template().volumes())));
        AzureErrors.run("deploy " + image, jobId, () -> client(id).getJobs().update(id.resourceGroupName(), id.name(), patch));
    }

    @Override
    public String startJob(String jobId) {
        ArmId id = ArmId.parse(jobId);
        return AzureErrors.call("start job", jobId,
                () -> client(id).getJobs().start(id.resourceGroupName(), id.name())).name();
    }

    @Override
    public JobExecution getJobExecution(String jobId, String executionName) {
        ArmId id = ArmId.parse(jobId);
        JobExecutionInner execution = AzureErrors.call("get job execution " + executionName, jobId,
                () -> client(id).getResourceProviders().jobExecution(id.resourceGroupName(), id.name(), executionName));
        return new JobExecution(execution.name(), execution.status() == null ? "Unknown" : execution.status().toString(),
                Optional.ofNullable(execution.startTime()).map(t -> t.toInstant()),
                Optional.ofNullable(execution.endTime()).map(t -> t.toInstant()));
    }

    /** The app's traffic with "latest revision" entries replaced by the revision's name. */
    static List<TrafficWeight> pinnedTraffic(ContainerAppInner app) {
        List<TrafficWeight> out = new ArrayList<>();
        Ingress ingress = app.configuration() == null ? null : app.configuration().ingress();
        if (ingress == null || ingress.traffic() == null) {
            return out;
        }
        for (TrafficWeight t : ingress.traffic()) {
            String revision = Boolean.TRUE.equals(t.latestRevision()) ? app.latestRevisionName() : t.revisionName();
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
