package io.acapromoter.local.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acapromoter.local.sim.SimModel.App;
import io.acapromoter.local.sim.SimModel.Environment;
import io.acapromoter.local.sim.SimModel.Revision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Microsoft.App: managed environments and container apps with their revisions and traffic. One
 * lock (this object) guards all of it; time-driven changes (provisioning, crashes) are applied
 * lazily by {@link #refresh()} before every read. How revisions live is {@link RevisionLifecycle},
 * what they serve and how ingress reaches them {@link RevisionServers}, traffic {@link Traffic},
 * the resources' JSON {@link ContainerAppsJson}; this class holds the apps, takes their changes
 * and lists the routes.
 */
final class ContainerAppsBackend {
    static final String API_VERSION = "2025-01-01";
    private static final String P = "/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.App";
    private static final String APP_OPERATIONS = "containerapp";

    private final SimClock clock;
    private final Faults faults;
    private final Operations operations;
    private final AzureSimulator.Settings settings;
    private final Map<String, Environment> environments = new LinkedHashMap<>();
    private final Map<String, App> apps = new LinkedHashMap<>();
    private final RevisionServers servers;
    private final RevisionLifecycle revisions;
    private final ContainerAppsJson json;

    ContainerAppsBackend(SimClock clock, Faults faults, Operations operations, RevisionApps revisionApps, AzureSimulator.Settings settings) {
        this.clock = clock;
        this.faults = faults;
        this.operations = operations;
        this.settings = settings;
        this.servers = new RevisionServers(this, revisionApps, apps.values(), this::refresh);
        this.revisions = new RevisionLifecycle(clock, settings, servers, apps.values());
        this.json = new ContainerAppsJson(clock, operations);
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
        Revision r = revisions.newRevision(app, app.name + "--" + (spec.revisionSuffix() != null ? spec.revisionSuffix()
                : RevisionLifecycle.generatedSuffix()), app.template.deepCopy(), false);
        revisions.markProvisioned(r, clock.now());
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

    ImageBehavior behaviorFor(String image) {
        return servers.behaviorFor(image);
    }

    void setBehavior(String imageKey, ImageBehavior behavior) {
        servers.setBehavior(imageKey, behavior);
    }

    void setAppResponse(String imageKey, String path, int status, String jsonBody) {
        servers.setAppResponse(imageKey, path, status, jsonBody);
    }

    /** The id of the revision app serving this host name in {@link RevisionApps}, or its not-found app's. */
    int portFor(String host) {
        return servers.portFor(host);
    }

    synchronized ContainerAppState appState(String subscriptionId, String resourceGroup, String name) {
        refresh();
        App app = requireApp(subscriptionId, resourceGroup, name);
        Map<String, Integer> weights = Traffic.weights(app);
        Map<String, String> labels = Traffic.labels(app);
        List<ContainerAppState.RevisionState> revs = new ArrayList<>();
        for (Revision r : app.revisions) {
            revs.add(new ContainerAppState.RevisionState(r.name, r.image(), r.active, r.provisioningState, r.runningState,
                    r.healthState, r.replicas, r.restartCount, weights.getOrDefault(r.name, 0), ContainerAppsJson.fqdn(r)));
        }
        return new ContainerAppState(app.name, app.singleMode() ? "Single" : "Multiple", app.latestRevisionName,
                Traffic.latestReady(app), weights, labels, revs, "https://" + app.name + "." + app.environment.defaultDomain);
    }

    /** Every app's state by its ARM id in lower case (for the metrics backend). */
    synchronized Map<String, ContainerAppState> appStates() {
        Map<String, ContainerAppState> out = new LinkedHashMap<>();
        for (App app : apps.values()) {
            out.put(app.id().toLowerCase(Locale.ROOT), appState(app.subscriptionId, app.resourceGroup, app.name));
        }
        return out;
    }

    /** Applies every state change that is due at the clock's current time. */
    synchronized void refresh() {
        revisions.refresh();
    }

    // ---------------------------------------------------------------- routes: environments and apps

    private synchronized SimResponse getEnvironment(SimRequest req) {
        Environment env = environments.get(key(req.param("sub"), req.param("rg"), req.param("env")));
        if (env == null) {
            throw ArmException.notFound("Microsoft.App/managedEnvironments", req.param("env"));
        }
        return SimResponse.json(200, ContainerAppsJson.environment(env));
    }

    private synchronized SimResponse listApps(SimRequest req) {
        refresh();
        ObjectNode body = Json.object();
        ArrayNode value = body.putArray("value");
        String rg = req.optionalParam("rg");
        for (App app : apps.values()) {
            if (app.subscriptionId.equalsIgnoreCase(req.param("sub")) && (rg == null || app.resourceGroup.equalsIgnoreCase(rg))) {
                value.add(json.app(app));
            }
        }
        return SimResponse.json(200, body);
    }

    private synchronized SimResponse getApp(SimRequest req) {
        refresh();
        return SimResponse.json(200, json.app(requireApp(req.param("sub"), req.param("rg"), req.param("app"))));
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
        return Operations.withHeaders(SimResponse.json(created ? 201 : 200, json.app(app)), "https://" + req.host, op, API_VERSION, APP_OPERATIONS);
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
        if (operations.inProgress(app.pendingOperation)) {
            // As Container Apps does: one operation on an app at a time; a write meanwhile is refused, to be retried.
            throw new ArmException(409, "ContainerAppOperationInProgress", "Cannot modify container app '" + app.name
                    + "': operation " + app.pendingOperation.id() + " is still in progress. Retry once it has completed.");
        }
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
                suffix = RevisionLifecycle.generatedSuffix();
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
        Traffic.validate(app, configuration, newRevision);
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
            created = revisions.newRevision(app, newRevision, template.deepCopy(), faults.take(Fault.Kind.FAILED_PROVISIONING, method, path).isPresent());
        }
        if (!wasSingle && app.singleMode()) {
            Revision serving = Traffic.servingInSingleMode(app);
            for (Revision r : app.revisions) {
                if (r.active && r != serving && !r.provisioningState.equals("Provisioning")) {
                    revisions.deactivate(r);
                }
            }
        }
        Revision watched = created;
        app.pendingOperation = watched != null && settings.revisionOperations
                ? operations.track(app.subscriptionId, app.location, now -> revisions.outcome(watched, now))
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
            Traffic.validate(app, configuration, null);
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

    // ---------------------------------------------------------------- routes: revisions

    private synchronized SimResponse listRevisions(SimRequest req) {
        refresh();
        App app = requireApp(req.param("sub"), req.param("rg"), req.param("app"));
        ObjectNode body = Json.object();
        ArrayNode value = body.putArray("value");
        Map<String, Integer> weights = Traffic.weights(app);
        for (Revision r : app.revisions) {
            value.add(json.revision(r, weights));
        }
        return SimResponse.json(200, body);
    }

    private synchronized SimResponse getRevision(SimRequest req) {
        refresh();
        App app = requireApp(req.param("sub"), req.param("rg"), req.param("app"));
        return SimResponse.json(200, json.revision(requireRevision(app, req.param("rev")), Traffic.weights(app)));
    }

    private synchronized SimResponse revisionAction(SimRequest req, String action) {
        refresh();
        App app = requireApp(req.param("sub"), req.param("rg"), req.param("app"));
        Revision r = requireRevision(app, req.param("rev"));
        switch (action) {
            case "activate" -> revisions.activate(r);
            case "deactivate" -> revisions.deactivate(r);
            default -> revisions.restart(r);
        }
        return SimResponse.empty(200);
    }

    private synchronized SimResponse listReplicas(SimRequest req) {
        refresh();
        App app = requireApp(req.param("sub"), req.param("rg"), req.param("app"));
        return SimResponse.json(200, ContainerAppsJson.replicas(app, requireRevision(app, req.param("rev"))));
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
            app.revisions.forEach(servers::stopServing);
        }
    }
}
