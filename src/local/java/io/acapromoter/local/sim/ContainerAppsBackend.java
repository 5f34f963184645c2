package io.acapromoter.local.sim;

import io.acapromoter.settings.Settings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acapromoter.local.sim.SimModel.App;
import io.acapromoter.local.sim.SimModel.Environment;
import io.acapromoter.local.sim.SimModel.Revision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Microsoft.App: managed environments and container apps with their revisions and traffic. One
 * lock guards all of it; time-driven changes (provisioning, crashes) are applied lazily by
 * {@link #refresh()} before every read.
 */
final class ContainerAppsBackend {
    static final String API_VERSION = "2025-01-01";
    private static final String P = "/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.App";
    private static final String APP_OPERATIONS = "containerapp";

    private final SimClock clock;
    private final Faults faults;
    private final Operations operations;
    private final RevisionApps revisionApps;
    private final AzureSimulator.Settings settings;
    private final Map<String, ImageBehavior> behaviors = new LinkedHashMap<>();
    private final Map<String, Map<String, SimResponse>> appResponses = new LinkedHashMap<>();
    private final Map<String, Environment> environments = new LinkedHashMap<>();
    private final Map<String, App> apps = new LinkedHashMap<>();

    ContainerAppsBackend(SimClock clock, Faults faults, Operations operations, RevisionApps revisionApps, AzureSimulator.Settings settings) {
        this.clock = clock;
        this.faults = faults;
        this.operations = operations;
        this.revisionApps = revisionApps;
        this.settings = settings;
    }

    List<Route> routes() {
        return List.of(
                Route.of("GET", P + "/managedEnvironments/{env}", "ManagedEnvironments_Get", this::getEnvironment),
                Route.of("GET", P + "/containerApps", "ContainerApps_ListByResourceGroup", this::listApps),
                Route.of("GET", "/subscriptions/{sub}/providers/Microsoft.App/containerApps", "ContainerApps_ListBySubscription", this::listApps),
                Route.of("GET", P + "/containerApps/{app}", "ContainerApps_Get", this::getApp),
                Route.of("PUT", P + "/containerApps/{app}", "ContainerApps_CreateOrUpdate", this::putApp),
                Route.of("PATCH", P + "/containerApps/{app}", "ContainerApps_Update", this::patchApp),
                Route.of("GET", P + "/containerApps/{app}/revisions", "ContainerAppsRevisions_ListRevisions", this::listRevisions),
                Route.of("GET", P + "/containerApps/{app}/revisions/{rev}", "ContainerAppsRevisions_GetRevision", this::getRevision),
                Route.of("POST", P + "/containerApps/{app}/revisions/{rev}/activate", "ContainerAppsRevisions_ActivateRevision", r -> revisionAction(r, "activate")),
                Route.of("POST", P + "/containerApps/{app}/revisions/{rev}/deactivate", "ContainerAppsRevisions_DeactivateRevision", r -> revisionAction(r, "deactivate")),
                Route.of("POST", P + "/containerApps/{app}/revisions/{rev}/restart", "ContainerAppsRevisions_RestartRevision", r -> revisionAction(r, "restart")),
                Route.of("GET", P + "/containerApps/{app}/revisions/{rev}/replicas", "ContainerAppsRevisionReplicas_ListReplicas", this::listReplicas),
                Route.of("GET", "/subscriptions/{sub}/providers/Microsoft.App/locations/{loc}/containerappOperationStatuses/{id}", "ContainerAppsOperationStatuses_Get", this::operationStatus),
                Route.of("GET", "/subscriptions/{sub}/providers/Microsoft.App/locations/{loc}/containerappOperationResults/{id}", "ContainerAppsOperationResults_Get", this::operationResult));
    }

    /** Operations may follow a revision: read them under the lock, with due changes applied. */
    private synchronized SimResponse operationStatus(SimRequest req) {
        refresh();
        return operations.status(req);
    }

    private synchronized SimResponse operationResult(SimRequest req) {
        refresh();
        return operations.result(req);
    }

    // ---------------------------------------------------------------- Java API (set-up and read-back)

    synchronized Environment createEnvironment(String subscriptionId, String resourceGroup, String name, String location) {
        Environment env = new Environment();
        env.subscriptionId = subscriptionId;
        env.resourceGroup = resourceGroup;
        env.name = name;
        env.location = Locations.display(location);
        env.defaultDomain = SimTls.APPS_DOMAIN;
        environments.put(key(subscriptionId, resourceGroup, name), env);
        return env;
    }

    synchronized void createApp(ContainerAppSpec spec) {
        Environment env = environments.get(key(spec.subscriptionId(), spec.resourceGroup(), spec.environmentName()));
        if (env == null) {
            env = createEnvironment(spec.subscriptionId(), spec.resourceGroup(), spec.environmentName(), settings.location);
        }
        if (apps.containsKey(key(spec.subscriptionId(), spec.resourceGroup(), spec.name()))) {
            throw new IllegalStateException("container app " + spec.name() + " already exists in " + spec.resourceGroup());
        }
        App app = new App();
        app.subscriptionId = spec.subscriptionId();
        app.resourceGroup = spec.resourceGroup();
        app.name = spec.name();
        app.location = env.location;
        app.environment = env;
        app.tags = Json.object();
        app.configuration = Json.object();
        app.configuration.put("activeRevisionsMode", spec.multipleRevisions() ? "Multiple" : "Single");
        RegistryCredentials.pullWithSystemIdentity(app.configuration, spec.image());
        if (spec.ingress()) {
            ObjectNode ingress = app.configuration.putObject("ingress");
            ingress.put("external", true);
            ingress.put("targetPort", 8080);
            ingress.put("transport", "Auto");
            ingress.put("allowInsecure", false);
            ObjectNode t = ingress.putArray("traffic").addObject();
            t.put("weight", 100);
            t.put("latestRevision", true);
        }
        app.template = Json.object();
        if (spec.revisionSuffix() != null) {
            app.template.put("revisionSuffix", spec.revisionSuffix());
        }
        ObjectNode c = app.template.putArray("containers").addObject();
        c.put("name", spec.containerName());
        c.put("image", spec.image());
        ObjectNode res = c.putObject("resources");
        res.put("cpu", 0.5);
        res.put("memory", "1Gi");
        ObjectNode scale = app.template.putObject("scale");
        scale.put("minReplicas", 1);
        scale.put("maxReplicas", 10);
        Revision r = newRevision(app, app.name + "--" + (spec.revisionSuffix() != null ? spec.revisionSuffix() : generatedSuffix()),
                app.template.deepCopy(), false);
        markProvisioned(r, clock.now());
        apps.put(key(app.subscriptionId, app.resourceGroup, app.name), app);
    }

    /**
     * Replaces an app's template as someone else would (portal, CLI, infrastructure as code): a new
     * revision when it changed, traffic left as it is.
     */
    synchronized void replaceTemplate(String subscriptionId, String resourceGroup, String name, ObjectNode template) {
        refresh();
        App app = requireApp(subscriptionId, resourceGroup, name);
        apply(app, app.configuration.deepCopy(), template.deepCopy(), "SETUP", app.id());
    }

    synchronized String template(String subscriptionId, String resourceGroup, String name) {
        return requireApp(subscriptionId, resourceGroup, name).template.toString();
    }

    /** The environment with this name, made on first use (set-up API only). */
    synchronized Environment environment(String subscriptionId, String resourceGroup, String name) {
        Environment env = environments.get(key(subscriptionId, resourceGroup, name));
        return env != null ? env : createEnvironment(subscriptionId, resourceGroup, name, settings.location);
    }

    synchronized ImageBehavior behaviorFor(String image) {
        return behavior(image == null ? "" : image);
    }

    synchronized void setBehavior(String imageKey, ImageBehavior behavior) {
        behaviors.put(imageKey, behavior);
    }

    synchronized void setAppResponse(String imageKey, String path, int status, String jsonBody) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status, got " + status);
        }
        Json.parse(jsonBody.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        appResponses.computeIfAbsent(imageKey, k -> new LinkedHashMap<>())
                .put(path, new SimResponse(status, jsonBody.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json; charset=utf-8"));
    }

    synchronized ContainerAppState appState(String subscriptionId, String resourceGroup, String name) {
        refresh();
        App app = requireApp(subscriptionId, resourceGroup, name);
        Map<String, Integer> weights = trafficWeights(app);
        Map<String, String> labels = labels(app);
        List<ContainerAppState.RevisionState> revs = new ArrayList<>();
        for (Revision r : app.revisions) {
            revs.add(new ContainerAppState.RevisionState(r.name, r.image(), r.active, r.provisioningState, r.runningState,
                    r.healthState, r.replicas, r.restartCount, weights.getOrDefault(r.name, 0), fqdn(r)));
        }
        return new ContainerAppState(app.name, app.singleMode() ? "Single" : "Multiple", app.latestRevisionName,
                latestReady(app), weights, labels, revs, "https://" + app.name + "." + app.environment.defaultDomain);
    }

    /** Every app's state by its ARM id in lower case (for the metrics backend). */
    synchronized Map<String, ContainerAppState> appStates() {
        Map<String, ContainerAppState> out = new LinkedHashMap<>();
        for (App app : apps.values()) {
            out.put(app.id().toLowerCase(Locale.ROOT), appState(app.subscriptionId, app.resourceGroup, app.name));
        }
        return out;
    }

    // ---------------------------------------------------------------- time

    /** Applies every state change that is due at the clock's current time. */
    synchronized void refresh() {
        Instant now = clock.now();
        for (App app : apps.values()) {
            for (Revision r : new ArrayList<>(app.revisions)) {
                if (r.provisioningState.equals("Provisioning") && !now.isBefore(r.readyAt)) {
                    if (r.failProvisioning || behavior(r.image()).provisioningFails()) {
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
                ImageBehavior b = behavior(r.image());
                if (r.provisioningState.equals("Provisioned") && r.active && r.runningState.equals("Activating")
                        && !now.isBefore(r.createdTime.plus(Operations.REVISION_DEADLINE))) {
                    r.runningState = "ActivationFailed";
                    r.healthState = "Unhealthy";
                    r.runningStateDetails = "Deployment Progress Deadline Exceeded. 0/" + Math.max(1, minReplicas(r)) + " replicas ready.";
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

    private void markProvisioned(Revision r, Instant at) {
        ImageBehavior b = behavior(r.image());
        r.provisioningState = "Provisioned";
        r.provisionedAt = at;
        r.replicas = !r.active || minReplicas(r) == 0 ? 0 : Math.max(1, minReplicas(r));
        r.runningState = !r.active ? "Stopped" : b.unhealthy() ? "Degraded" : b.neverActivates() ? "Activating"
                : b.reportedState() != null ? b.reportedState() : servingState(r);
        r.healthState = b.unhealthy() ? "Unhealthy" : b.neverActivates() ? "None" : "Healthy";
        if (r.active) {
            startServing(r);
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

    /** How the operation that made {@code r} stands: it ends with the revision, or expires. */
    private Operations.Outcome revisionOutcome(Revision r, Instant now) {
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

    private ImageBehavior behavior(String image) {
        ImageBehavior found = ImageBehavior.healthy();
        for (Map.Entry<String, ImageBehavior> e : behaviors.entrySet()) {
            if (image != null && image.contains(e.getKey())) {
                found = e.getValue();
            }
        }
        return found;
    }

    // ---------------------------------------------------------------- revision apps and ingress routing

    private void startServing(Revision r) {
        if (r.port == 0) {
            r.port = revisionApps.start((method, path) -> {
                SimResponse response = answer(r, path);
                sleep(behaviorFor(r.image()).latency());
                return response;
            });
        }
    }

    private void stopServing(Revision r) {
        if (r.port != 0) {
            revisionApps.stop(r.port);
            r.port = 0;
        }
    }

    private void deactivate(Revision r) {
        r.active = false;
        r.replicas = 0;
        if (!r.provisioningState.equals("Failed")) {
            r.runningState = "Stopped";
        }
        r.lastActiveTime = clock.now();
        stopServing(r);
    }

    /** Outside the lock: a slow app must not hold up the rest of the simulator. */
    private static void sleep(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized SimResponse answer(Revision r, String path) {
        refresh();
        ImageBehavior b = behavior(r.image());
        int status = r.healthState.equals("Unhealthy") ? 503 : b.httpStatus();
        if (status == 200) {
            for (Map.Entry<String, Map<String, SimResponse>> e : appResponses.entrySet()) {
                SimResponse custom = r.image().contains(e.getKey()) ? e.getValue().get(path) : null;
                if (custom != null) {
                    return custom;
                }
            }
        }
        if (!path.equals("/") && !path.equals("/health") && !path.equals("/healthz")) {
            status = status == 200 ? 404 : status;
        }
        ObjectNode body = Json.object();
        body.put("app", r.app.name);
        body.put("revision", r.name);
        body.put("image", r.image());
        body.put("status", status == 200 ? "ok" : status == 404 ? "not found" : "error");
        return SimResponse.json(status, body).header("x-sim-revision", r.name);
    }

    /** The id of the revision app serving this host name in {@link RevisionApps}, or its not-found app's. */
    synchronized int portFor(String host) {
        refresh();
        String h = host.toLowerCase(Locale.ROOT);
        for (App app : apps.values()) {
            String domain = "." + app.environment.defaultDomain;
            if (!h.endsWith(domain) || app.ingress() == null) {
                continue;
            }
            String sub = h.substring(0, h.length() - domain.length());
            Revision target = null;
            if (sub.equals(app.name)) {
                target = pickByWeight(app);
            } else if (sub.startsWith(app.name + "---")) {
                String label = sub.substring(app.name.length() + 3);
                String rev = labels(app).get(label);
                target = rev == null ? null : app.revision(rev);
            } else if (sub.startsWith(app.name + "--")) {
                target = app.revision(sub);
            }
            if (target != null && target.active && target.port != 0) {
                return target.port;
            }
        }
        return revisionApps.notFoundPort();
    }

    private Revision pickByWeight(App app) {
        Map<String, Integer> weights = trafficWeights(app);
        List<Revision> serving = new ArrayList<>();
        List<Integer> w = new ArrayList<>();
        for (Map.Entry<String, Integer> e : weights.entrySet()) {
            Revision r = app.revision(e.getKey());
            if (r != null && r.active && r.port != 0 && e.getValue() > 0) {
                serving.add(r);
                w.add(e.getValue());
            }
        }
        if (serving.isEmpty()) {
            return null;
        }
        int total = w.stream().mapToInt(Integer::intValue).sum();
        int pick = ThreadLocalRandom.current().nextInt(total);
        for (int i = 0; i < serving.size(); i++) {
            pick -= w.get(i);
            if (pick < 0) {
                return serving.get(i);
            }
        }
        return serving.get(serving.size() - 1);
    }

    // ---------------------------------------------------------------- traffic

    private ArrayNode traffic(App app) {
        JsonNode ingress = app.ingress();
        if (ingress == null) {
            return Json.array();
        }
        JsonNode t = ingress.get("traffic");
        if (t == null || !t.isArray() || t.isEmpty()) {
            ArrayNode d = Json.array();
            d.addObject().put("weight", 100).put("latestRevision", true);
            return d;
        }
        return (ArrayNode) t;
    }

    private Map<String, Integer> trafficWeights(App app) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (app.singleMode()) {
            Revision serving = servingRevisionInSingleMode(app);
            if (serving != null && app.ingress() != null) {
                out.put(serving.name, 100);
            }
            return out;
        }
        for (JsonNode t : traffic(app)) {
            String rev = t.path("latestRevision").asBoolean(false) ? latestStable(app) : Json.text(t, "revisionName");
            if (rev != null) {
                out.merge(rev, t.path("weight").asInt(0), Integer::sum);
            }
        }
        return out;
    }

    /** In single mode the old revision keeps serving until its successor is provisioned. */
    private Revision servingRevisionInSingleMode(App app) {
        Revision best = null;
        for (Revision r : app.revisions) {
            if (r.active && r.provisioningState.equals("Provisioned")) {
                best = r;
            }
        }
        return best;
    }

    private Map<String, String> labels(App app) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode t : traffic(app)) {
            String label = Json.text(t, "label");
            if (label != null) {
                out.put(label.toLowerCase(Locale.ROOT), t.path("latestRevision").asBoolean(false) ? latestStable(app) : Json.text(t, "revisionName"));
            }
        }
        return out;
    }

    private void validateTraffic(App app, ObjectNode configuration, String newRevision) {
        JsonNode ingress = configuration.get("ingress");
        if (ingress == null || ingress.isNull()) {
            return;
        }
        JsonNode traffic = ingress.get("traffic");
        if (traffic == null || !traffic.isArray() || traffic.isEmpty()) {
            return;
        }
        Set<String> known = new HashSet<>();
        app.revisions.forEach(r -> known.add(r.name.toLowerCase(Locale.ROOT)));
        if (newRevision != null) {
            known.add(newRevision.toLowerCase(Locale.ROOT));
        }
        int sum = 0;
        Set<String> labels = new HashSet<>();
        boolean single = "single".equalsIgnoreCase(Json.text(configuration, "activeRevisionsMode"));
        String latest = newRevision != null ? newRevision : app.latestRevisionName;
        for (JsonNode t : traffic) {
            int weight = t.path("weight").asInt(0);
            if (weight < 0 || weight > 100) {
                throw ArmException.badRequest("ContainerAppInvalidTrafficWeight", "Traffic weight " + weight + " must be between 0 and 100.");
            }
            sum += weight;
            boolean latestRevision = t.path("latestRevision").asBoolean(false);
            String rev = Json.text(t, "revisionName");
            if (latestRevision && rev != null) {
                throw ArmException.badRequest("ContainerAppInvalidTrafficWeight",
                        "A traffic weight cannot set both revisionName '" + rev + "' and latestRevision.");
            }
            if (!latestRevision && rev == null) {
                throw ArmException.badRequest("ContainerAppInvalidTrafficWeight", "A traffic weight must name a revision or set latestRevision.");
            }
            if (rev != null && !known.contains(rev.toLowerCase(Locale.ROOT))) {
                throw ArmException.badRequest("ContainerAppRevisionNotFound",
                        "Revision '" + rev + "' of container app '" + app.name + "' named in traffic does not exist.");
            }
            if (rev != null && weight > 0 && !rev.equalsIgnoreCase(latest)) {
                Revision r = app.revision(rev);
                if (r != null && !r.active) {
                    throw ArmException.badRequest("ContainerAppRevisionNotActive",
                            "Revision '" + rev + "' is not active and cannot receive traffic. Activate it first.");
                }
                if (single) {
                    throw ArmException.badRequest("ContainerAppInvalidTrafficWeight",
                            "In single revision mode only the latest revision can receive traffic, not '" + rev + "'.");
                }
            }
            String label = Json.text(t, "label");
            if (label != null && !labels.add(label.toLowerCase(Locale.ROOT))) {
                throw ArmException.badRequest("ContainerAppDuplicateTrafficLabel", "Traffic label '" + label + "' is used more than once.");
            }
        }
        if (sum != 100) {
            throw ArmException.badRequest("ContainerAppInvalidTrafficWeight",
                    "The sum of traffic weights must be 100, got " + sum + ".");
        }
    }

    // ---------------------------------------------------------------- routes: environments and apps

    private synchronized SimResponse getEnvironment(SimRequest req) {
        Environment env = environments.get(key(req.param("sub"), req.param("rg"), req.param("env")));
        if (env == null) {
            throw ArmException.notFound("Microsoft.App/managedEnvironments", req.param("env"));
        }
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
        return SimResponse.json(200, body);
    }

    private synchronized SimResponse listApps(SimRequest req) {
        refresh();
        ObjectNode body = Json.object();
        ArrayNode value = body.putArray("value");
        String rg = req.optionalParam("rg");
        for (App app : apps.values()) {
            if (app.subscriptionId.equalsIgnoreCase(req.param("sub")) && (rg == null || app.resourceGroup.equalsIgnoreCase(rg))) {
                value.add(appJson(app));
            }
        }
        return SimResponse.json(200, body);
    }

    private synchronized SimResponse getApp(SimRequest req) {
        refresh();
        return SimResponse.json(200, appJson(requireApp(req.param("sub"), req.param("rg"), req.param("app"))));
    }

    private synchronized SimResponse putApp(SimRequest req) {
        refresh();
        JsonNode body = req.json();
        App app = apps.get(key(req.param("sub"), req.param("rg"), req.param("app")));
        boolean created = app == null;
        JsonNode props = body.path("properties");
        if (created) {
            String envId = Optional.ofNullable(Json.text(props, "managedEnvironmentId")).orElse(Json.text(props, "environmentId"));
            Environment env = envId == null ? null : environmentById(envId);
            if (env == null) {
                throw ArmException.badRequest("ManagedEnvironmentNotFound", "The managed environment '" + envId + "' was not found.");
            }
            app = new App();
            app.subscriptionId = req.param("sub");
            app.resourceGroup = req.param("rg");
            app.name = req.param("app").toLowerCase(Locale.ROOT);
            app.location = Locations.display(Optional.ofNullable(Json.text(body, "location")).orElse(env.location));
            app.environment = env;
            app.configuration = Json.object();
            app.template = Json.object();
        }
        app.tags = body.has("tags") ? (ObjectNode) body.get("tags").deepCopy() : Json.object();
        ObjectNode configuration = props.has("configuration") ? (ObjectNode) props.get("configuration").deepCopy() : Json.object();
        if (!configuration.has("activeRevisionsMode")) {
            configuration.put("activeRevisionsMode", "Single");
        }
        ObjectNode template = props.has("template") ? (ObjectNode) props.get("template").deepCopy() : Json.object();
        Operations.Op op = apply(app, configuration, template, req.method, req.path);
        if (created && !app.lastOperationFailed) {
            apps.put(key(app.subscriptionId, app.resourceGroup, app.name), app);
        }
        return Operations.withHeaders(SimResponse.json(created ? 201 : 200, appJson(app)), "https://" + req.host, op, API_VERSION, APP_OPERATIONS);
    }

    private synchronized SimResponse patchApp(SimRequest req) {
        refresh();
        App app = requireApp(req.param("sub"), req.param("rg"), req.param("app"));
        JsonNode props = req.json().path("properties");
        ObjectNode configuration = app.configuration.deepCopy();
        ObjectNode template = app.template.deepCopy();
        if (props.has("configuration")) {
            Json.merge(configuration, props.get("configuration"));
        }
        if (props.has("template")) {
            Json.merge(template, props.get("template"));
        }
        Operations.Op op = apply(app, configuration, template, req.method, req.path);
        return Operations.withHeaders(SimResponse.empty(202), "https://" + req.host, op, API_VERSION, APP_OPERATIONS);
    }

    /** Validates and commits a new configuration and template; a changed template makes a new revision. */
    private Operations.Op apply(App app, ObjectNode configuration, ObjectNode template, String method, String path) {
        JsonNode containers = template.get("containers");
        if (containers == null || !containers.isArray() || containers.isEmpty()) {
            throw ArmException.badRequest("ContainerAppInvalidSchema", "Container app '" + app.name + "' template must have at least one container.");
        }
        for (JsonNode c : containers) {
            if (Json.text(c, "image") == null || Json.text(c, "name") == null) {
                throw ArmException.badRequest("ContainerAppInvalidSchema", "Every container needs a name and an image.");
            }
        }
        Revision latest = app.latestRevisionName == null ? null : app.revision(app.latestRevisionName);
        boolean templateChanged = latest == null || !template.equals(latest.template);
        String newRevision = null;
        if (templateChanged) {
            String suffix = Json.text(template, "revisionSuffix");
            if (suffix == null || suffix.isBlank()) {
                suffix = generatedSuffix();
            } else if (!suffix.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?") || suffix.contains("--")) {
                throw ArmException.badRequest("ContainerAppInvalidRevisionSuffix",
                        "Revision suffix '" + suffix + "' must be lower case letters, digits and '-' (never '--'), starting and ending with a letter or digit.");
            }
            newRevision = app.name + "--" + suffix;
            Revision existing = app.revision(newRevision);
            if (existing != null) {
                return reusedSuffix(app, existing, configuration, template);
            }
        }
        validateTraffic(app, configuration, newRevision);
        Optional<Fault> failedOp = faults.take(Fault.Kind.FAILED_OPERATION, method, path);
        if (failedOp.isPresent()) {
            app.lastOperationFailed = true;
            app.pendingOperation = operations.start(app.subscriptionId, app.location, settings.operationDuration,
                    "ContainerAppOperationFailed", "Failed to provision revision for container app '" + app.name + "'. Error details: the operation failed.");
            return app.pendingOperation;
        }
        boolean wasSingle = app.singleMode();
        app.configuration = configuration;
        app.template = template;
        app.lastOperationFailed = false;
        Revision created = null;
        if (templateChanged) {
            created = newRevision(app, newRevision, template.deepCopy(), faults.take(Fault.Kind.FAILED_PROVISIONING, method, path).isPresent());
        }
        if (!wasSingle && app.singleMode()) {
            Revision serving = servingRevisionInSingleMode(app);
            for (Revision r : app.revisions) {
                if (r.active && r != serving && !r.provisioningState.equals("Provisioning")) {
                    deactivate(r);
                }
            }
        }
        Revision watched = created;
        app.pendingOperation = watched != null && settings.revisionOperations
                ? operations.track(app.subscriptionId, app.location, now -> revisionOutcome(watched, now))
                : operations.start(app.subscriptionId, app.location, settings.operationDuration, null, null);
        refresh();
        return app.pendingOperation;
    }

    /**
     * A template under a suffix that an existing revision has. Azure has answered this with a silent
     * no-op (the same template: nothing new, the operation succeeds; only the configuration applies)
     * or with a failed operation (another template), never with an immediate error.
     */
    private Operations.Op reusedSuffix(App app, Revision existing, ObjectNode configuration, ObjectNode template) {
        if (existing.template.equals(template)) {
            validateTraffic(app, configuration, null);
            app.configuration = configuration;
            app.lastOperationFailed = false;
            app.pendingOperation = operations.start(app.subscriptionId, app.location, settings.operationDuration, null, null);
            return app.pendingOperation;
        }
        app.pendingOperation = operations.start(app.subscriptionId, app.location, settings.operationDuration,
                "ContainerAppOperationError", "Failed to provision revision for container app '" + app.name
                        + "'. Error details: revision '" + existing.name + "' already exists with another template.");
        return app.pendingOperation;
    }

    private Revision newRevision(App app, String name, ObjectNode template, boolean failProvisioning) {
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

    static String generatedSuffix() {
        String chars = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            s.append(chars.charAt(ThreadLocalRandom.current().nextInt(chars.length())));
        }
        return s.toString();
    }

    /** What {@code latestRevision: true} in traffic means: the newest revision that is ready, else the newest. */
    private String latestStable(App app) {
        String ready = latestReady(app);
        return ready != null ? ready : app.latestRevisionName;
    }

    private String latestReady(App app) {
        String ready = null;
        for (Revision r : app.revisions) {
            if (r.provisioningState.equals("Provisioned")) {
                ready = r.name;
            }
        }
        return ready;
    }

    private ObjectNode appJson(App app) {
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
        p.put("latestReadyRevisionName", latestReady(app));
        p.put("latestRevisionFqdn", app.latestRevisionName == null || app.ingress() == null ? ""
                : app.latestRevisionName + "." + app.environment.defaultDomain);
        p.put("customDomainVerificationId", "0000000000000000000000000000000000000000000000000000000000000000");
        ObjectNode configuration = app.configuration.deepCopy();
        if (configuration.get("ingress") instanceof ObjectNode ingress) {
            ingress.put("fqdn", app.name + "." + app.environment.defaultDomain);
            ingress.set("traffic", traffic(app).deepCopy());
        }
        p.set("configuration", configuration);
        p.set("template", app.template.deepCopy());
        p.putArray("outboundIpAddresses").add("20.0.0.2");
        p.put("eventStreamEndpoint", "https://" + app.location.replace(" ", "").toLowerCase(Locale.ROOT)
                + ".azurecontainerapps.dev/subscriptions/" + app.subscriptionId + "/resourceGroups/" + app.resourceGroup
                + "/containerApps/" + app.name + "/eventstream");
        return body;
    }

    // ---------------------------------------------------------------- routes: revisions

    private synchronized SimResponse listRevisions(SimRequest req) {
        refresh();
        App app = requireApp(req.param("sub"), req.param("rg"), req.param("app"));
        ObjectNode body = Json.object();
        ArrayNode value = body.putArray("value");
        Map<String, Integer> weights = trafficWeights(app);
        for (Revision r : app.revisions) {
            value.add(revisionJson(r, weights));
        }
        return SimResponse.json(200, body);
    }

    private synchronized SimResponse getRevision(SimRequest req) {
        refresh();
        App app = requireApp(req.param("sub"), req.param("rg"), req.param("app"));
        return SimResponse.json(200, revisionJson(requireRevision(app, req.param("rev")), trafficWeights(app)));
    }

    private synchronized SimResponse revisionAction(SimRequest req, String action) {
        refresh();
        App app = requireApp(req.param("sub"), req.param("rg"), req.param("app"));
        Revision r = requireRevision(app, req.param("rev"));
        switch (action) {
            case "activate" -> {
                r.active = true;
                r.lastActiveTime = clock.now();
                if (r.provisioningState.equals("Provisioned")) {
                    markProvisioned(r, r.provisionedAt);
                }
            }
            case "deactivate" -> deactivate(r);
            default -> {
                if (!r.active) {
                    throw ArmException.badRequest("ContainerAppRevisionNotActive", "Revision '" + r.name + "' is not active and cannot be restarted.");
                }
                r.manualRestarts++;
                r.restartCount = r.manualRestarts;
                r.restartedAt = clock.now();
                if (r.provisioningState.equals("Provisioned")) {
                    ImageBehavior b = behavior(r.image());
                    r.healthState = b.unhealthy() ? "Unhealthy" : "Healthy";
                    r.runningState = b.unhealthy() ? "Degraded" : "Running";
                }
            }
        }
        return SimResponse.empty(200);
    }

    private synchronized SimResponse listReplicas(SimRequest req) {
        refresh();
        App app = requireApp(req.param("sub"), req.param("rg"), req.param("app"));
        Revision r = requireRevision(app, req.param("rev"));
        ObjectNode body = Json.object();
        ArrayNode value = body.putArray("value");
        for (int i = 0; i < r.replicas; i++) {
            String name = r.name + "-" + Integer.toHexString((r.name + i).hashCode() & 0xfffffff);
            ObjectNode replica = value.addObject();
            replica.put("id", app.id() + "/revisions/" + r.name + "/replicas/" + name);
            replica.put("name", name);
            replica.put("type", "Microsoft.App/containerApps/revisions/replicas");
            ObjectNode p = replica.putObject("properties");
            p.put("createdTime", Json.time(r.provisionedAt));
            p.put("runningState", r.healthState.equals("Healthy") ? "Running" : "NotRunning");
            ArrayNode containers = p.putArray("containers");
            for (JsonNode c : r.template.path("containers")) {
                ObjectNode rc = containers.addObject();
                rc.put("name", Json.text(c, "name"));
                rc.put("containerId", Integer.toHexString(name.hashCode()));
                rc.put("ready", r.healthState.equals("Healthy"));
                rc.put("started", true);
                rc.put("restartCount", r.restartCount);
                rc.put("runningState", r.healthState.equals("Healthy") ? "Running" : "Waiting");
            }
        }
        return SimResponse.json(200, body);
    }

    private ObjectNode revisionJson(Revision r, Map<String, Integer> weights) {
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

    private String fqdn(Revision r) {
        return r.app.ingress() == null ? "" : r.name + "." + r.app.environment.defaultDomain;
    }

    private static String containerName(Revision r) {
        JsonNode containers = r.template.path("containers");
        return containers.isEmpty() ? "" : Json.text(containers.get(0), "name");
    }

    // ---------------------------------------------------------------- lookups

    synchronized Environment environmentById(String id) {
        for (Environment env : environments.values()) {
            if (env.id().equalsIgnoreCase(id)) {
                return env;
            }
        }
        return null;
    }

    /** Replaces the app's credential for {@code server} (set-up API: as {@code az containerapp registry set}). */
    synchronized void setRegistryCredential(String sub, String rg, String name, String server, String identity,
                                            String username) {
        RegistryCredentials.set(requireApp(sub, rg, name).configuration, server, identity, username);
    }

    private App requireApp(String sub, String rg, String name) {
        App app = apps.get(key(sub, rg, name));
        if (app == null) {
            throw ArmException.notFound("Microsoft.App/containerApps", name);
        }
        return app;
    }

    private static Revision requireRevision(App app, String name) {
        Revision r = app.revision(name);
        if (r == null) {
            throw ArmException.notFound("Microsoft.App/containerApps/" + app.name + "/revisions", name);
        }
        return r;
    }

    static String key(String sub, String rg, String name) {
        return (sub + "/" + rg + "/" + name).toLowerCase(Locale.ROOT);
    }

    synchronized void close() {
        for (App app : apps.values()) {
            app.revisions.forEach(this::stopServing);
        }
    }
}
