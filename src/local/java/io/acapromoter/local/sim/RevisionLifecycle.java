package io.acapromoter.local.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acapromoter.local.sim.SimModel.App;
import io.acapromoter.local.sim.SimModel.Revision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a revision lives: made by a template change, provisioned (or failing to) after the
 * provisioning delay, activating, crashing and restarting as its image's behaviour says, activated,
 * deactivated and restarted on request, and the outcome of the operation that made it. Time-driven
 * changes are applied by {@link #refresh()}. Callers hold the container apps lock.
 */
final class RevisionLifecycle {
    private final SimClock clock;
    private final AzureSimulator.Settings settings;
    private final RevisionServers servers;
    private final Collection<App> apps;

    RevisionLifecycle(SimClock clock, AzureSimulator.Settings settings, RevisionServers servers, Collection<App> apps) {
        this.clock = clock;
        this.settings = settings;
        this.servers = servers;
        this.apps = apps;
    }

    /** Applies every state change that is due at the clock's current time. */
    void refresh() {
        Instant now = clock.now();
        for (App app : apps) {
            for (Revision r : new ArrayList<>(app.revisions)) {
                if (r.provisioningState.equals("Provisioning") && !now.isBefore(r.readyAt)) {
                    if (r.failProvisioning || servers.behavior(r.image()).provisioningFails()) {
                        r.provisioningState = "Failed";
                        r.provisioningError = "Container '" + containerName(r) + "' was terminated with exit code '1'. "
                                + "The revision failed to provision.";
                        r.runningState = "Failed";
                        r.healthState = "Unhealthy";
                        r.replicas = 0;
                    } else {
                        markProvisioned(r, r.readyAt);
                    }
                }
                ImageBehavior b = servers.behavior(r.image());
                if (r.provisioningState.equals("Provisioned") && r.active && r.runningState.equals("Activating")
                        && !now.isBefore(r.createdTime.plus(Operations.REVISION_DEADLINE))) {
                    r.runningState = "ActivationFailed";
                    r.healthState = "Unhealthy";
                    r.runningStateDetails = "Deployment Progress Deadline Exceeded. 0/" + Math.max(1, minReplicas(r)) + " replicas ready.";
                }
                if (r.provisioningState.equals("Provisioned") && r.active && b.restartsAndRecovers()) {
                    r.restartingSince = r.restartingSince == null ? now : r.restartingSince;
                    r.restartCount = r.manualRestarts + 1
                            + (int) (Duration.between(r.restartingSince, now).toSeconds() / ImageBehavior.RESTART_INTERVAL.toSeconds());
                }
                if (r.provisioningState.equals("Provisioned") && r.active && b.crashAfter() != null) {
                    Instant crashAt = (r.restartedAt != null ? r.restartedAt : r.provisionedAt).plus(b.crashAfter());
                    if (!now.isBefore(crashAt)) {
                        r.healthState = "Unhealthy";
                        r.runningState = "Degraded";
                        r.restartCount = r.manualRestarts + 1
                                + (int) (Duration.between(crashAt, now).toSeconds() / ImageBehavior.RESTART_INTERVAL.toSeconds());
                    }
                }
            }
        }
    }

    /** A new revision of {@code app}, its latest from now on, provisioning until the provisioning delay has passed. */
    Revision newRevision(App app, String name, ObjectNode template, boolean failProvisioning) {
        Revision r = new Revision();
        r.app = app;
        r.name = name;
        r.template = template;
        r.createdTime = clock.now();
        r.lastActiveTime = r.createdTime;
        r.readyAt = r.createdTime.plus(settings.provisioningDelay);
        r.failProvisioning = failProvisioning;
        app.revisions.add(r);
        app.latestRevisionName = r.name;
        return r;
    }

    void markProvisioned(Revision r, Instant at) {
        ImageBehavior b = servers.behavior(r.image());
        r.provisioningState = "Provisioned";
        r.provisionedAt = at;
        r.replicas = !r.active || minReplicas(r) == 0 ? 0 : Math.max(1, minReplicas(r));
        r.runningState = !r.active ? "Stopped" : b.unhealthy() ? "Degraded" : b.neverActivates() ? "Activating"
                : b.reportedState() != null ? b.reportedState() : servingState(r);
        r.healthState = b.unhealthy() ? "Unhealthy" : b.neverActivates() ? "None" : "Healthy";
        if (r.active) {
            servers.startServing(r);
        }
        App app = r.app;
        if (app.singleMode() && r.name.equals(app.latestRevisionName)) {
            for (Revision other : app.revisions) {
                if (other != r && other.active) {
                    deactivate(other);
                }
            }
        }
    }

    void activate(Revision r) {
        r.active = true;
        r.lastActiveTime = clock.now();
        if (r.provisioningState.equals("Provisioned")) {
            markProvisioned(r, r.provisionedAt);
        }
    }

    void deactivate(Revision r) {
        r.active = false;
        r.replicas = 0;
        if (!r.provisioningState.equals("Failed")) {
            r.runningState = "Stopped";
        }
        r.lastActiveTime = clock.now();
        servers.stopServing(r);
    }

    void restart(Revision r) {
        if (!r.active) {
            throw ArmException.badRequest("ContainerAppRevisionNotActive", "Revision '" + r.name + "' is not active and cannot be restarted.");
        }
        r.manualRestarts++;
        r.restartCount = r.manualRestarts;
        r.restartedAt = clock.now();
        if (r.provisioningState.equals("Provisioned")) {
            ImageBehavior b = servers.behavior(r.image());
            r.healthState = b.unhealthy() ? "Unhealthy" : "Healthy";
            r.runningState = b.unhealthy() ? "Degraded" : "Running";
        }
    }

    /** How the operation that made {@code r} stands: it ends with the revision, or expires. */
    Operations.Outcome outcome(Revision r, Instant now) {
        refresh();
        if (r.provisioningState.equals("Failed")) {
            return Operations.Outcome.failed("ContainerAppOperationError", "Failed to provision revision for container app '"
                    + r.app.name + "'. Error details: " + r.provisioningError);
        }
        if (serving(r)) {
            return Operations.Outcome.succeeded(null);
        }
        if (!now.isBefore(r.createdTime.plus(Operations.REVISION_DEADLINE))) {
            return Operations.Outcome.failed("ContainerAppOperationError", "Failed to provision revision for container app '"
                    + r.app.name + "'. Error details: Operation expired.");
        }
        return Operations.Outcome.IN_PROGRESS;
    }

    private static int minReplicas(Revision r) {
        return r.template.path("scale").path("minReplicas").asInt(1);
    }

    /** A healthy revision with min = max replicas reports RunningAtMaxScale; with min 0 and no load, ScaledToZero. */
    private static String servingState(Revision r) {
        JsonNode scale = r.template.path("scale");
        int min = scale.path("minReplicas").asInt(1);
        int max = scale.path("maxReplicas").asInt(10);
        return min == 0 ? "ScaledToZero" : min >= max ? "RunningAtMaxScale" : "Running";
    }

    /** Ready the way the platform means it for an operation: provisioned, serving and healthy. */
    private static boolean serving(Revision r) {
        return r.provisioningState.equals("Provisioned") && r.healthState.equals("Healthy")
                && List.of("Running", "RunningAtMaxScale", "ScaledToZero").contains(r.runningState);
    }

    private static String containerName(Revision r) {
        JsonNode containers = r.template.path("containers");
        return containers.isEmpty() ? "" : Json.text(containers.get(0), "name");
    }

    /** A revision (or job execution) name suffix as Azure makes one: seven lower-case letters and digits. */
    static String generatedSuffix() {
        String chars = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            s.append(chars.charAt(ThreadLocalRandom.current().nextInt(chars.length())));
        }
        return s.toString();
    }
}
