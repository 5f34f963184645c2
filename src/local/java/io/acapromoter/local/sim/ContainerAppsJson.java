package io.acapromoter.local.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acapromoter.local.sim.SimModel.App;
import io.acapromoter.local.sim.SimModel.Environment;
import io.acapromoter.local.sim.SimModel.Revision;
import java.util.Locale;
import java.util.Map;

/** The Microsoft.App resources as ARM answers them: environments, apps, revisions and replicas. Callers hold the container apps lock. */
final class ContainerAppsJson {
    private final SimClock clock;
    private final Operations operations;

    ContainerAppsJson(SimClock clock, Operations operations) {
        this.clock = clock;
        this.operations = operations;
    }

    static ObjectNode environment(Environment env) {
        ObjectNode body = Json.object();
        body.put("id", env.id());
        body.put("name", env.name);
        body.put("type", "Microsoft.App/managedEnvironments");
        body.put("location", env.location);
        ObjectNode p = body.putObject("properties");
        p.put("provisioningState", "Succeeded");
        p.put("defaultDomain", env.defaultDomain);
        p.put("staticIp", "20.0.0.1");
        p.put("zoneRedundant", false);
        return body;
    }

    ObjectNode app(App app) {
        ObjectNode body = Json.object();
        body.put("id", app.id());
        body.put("name", app.name);
        body.put("type", "Microsoft.App/containerApps");
        body.put("location", displayLocation(app.location));
        body.set("tags", app.tags);
        ObjectNode p = body.putObject("properties");
        p.put("provisioningState", operations.inProgress(app.pendingOperation) ? "InProgress"
                : app.lastOperationFailed || operations.failed(app.pendingOperation) ? "Failed" : "Succeeded");
        p.put("runningStatus", "Running");
        p.put("managedEnvironmentId", app.environment.id());
        p.put("environmentId", app.environment.id());
        p.put("workloadProfileName", "Consumption");
        p.put("latestRevisionName", app.latestRevisionName);
        p.put("latestReadyRevisionName", Traffic.latestReady(app));
        p.put("latestRevisionFqdn", app.latestRevisionName == null || app.ingress() == null ? ""
                : app.latestRevisionName + "." + app.environment.defaultDomain);
        p.put("customDomainVerificationId", "0000000000000000000000000000000000000000000000000000000000000000");
        ObjectNode configuration = app.configuration.deepCopy();
        if (configuration.get("ingress") instanceof ObjectNode ingress) {
            ingress.put("fqdn", app.name + "." + app.environment.defaultDomain);
            ingress.set("traffic", Traffic.entries(app).deepCopy());
        }
        p.set("configuration", configuration);
        p.set("template", app.template.deepCopy());
        p.putArray("outboundIpAddresses").add("20.0.0.2");
        p.put("eventStreamEndpoint", "https://" + app.location.replace(" ", "").toLowerCase(Locale.ROOT)
                + ".azurecontainerapps.dev/subscriptions/" + app.subscriptionId + "/resourceGroups/" + app.resourceGroup
                + "/containerApps/" + app.name + "/eventstream");
        return body;
    }

    ObjectNode revision(Revision r, Map<String, Integer> weights) {
        ObjectNode body = Json.object();
        body.put("id", r.app.id() + "/revisions/" + r.name);
        body.put("name", r.name);
        body.put("type", "Microsoft.App/containerApps/revisions");
        ObjectNode p = body.putObject("properties");
        p.put("createdTime", Json.time(r.createdTime));
        p.put("lastActiveTime", Json.time(r.active ? clock.now() : r.lastActiveTime));
        p.put("fqdn", fqdn(r));
        p.set("template", r.template.deepCopy());
        p.put("active", r.active);
        p.put("replicas", r.replicas);
        p.put("trafficWeight", weights.getOrDefault(r.name, 0));
        if (r.provisioningError != null) {
            p.put("provisioningError", r.provisioningError);
        }
        p.put("healthState", r.healthState);
        p.put("provisioningState", r.provisioningState);
        p.put("runningState", r.runningState);
        if (r.runningStateDetails != null) {
            p.put("runningStateDetails", r.runningStateDetails);
        }
        return body;
    }

    /**
     * The replicas of a revision, their states as its own state implies: healthy, every container running, started and
     * ready (restarts as counted, also for an image that crashes and comes straight back); crash-looping (unhealthy
     * after restarts), the replica not running and its containers waiting in back-off; otherwise unhealthy, activating
     * or still starting, the containers running but not ready (their readiness probes fail).
     */
    static ObjectNode replicas(App app, Revision r) {
        ObjectNode body = Json.object();
        ArrayNode value = body.putArray("value");
        boolean ready = r.healthState.equals("Healthy");
        boolean crashLooping = !ready && r.restartCount > 0;
        for (int i = 0; i < r.replicas; i++) {
            String name = r.name + "-" + Integer.toHexString((r.name + i).hashCode() & 0xfffffff);
            ObjectNode replica = value.addObject();
            replica.put("id", app.id() + "/revisions/" + r.name + "/replicas/" + name);
            replica.put("name", name);
            replica.put("type", "Microsoft.App/containerApps/revisions/replicas");
            ObjectNode p = replica.putObject("properties");
            p.put("createdTime", Json.time(r.provisionedAt));
            p.put("runningState", crashLooping ? "NotRunning" : "Running");
            if (!ready) {
                p.put("runningStateDetails", crashLooping ? "CrashLoopBackOff" : "Containers not ready");
            }
            ArrayNode containers = p.putArray("containers");
            for (JsonNode c : r.template.path("containers")) {
                ObjectNode rc = containers.addObject();
                rc.put("name", Json.text(c, "name"));
                rc.put("containerId", "containerd://" + Integer.toHexString(name.hashCode()));
                rc.put("ready", ready);
                rc.put("started", !crashLooping);
                rc.put("restartCount", r.restartCount);
                rc.put("runningState", crashLooping ? "Waiting" : "Running");
                if (!ready) {
                    rc.put("runningStateDetails", crashLooping ? "CrashLoopBackOff: back-off 30s restarting failed container"
                            : "Readiness probe failed");
                }
            }
            p.putArray("initContainers");
        }
        return body;
    }

    static String fqdn(Revision r) {
        return r.app.ingress() == null ? "" : r.name + "." + r.app.environment.defaultDomain;
    }

    /** ARM answers a resource's location by its display name ("East US"), not the name it was created with. */
    static String displayLocation(String location) {
        return switch (location.replace(" ", "").toLowerCase(Locale.ROOT)) {
            case "westeurope" -> "West Europe";
            case "northeurope" -> "North Europe";
            case "eastus" -> "East US";
            case "eastus2" -> "East US 2";
            case "westus" -> "West US";
            default -> location;
        };
    }
}
