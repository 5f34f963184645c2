package io.acapromoter.local.sim;

import io.acapromoter.settings.Settings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acapromoter.local.sim.RegistryModel.Manifest;
import io.acapromoter.local.sim.RegistryModel.Registry;
import io.acapromoter.local.sim.RegistryModel.Repository;
import io.acapromoter.local.sim.RegistryModel.Run;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Azure Container Registry: the ARM registry resource and ACR Tasks runs, and the data plane
 * (token exchange, manifests, tags, OCI referrers) with its Event Grid push events.
 */
final class RegistryBackend {
    static final String TASKS_API_VERSION = "2019-06-01-preview";
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    static final String NOTATION_SIGNATURE = "application/vnd.cncf.notary.signature";
    private static final String P = "/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.ContainerRegistry/registries/{reg}";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How long before the end of a signing task run its image is pushed (the sign step's duration). */
    static final java.time.Duration SIGN_STEP = java.time.Duration.ofSeconds(20);

    private static final Logger LOG = Logger.getLogger(RegistryBackend.class.getName());

    private final SimClock clock;
    private final Faults faults;
    private final AzureSimulator.Settings settings;
    private final Map<String, Registry> registries = new LinkedHashMap<>();
    private final List<Consumer<String>> pushListeners = new CopyOnWriteArrayList<>();
    private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, String> accessTokens = new ConcurrentHashMap<>();

    RegistryBackend(SimClock clock, Faults faults, AzureSimulator.Settings settings) {
        this.clock = clock;
        this.faults = faults;
        this.settings = settings;
    }

    List<Route> armRoutes() {
        return List.of(
                Route.of("GET", P, "Registries_Get", this::getRegistry),
                Route.of("POST", P + "/scheduleRun", "Registries_ScheduleRun", this::scheduleRun),
                Route.of("GET", P + "/tasks/{task}", "Tasks_Get", this::getTask),
                Route.of("PUT", P + "/taskRuns/{taskRun}", "TaskRuns_Create", this::putTaskRun),
                Route.of("GET", P + "/taskRuns/{taskRun}", "TaskRuns_Get", this::getTaskRun),
                Route.of("GET", P + "/runs", "Runs_List", this::listRuns),
                Route.of("GET", P + "/runs/{run}", "Runs_Get", this::getRun),
                Route.of("POST", P + "/runs/{run}/listLogSasUrl", "Runs_GetLogSasUrl", this::logSasUrl));
    }

    List<Route> dataPlaneRoutes() {
        return List.of(
                Route.of("POST", "/oauth2/exchange", "Acr_ExchangeAadAccessTokenForAcrRefreshToken", this::exchange),
                Route.of("POST", "/oauth2/token", "Acr_ExchangeAcrRefreshTokenForAcrAccessToken", this::token),
                Route.of("GET", "/oauth2/token", "Acr_GetAcrAccessTokenFromLogin", this::dockerToken),
                Route.of("GET", "/v2/", "Acr_CheckDockerV2Support", r -> authorized(r, "registry:catalog:*", reg -> SimResponse.json(200, Json.object()))),
                Route.of("GET", "/acr/v1/_catalog", "Acr_GetRepositories", this::catalog),
                Route.of("GET", "/v2/{repo+}/manifests/{ref}", "Acr_GetManifest", this::getManifest),
                Route.of("HEAD", "/v2/{repo+}/manifests/{ref}", "Acr_GetManifest", this::getManifest),
                Route.of("GET", "/v2/{repo+}/referrers/{digest}", "Acr_GetReferrers", this::referrers),
                Route.of("PUT", "/v2/{repo+}/manifests/{ref}", "Acr_CreateManifest", this::putManifest),
                Route.of("GET", "/v2/{repo+}/tags/list", "Acr_GetTagList", this::tagList),
                Route.of("POST", "/v2/{repo+}/blobs/uploads/", "Acr_StartUpload", this::startUpload),
                Route.of("PATCH", "/v2/{repo+}/blobs/uploads/{upload}", "Acr_UploadChunk", this::uploadChunk),
                Route.of("PUT", "/v2/{repo+}/blobs/uploads/{upload}", "Acr_EndUpload", this::endUpload),
                Route.of("HEAD", "/v2/{repo+}/blobs/{digest}", "Acr_CheckBlobExists", this::getBlob),
                Route.of("GET", "/v2/{repo+}/blobs/{digest}", "Acr_GetBlob", this::getBlob),
                Route.of("GET", "/acr/v1/{repo+}/_tags/{ref}", "Acr_GetTagProperties", this::tagProperties),
                Route.of("GET", "/acr/v1/{repo+}/_tags", "Acr_GetTags", this::listTags),
                Route.of("GET", "/acr/v1/{repo+}/_manifests/{digest}", "Acr_GetManifestProperties", this::manifestProperties),
                Route.of("GET", "/sim-logs/{reg}/{run}", "Sim_RunLog", this::runLog));
    }

    // ---------------------------------------------------------------- Java API

    synchronized String createRegistry(String subscriptionId, String resourceGroup, String name, String location) {
        if (!name.matches("[a-zA-Z0-9]{5,50}")) {
            throw new IllegalArgumentException("registry name must be 5-50 letters or digits: " + name);
        }
        Registry r = new Registry();
        r.subscriptionId = subscriptionId;
        r.resourceGroup = resourceGroup;
        r.name = name;
        r.location = location;
        r.loginServer = name.toLowerCase(Locale.ROOT) + SimTls.REGISTRY_SUFFIX;
        r.created = clock.now();
        registries.put(name.toLowerCase(Locale.ROOT), r);
        return r.loginServer;
    }

    void onPush(Consumer<String> listener) {
        pushListeners.add(listener);
    }

    PushedImage pushImage(String registry, String repository, String tag, String givenDigest) {
        PushedImage pushed;
        String event;
        synchronized (this) {
            Registry reg = requireRegistry(registry);
            Manifest m = imageManifest(DOCKER_MANIFEST, null);
            if (givenDigest != null) {
                if (!givenDigest.matches("sha256:[0-9a-f]{64}")) {
                    throw new IllegalArgumentException("digest must be sha256:<64 lower-case hex>, got " + givenDigest);
                }
                m.digest = givenDigest;
            }
            pushed = store(reg, repository, tag, m);
            event = pushEvent(reg, pushed, m.body.length);
        }
        publish(event);
        return pushed;
    }

    PushedImage pushImageIndex(String registry, String repository, String tag) {
        List<String> events = new ArrayList<>();
        PushedImage pushed;
        synchronized (this) {
            Registry reg = requireRegistry(registry);
            ObjectNode index = Json.object();
            index.put("schemaVersion", 2);
            index.put("mediaType", OCI_INDEX);
            ArrayNode manifests = index.putArray("manifests");
            List<String> children = new ArrayList<>();
            for (String arch : List.of("amd64", "arm64")) {
                Manifest child = imageManifest(OCI_MANIFEST, null);
                PushedImage c = store(reg, repository, null, child);
                events.add(pushEvent(reg, c, child.body.length));
                children.add(c.digest());
                ObjectNode d = manifests.addObject();
                d.put("mediaType", OCI_MANIFEST);
                d.put("digest", c.digest());
                d.put("size", child.body.length);
                d.putObject("platform").put("architecture", arch).put("os", "linux");
            }
            Manifest m = new Manifest();
            m.mediaType = OCI_INDEX;
            m.body = Json.bytes(index);
            m.digest = sha256(m.body);
            m.children.addAll(children);
            pushed = store(reg, repository, tag, m);
            events.add(pushEvent(reg, pushed, m.body.length));
        }
        events.forEach(this::publish);
        return pushed;
    }

    PushedImage pushSignature(String registry, String repository, String subjectDigest) {
        return pushSignature(registry, repository, subjectDigest, null, "application/jose+json");
    }

    /**
     * Attaches a Notation signature manifest whose layer is {@code envelope} (stored as a blob), as
     * {@code notation sign} does; a null envelope makes a layer that names a blob nobody uploaded.
     */
    PushedImage pushSignature(String registry, String repository, String subjectDigest, byte[] envelope, String mediaType) {
        PushedImage pushed;
        String event;
        synchronized (this) {
            Registry reg = requireRegistry(registry);
            Repository repo = reg.repositories.get(repository);
            Manifest subject = repo == null ? null : repo.manifests.get(subjectDigest);
            if (subject == null) {
                throw new IllegalArgumentException("no manifest " + subjectDigest + " in " + reg.loginServer + "/" + repository + " to sign");
            }
            ObjectNode body = Json.object();
            body.put("schemaVersion", 2);
            body.put("mediaType", OCI_MANIFEST);
            body.put("artifactType", NOTATION_SIGNATURE);
            ObjectNode config = body.putObject("config");
            config.put("mediaType", "application/vnd.oci.empty.v1+json");
            config.put("digest", "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
            config.put("size", 2);
            ObjectNode layer = body.putArray("layers").addObject();
            layer.put("mediaType", mediaType);
            layer.put("digest", envelope == null ? randomDigest() : sha256(envelope));
            layer.put("size", envelope == null ? 2048 : envelope.length);
            if (envelope != null) {
                reg.blobs.put(sha256(envelope), envelope.clone());
            }
            ObjectNode subjectDescriptor = body.putObject("subject");
            subjectDescriptor.put("mediaType", subject.mediaType);
            subjectDescriptor.put("digest", subject.digest);
            subjectDescriptor.put("size", subject.body.length);
            ObjectNode annotations = body.putObject("annotations");
            annotations.put("io.cncf.notary.x509chain.thumbprint#S256", "[\"" + randomDigest().substring(7) + "\"]");
            annotations.put("org.opencontainers.image.created", Json.time(clock.now()));
            Manifest m = new Manifest();
            m.mediaType = OCI_MANIFEST;
            m.artifactType = NOTATION_SIGNATURE;
            m.subjectDigest = subjectDigest;
            m.body = Json.bytes(body);
            m.digest = sha256(m.body);
            annotations.fields().forEachRemaining(e -> m.annotations.put(e.getKey(), e.getValue().asText()));
            pushed = store(reg, repository, null, m);
            if (!reg.referrersApi) {
                updateReferrersTag(reg, repo, subjectDigest);
            }
            event = pushEvent(reg, pushed, m.body.length);
        }
        publish(event);
        return pushed;
    }

    synchronized void setReferrersBehavior(String registry, boolean api, boolean listsArtifactType, int pageSize) {
        Registry reg = requireRegistry(registry);
        reg.referrersApi = api;
        reg.referrersListArtifactType = listsArtifactType;
        reg.referrersPageSize = pageSize;
    }

    synchronized void registerTask(String registry, String task, String repository, String tag, String stepType) {
        if (!List.of("Docker", "FileTask", "EncodedTask").contains(stepType)) {
            throw new IllegalArgumentException("step type must be Docker, FileTask or EncodedTask, got " + stepType);
        }
        requireRegistry(registry).taskTargets.put(task, repository + ":" + tag);
        requireRegistry(registry).taskStepTypes.put(task, stepType);
    }

    synchronized Map<String, String> runOverrides(String registry, String runId) {
        return Map.copyOf(requireRun(requireRegistry(registry), runId).overrides);
    }

    private synchronized SimResponse getTask(SimRequest req) {
        Registry reg = armRegistry(req);
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
            default -> step.put("encodedTaskContent", java.util.Base64.getEncoder().encodeToString("version: v1.1.0\nsteps: []\n".getBytes(StandardCharsets.UTF_8)));
        }
        return SimResponse.json(200, body);
    }

    /** A multi-step task that builds, pushes and then signs its image with {@code signer} (Notation + Key Vault plugin). */
    synchronized void registerSigningTask(String registry, String task, String repository, String tag, NotationSigner signer) {
        registerTask(registry, task, repository, tag, "FileTask");
        requireRegistry(registry).taskSigners.put(task, signer);
    }

    synchronized void failNextRuns(String registry, String task, int times) {
        requireRegistry(registry).taskFailures.merge(task, times, Integer::sum);
    }

    synchronized Optional<String> digestForTag(String registry, String repository, String tag) {
        Repository repo = requireRegistry(registry).repositories.get(repository);
        return Optional.ofNullable(repo == null ? null : repo.tags.get(tag));
    }

    synchronized Optional<String> resourceGroupOf(String registry) {
        Registry reg = registries.get(registry.toLowerCase(Locale.ROOT));
        return Optional.ofNullable(reg == null ? null : reg.resourceGroup);
    }

    synchronized List<String> runStatuses(String registry) {
        refresh();
        return requireRegistry(registry).runs.stream().map(r -> r.runId + ":" + r.status).toList();
    }

    /** Moves task runs along; successful runs push their output image (events are sent outside the lock). */
    void refresh() {
        List<String> events = new ArrayList<>();
        List<String[]> signatureEvents = new ArrayList<>();
        List<byte[]> signatureEnvelopes = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.now();
            for (Registry reg : registries.values()) {
                for (Run run : reg.runs) {
                    if (run.status.equals("Queued") && !now.isBefore(run.startsAt)) {
                        run.status = "Running";
                    }
                    // A signing task pushes (and the push event goes out) a step before it signs and finishes.
                    // A signing run pushes first (the push event goes out then) and signs SIGN_STEP later.
                    Instant pushAt = run.signer == null ? run.finishesAt : run.finishesAt.minus(SIGN_STEP);
                    if (run.status.equals("Running") && !run.fails && run.pushedAt == null && !now.isBefore(pushAt)
                            && run.outputRepository != null) {
                        Manifest m = imageManifest(DOCKER_MANIFEST, null);
                        PushedImage pushed = store(reg, run.outputRepository, run.outputTag, m);
                        run.outputDigest = pushed.digest();
                        run.pushedAt = now;
                        events.add(pushEvent(reg, pushed, m.body.length));
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
        events.forEach(this::publish);
        for (int k = 0; k < signatureEvents.size(); k++) {
            String[] at = signatureEvents.get(k);
            pushSignature(at[0], at[1], at[2], signatureEnvelopes.get(k), NotationSigner.ENVELOPE_MEDIA_TYPE);
        }
    }

    private void publish(String event) {
        for (Consumer<String> l : pushListeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                // A failing subscriber must not fail the push (or the ARM request that caused it), as with Event Grid.
                LOG.log(Level.WARNING, "an ImagePushed listener failed", e);
            }
        }
    }

    // ---------------------------------------------------------------- manifests

    private Manifest imageManifest(String mediaType, String artifactType) {
        ObjectNode body = Json.object();
        body.put("schemaVersion", 2);
        body.put("mediaType", mediaType);
        ObjectNode config = body.putObject("config");
        config.put("mediaType", mediaType.equals(OCI_MANIFEST) ? "application/vnd.oci.image.config.v1+json"
                : "application/vnd.docker.container.image.v1+json");
        config.put("size", 1472);
        config.put("digest", randomDigest());
        ArrayNode layers = body.putArray("layers");
        for (int i = 0; i < 2; i++) {
            ObjectNode layer = layers.addObject();
            layer.put("mediaType", mediaType.equals(OCI_MANIFEST) ? "application/vnd.oci.image.layer.v1.tar+gzip"
                    : "application/vnd.docker.image.rootfs.diff.tar.gzip");
            layer.put("size", 3_000_000 + RANDOM.nextInt(1_000_000));
            layer.put("digest", randomDigest());
        }
        Manifest m = new Manifest();
        m.mediaType = mediaType;
        m.artifactType = artifactType;
        m.body = Json.bytes(body);
        m.digest = sha256(m.body);
        return m;
    }

    private PushedImage store(Registry reg, String repository, String tag, Manifest m) {
        if (!repository.matches("[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*")) {
            throw new IllegalArgumentException("invalid repository name: " + repository);
        }
        Repository repo = reg.repositories.computeIfAbsent(repository, n -> {
            Repository r = new Repository();
            r.name = n;
            return r;
        });
        m.created = clock.now();
        Manifest existing = repo.manifests.putIfAbsent(m.digest, m);
        Manifest stored = existing != null ? existing : m;
        if (tag != null) {
            String previous = repo.tags.put(tag, stored.digest);
            if (previous != null && repo.manifests.containsKey(previous)) {
                repo.manifests.get(previous).tags.remove(tag);
            }
            if (!stored.tags.contains(tag)) {
                stored.tags.add(tag);
            }
        }
        return new PushedImage(reg.loginServer, repository, tag, stored.digest, stored.mediaType);
    }

    private String pushEvent(Registry reg, PushedImage pushed, int size) {
        String now = Json.time(clock.now());
        ObjectNode event = Json.object();
        event.put("id", UUID.randomUUID().toString());
        event.put("topic", reg.id());
        event.put("subject", pushed.repository() + (pushed.tag() != null ? ":" + pushed.tag() : "@" + pushed.digest()));
        event.put("eventType", "Microsoft.ContainerRegistry.ImagePushed");
        event.put("eventTime", now);
        ObjectNode data = event.putObject("data");
        data.put("id", UUID.randomUUID().toString());
        data.put("timestamp", now);
        data.put("action", "push");
        ObjectNode target = data.putObject("target");
        target.put("mediaType", pushed.mediaType());
        target.put("size", size);
        target.put("digest", pushed.digest());
        target.put("length", size);
        target.put("repository", pushed.repository());
        if (pushed.tag() != null) {
            target.put("tag", pushed.tag());
        }
        ObjectNode request = data.putObject("request");
        request.put("id", UUID.randomUUID().toString());
        request.put("host", reg.loginServer);
        request.put("method", "PUT");
        request.put("useragent", "docker/27.3.1 go/go1.22.7 git-commit/41ca978 kernel/6.8.0 os/linux arch/amd64");
        data.putObject("actor").put("name", settings.pusher);
        data.putObject("source");
        event.put("dataVersion", "1.0");
        event.put("metadataVersion", "1");
        return Json.MAPPER.valueToTree(event).toString();
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String randomDigest() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return "sha256:" + HexFormat.of().formatHex(b);
    }

    // ---------------------------------------------------------------- ARM routes

    private synchronized SimResponse getRegistry(SimRequest req) {
        Registry reg = armRegistry(req);
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

    private SimResponse scheduleRun(SimRequest req) {
        refresh();
        synchronized (this) {
            Registry reg = armRegistry(req);
            return SimResponse.json(200, runJson(reg, startRun(reg, req.json(), req)));
        }
    }

    /**
     * Creates the task run {@code name} and its run; a PUT of a name that exists answers the task run as
     * it is (Azure runs it again only when {@code forceUpdateTag} changes, which the promoter never sends).
     */
    private SimResponse putTaskRun(SimRequest req) {
        refresh();
        synchronized (this) {
            Registry reg = armRegistry(req);
            String name = req.param("taskRun");
            if (!name.matches("[-\\w._]{5,50}")) {
                throw ArmException.badRequest("InvalidTaskRunName", "The task run name '" + name
                        + "' must be 5 to 50 letters, digits, '-', '_' or '.'.");
            }
            RegistryModel.TaskRun existing = reg.taskRuns.get(name.toLowerCase(Locale.ROOT));
            if (existing != null) {
                return SimResponse.json(200, taskRunJson(reg, existing));
            }
            JsonNode runRequest = req.json().path("properties").path("runRequest");
            if (!runRequest.isObject()) {
                throw ArmException.badRequest("InvalidRequestContent", "The task run must have properties.runRequest.");
            }
            RegistryModel.TaskRun created = new RegistryModel.TaskRun(name, runRequest.deepCopy(), startRun(reg, runRequest, req));
            reg.taskRuns.put(name.toLowerCase(Locale.ROOT), created);
            return SimResponse.json(201, taskRunJson(reg, created));
        }
    }

    private SimResponse getTaskRun(SimRequest req) {
        refresh();
        synchronized (this) {
            Registry reg = armRegistry(req);
            RegistryModel.TaskRun taskRun = reg.taskRuns.get(req.param("taskRun").toLowerCase(Locale.ROOT));
            if (taskRun == null) {
                throw ArmException.notFound("Microsoft.ContainerRegistry/registries/taskRuns", req.param("taskRun"));
            }
            return SimResponse.json(200, taskRunJson(reg, taskRun));
        }
    }

    /** As the REST spec's TaskRuns_Create and TaskRuns_Get examples: the request echoed, the run under {@code runResult}. */
    private ObjectNode taskRunJson(Registry reg, RegistryModel.TaskRun taskRun) {
        ObjectNode body = Json.object();
        body.put("type", "Microsoft.ContainerRegistry/registries/TaskRuns");
        ObjectNode p = body.putObject("properties");
        p.put("provisioningState", "Succeeded");
        p.set("runRequest", taskRun.runRequest().deepCopy());
        ObjectNode run = runJson(reg, taskRun.run());
        p.set("runResult", run);
        body.put("id", reg.id() + "/taskRuns/" + taskRun.name());
        body.put("name", taskRun.name().toLowerCase(Locale.ROOT));
        return body;
    }

    private Run startRun(Registry reg, JsonNode body, SimRequest req) {
        String type = Json.text(body, "type");
        if (type == null) {
            throw ArmException.badRequest("InvalidRequestContent", "The run request must have a 'type'.");
        }
        Run run = new Run();
        run.runId = "cb" + Integer.toString(reg.runs.size() + 1, 36);
        run.created = clock.now();
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

    private SimResponse getRun(SimRequest req) {
        refresh();
        synchronized (this) {
            Registry reg = armRegistry(req);
            return SimResponse.json(200, runJson(reg, requireRun(reg, req.param("run"))));
        }
    }

    private SimResponse listRuns(SimRequest req) {
        refresh();
        synchronized (this) {
            Registry reg = armRegistry(req);
            ObjectNode body = Json.object();
            ArrayNode value = body.putArray("value");
            for (int i = reg.runs.size() - 1; i >= 0; i--) {
                value.add(runJson(reg, reg.runs.get(i)));
            }
            return SimResponse.json(200, body);
        }
    }

    private synchronized SimResponse logSasUrl(SimRequest req) {
        Registry reg = armRegistry(req);
        Run run = requireRun(reg, req.param("run"));
        ObjectNode body = Json.object();
        body.put("logLink", "https://" + req.host + "/sim-logs/" + reg.name + "/" + run.runId);
        return SimResponse.json(200, body);
    }

    private synchronized SimResponse runLog(SimRequest req) {
        Registry reg = requireRegistry(req.param("reg"));
        Run run = requireRun(reg, req.param("run"));
        return SimResponse.text(200, "Queued a build for run ID: " + run.runId + "\nRun status: " + run.status + "\n");
    }

    private ObjectNode runJson(Registry reg, Run run) {
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

    private Registry armRegistry(SimRequest req) {
        Registry reg = registries.get(req.param("reg").toLowerCase(Locale.ROOT));
        if (reg == null || !reg.subscriptionId.equalsIgnoreCase(req.param("sub")) || !reg.resourceGroup.equalsIgnoreCase(req.param("rg"))) {
            throw ArmException.notFound("Microsoft.ContainerRegistry/registries", req.param("reg"));
        }
        return reg;
    }

    private static Run requireRun(Registry reg, String runId) {
        for (Run r : reg.runs) {
            if (r.runId.equalsIgnoreCase(runId)) {
                return r;
            }
        }
        throw ArmException.notFound("Microsoft.ContainerRegistry/registries/" + reg.name + "/runs", runId);
    }

    private Registry requireRegistry(String name) {
        Registry reg = registries.get(name.toLowerCase(Locale.ROOT).replace(SimTls.REGISTRY_SUFFIX, ""));
        if (reg == null) {
            throw new IllegalArgumentException("no simulated registry named " + name);
        }
        return reg;
    }

    // ---------------------------------------------------------------- data plane: auth

    private synchronized Registry registryForHost(SimRequest req) {
        String host = req.hostName();
        for (Registry r : registries.values()) {
            if (r.loginServer.equals(host)) {
                return r;
            }
        }
        if (registries.size() == 1) {
            return registries.values().iterator().next();
        }
        throw new DataPlaneException(404, "NAME_UNKNOWN", "registry for host " + host + " is not known");
    }

    private SimResponse exchange(SimRequest req) {
        Map<String, String> form = req.form();
        if (!"access_token".equals(form.get("grant_type")) || form.getOrDefault("access_token", "").isBlank()) {
            return SimResponse.json(401, Json.object().put("error", "unauthorized_client")
                    .put("error_description", "grant_type must be access_token and an AAD access_token is required"));
        }
        Registry reg = registryForHost(req);
        String service = form.getOrDefault("service", reg.loginServer);
        String token = jwt(service, "refresh_token", null);
        refreshTokens.add(token);
        return SimResponse.json(200, Json.object().put("refresh_token", token));
    }

    private SimResponse token(SimRequest req) {
        Map<String, String> form = req.form();
        String refresh = form.get("refresh_token");
        if (!"refresh_token".equals(form.get("grant_type")) || refresh == null || !refreshTokens.contains(refresh)) {
            return SimResponse.json(401, Json.object().put("error", "unauthorized_client")
                    .put("error_description", "the refresh token is not one this registry issued"));
        }
        String scope = form.getOrDefault("scope", "");
        String token = jwt(form.getOrDefault("service", ""), "access_token", scope);
        accessTokens.put(token, scope);
        return SimResponse.json(200, Json.object().put("access_token", token));
    }

    /**
     * Tokens are JWTs because the SDK reads their {@code exp} claim to know when to refresh. The
     * expiry follows the wall clock (the SDK compares it with real time), not simulated time.
     */
    private static String jwt(String audience, String grantType, String scope) {
        long now = Instant.now().getEpochSecond();
        ObjectNode payload = Json.object();
        payload.put("jti", UUID.randomUUID().toString());
        payload.put("sub", "sim-principal");
        payload.put("nbf", now - 60);
        payload.put("iat", now);
        payload.put("exp", now + 3 * 3600);
        payload.put("iss", "Azure Container Registry");
        payload.put("aud", audience);
        payload.put("version", "1.0");
        payload.put("grant_type", grantType);
        if (scope != null) {
            payload.put("scope", scope);
        }
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(Json.bytes(payload)) + "." + b64.encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
    }

    interface DataPlaneHandler {
        SimResponse handle(Registry registry);
    }

    /** Serves the request if it carries an access token for {@code scope}; otherwise answers the 401 challenge. */
    private SimResponse authorized(SimRequest req, String scope, DataPlaneHandler handler) {
        Registry reg = registryForHost(req);
        String auth = req.header("Authorization");
        String granted = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? accessTokens.get(auth.substring(7).trim()) : null;
        if (granted == null || !covers(granted, scope)) {
            String realm = "https://" + req.host + "/oauth2/token";
            SimResponse challenge = DataPlaneException.body(401, "UNAUTHORIZED", "authentication required");
            challenge.header("WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"" + reg.loginServer + "\",scope=\"" + scope + "\"");
            return challenge;
        }
        synchronized (this) {
            return handler.handle(reg);
        }
    }

    private static boolean covers(String granted, String needed) {
        String[] n = needed.split(":");
        for (String g : granted.split(" ")) {
            String[] p = g.split(":");
            if (p.length == 3 && n.length == 3 && p[0].equals(n[0]) && p[1].equals(n[1])
                    && (p[2].contains("*") || List.of(p[2].split(",")).containsAll(List.of(n[2].split(","))))) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- data plane: content

    private SimResponse catalog(SimRequest req) {
        return authorized(req, "registry:catalog:*", reg -> {
            ObjectNode body = Json.object();
            ArrayNode repos = body.putArray("repositories");
            reg.repositories.keySet().forEach(repos::add);
            return SimResponse.json(200, body);
        });
    }

    private SimResponse getManifest(SimRequest req) {
        String repoName = req.param("repo");
        return authorized(req, "repository:" + repoName + ":pull", reg -> {
            Manifest m = resolve(reg, repoName, req.param("ref"));
            SimResponse r = new SimResponse(200, req.method.equals("HEAD") ? null : m.body, null);
            r.header("Content-Type", m.mediaType);
            r.header("Docker-Content-Digest", m.digest);
            if (req.method.equals("HEAD")) {
                r.header("Content-Length", Integer.toString(m.body.length));
            }
            return r;
        });
    }

    /**
     * The OCI referrers API as the registry is set to serve it: absent (404, clients fall back to
     * the {@code sha256-<hex>} tag), without artifactType in its descriptors (and so unfiltered),
     * and in pages linked with {@code Link: <...>; rel="next"}.
     */
    private SimResponse referrers(SimRequest req) {
        String repoName = req.param("repo");
        return authorized(req, "repository:" + repoName + ":pull", reg -> {
            String digest = req.param("digest");
            if (!digest.matches("sha256:[0-9a-f]{64}")) {
                throw new DataPlaneException(400, "DIGEST_INVALID", "invalid digest " + digest);
            }
            if (!reg.referrersApi) {
                throw new DataPlaneException(404, "NOT_FOUND", "the referrers API is not available on this registry");
            }
            String filter = reg.referrersListArtifactType ? req.query.get("artifactType") : null;
            List<Manifest> found = new ArrayList<>();
            Repository repo = reg.repositories.get(repoName);
            if (repo != null) {
                for (Manifest m : repo.manifests.values()) {
                    if (digest.equals(m.subjectDigest) && (filter == null || filter.equals(m.artifactType))) {
                        found.add(m);
                    }
                }
            }
            int size = reg.referrersPageSize > 0 ? reg.referrersPageSize : Math.max(1, found.size());
            int page = Integer.parseInt(Optional.ofNullable(req.query.get("_page")).orElse("0"));
            List<Manifest> slice = found.subList(Math.min(found.size(), page * size), Math.min(found.size(), (page + 1) * size));
            SimResponse r = SimResponse.json(200, referrersIndex(slice, reg.referrersListArtifactType));
            r.headers.put("Content-Type", OCI_INDEX);
            if (filter != null) {
                r.header("OCI-Filters-Applied", "artifactType");
            }
            if ((page + 1) * size < found.size()) {
                r.header("Link", "</v2/" + repoName + "/referrers/" + digest + "?" + (req.query.containsKey("artifactType")
                        ? "artifactType=" + java.net.URLEncoder.encode(req.query.get("artifactType"), StandardCharsets.UTF_8) + "&" : "")
                        + "_page=" + (page + 1) + ">; rel=\"next\"");
            }
            return r;
        });
    }

    private static ObjectNode referrersIndex(List<Manifest> referrers, boolean withArtifactType) {
        ObjectNode index = Json.object();
        index.put("schemaVersion", 2);
        index.put("mediaType", OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        for (Manifest m : referrers) {
            ObjectNode d = manifests.addObject();
            d.put("mediaType", m.mediaType);
            d.put("digest", m.digest);
            d.put("size", m.body.length);
            if (withArtifactType) {
                d.put("artifactType", m.artifactType);
            }
            ObjectNode a = d.putObject("annotations");
            m.annotations.forEach(a::put);
        }
        return index;
    }

    /** Where the referrers API is absent, clients keep an image index of the referrers under the tag {@code sha256-<hex>}. */
    private void updateReferrersTag(Registry reg, Repository repo, String subjectDigest) {
        List<Manifest> referrers = repo.manifests.values().stream().filter(m -> subjectDigest.equals(m.subjectDigest)).toList();
        Manifest index = new Manifest();
        index.mediaType = OCI_INDEX;
        index.body = Json.bytes(referrersIndex(referrers, true));
        index.digest = sha256(index.body);
        store(reg, repo.name, subjectDigest.replace(':', '-'), index);
    }

    private SimResponse tagProperties(SimRequest req) {
        String repoName = req.param("repo");
        return authorized(req, "repository:" + repoName + ":metadata_read", reg -> {
            Repository repo = requireRepo(reg, repoName);
            String tag = req.param("ref");
            String digest = repo.tags.get(tag);
            if (digest == null) {
                throw new DataPlaneException(404, "TAG_UNKNOWN", "the specified tag does not exist");
            }
            ObjectNode body = Json.object();
            body.put("registry", reg.loginServer);
            body.put("imageName", repoName);
            body.set("tag", tagJson(tag, repo.manifests.get(digest)));
            return SimResponse.json(200, body);
        });
    }

    private SimResponse listTags(SimRequest req) {
        String repoName = req.param("repo");
        return authorized(req, "repository:" + repoName + ":metadata_read", reg -> {
            Repository repo = requireRepo(reg, repoName);
            ObjectNode body = Json.object();
            body.put("registry", reg.loginServer);
            body.put("imageName", repoName);
            ArrayNode tags = body.putArray("tags");
            repo.tags.forEach((tag, digest) -> tags.add(tagJson(tag, repo.manifests.get(digest))));
            return SimResponse.json(200, body);
        });
    }

    private SimResponse manifestProperties(SimRequest req) {
        String repoName = req.param("repo");
        return authorized(req, "repository:" + repoName + ":metadata_read", reg -> {
            Repository repo = requireRepo(reg, repoName);
            Manifest m = repo.manifests.get(req.param("digest"));
            if (m == null) {
                throw new DataPlaneException(404, "MANIFEST_UNKNOWN", "manifest " + req.param("digest") + " is not found");
            }
            ObjectNode body = Json.object();
            body.put("registry", reg.loginServer);
            body.put("imageName", repoName);
            ObjectNode manifest = body.putObject("manifest");
            manifest.put("digest", m.digest);
            manifest.put("imageSize", m.body.length);
            manifest.put("createdTime", Json.time(m.created));
            manifest.put("lastUpdateTime", Json.time(m.created));
            if (m.children.isEmpty() && m.artifactType == null) {
                manifest.put("architecture", "amd64");
                manifest.put("os", "linux");
            }
            manifest.put("mediaType", m.mediaType);
            if (m.artifactType == null && m.children.isEmpty()) {
                manifest.put("configMediaType", m.mediaType.equals(OCI_MANIFEST) ? "application/vnd.oci.image.config.v1+json"
                        : "application/vnd.docker.container.image.v1+json");
            }
            if (!m.children.isEmpty()) {
                ArrayNode refs = manifest.putArray("references");
                List<String> archs = List.of("amd64", "arm64");
                for (int i = 0; i < m.children.size(); i++) {
                    refs.addObject().put("digest", m.children.get(i)).put("architecture", archs.get(i % 2)).put("os", "linux");
                }
            }
            ArrayNode tags = manifest.putArray("tags");
            m.tags.forEach(tags::add);
            manifest.set("changeableAttributes", changeable());
            return SimResponse.json(200, body);
        });
    }

    private static ObjectNode tagJson(String tag, Manifest m) {
        ObjectNode t = Json.object();
        t.put("name", tag);
        t.put("digest", m.digest);
        t.put("createdTime", Json.time(m.created));
        t.put("lastUpdateTime", Json.time(m.created));
        t.put("signed", false);
        t.set("changeableAttributes", changeable());
        return t;
    }

    private static ObjectNode changeable() {
        ObjectNode c = Json.object();
        c.put("deleteEnabled", true);
        c.put("writeEnabled", true);
        c.put("readEnabled", true);
        c.put("listEnabled", true);
        return c;
    }

    private static Repository requireRepo(Registry reg, String name) {
        Repository repo = reg.repositories.get(name);
        if (repo == null) {
            throw new DataPlaneException(404, "NAME_UNKNOWN", "repository name not known to registry");
        }
        return repo;
    }

    private static Manifest resolve(Registry reg, String repoName, String reference) {
        Repository repo = requireRepo(reg, repoName);
        String digest = reference.startsWith("sha256:") ? reference : repo.tags.get(reference);
        Manifest m = digest == null ? null : repo.manifests.get(digest);
        if (m == null) {
            throw new DataPlaneException(404, "MANIFEST_UNKNOWN", "manifest " + reference + " is not found");
        }
        return m;
    }

    // ---------------------------------------------------------------- data plane: pushes from OCI clients

    /**
     * The token endpoint as {@code docker login}, skopeo and ORAS use it: {@code GET /oauth2/token}
     * with Basic credentials and the scope they need. ACR takes a token's name and password (or
     * the 00000000-… user with a refresh token) here; the simulator takes any non-empty pair.
     */
    private SimResponse dockerToken(SimRequest req) {
        String auth = req.header("Authorization");
        String[] credentials = null;
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
                credentials = pair.contains(":") ? pair.split(":", 2) : null;
            } catch (IllegalArgumentException notBase64) {
                credentials = null;
            }
        }
        if (credentials == null || credentials[0].isBlank() || credentials[1].isBlank()) {
            SimResponse r = DataPlaneException.body(401, "UNAUTHORIZED",
                    "authentication required, visit https://aka.ms/acr/authorization for more information.");
            r.header("WWW-Authenticate", "Basic realm=\"Azure Container Registry\"");
            return r;
        }
        String scope = req.query.getOrDefault("scope", "");
        String token = jwt(req.query.getOrDefault("service", registryForHost(req).loginServer), "access_token", scope);
        accessTokens.put(token, scope);
        return SimResponse.json(200, Json.object().put("access_token", token));
    }

    private SimResponse getBlob(SimRequest req) {
        String repoName = req.param("repo");
        return authorized(req, "repository:" + repoName + ":pull", reg -> {
            byte[] blob = reg.blobs.get(req.param("digest"));
            if (blob == null || !reg.repositories.containsKey(repoName)) {
                throw new DataPlaneException(404, "BLOB_UNKNOWN", "blob unknown to registry");
            }
            SimResponse r = new SimResponse(200, req.method.equals("HEAD") ? null : blob, "application/octet-stream");
            r.header("Docker-Content-Digest", req.param("digest"));
            r.header("Content-Length", Integer.toString(blob.length));
            return r;
        });
    }

    /** Starts a blob upload; with {@code mount}/{@code from} mounts a blob the registry has, with {@code digest} takes it whole. */
    private SimResponse startUpload(SimRequest req) {
        String repoName = req.param("repo");
        return authorized(req, "repository:" + repoName + ":pull,push", reg -> {
            String mount = req.query.get("mount");
            if (mount != null && reg.blobs.containsKey(mount)) {
                return blobCreated(repoName, mount);
            }
            String digest = req.query.get("digest");
            if (digest != null) {
                return blobCreated(repoName, storeBlob(reg, digest, req.body));
            }
            String upload = UUID.randomUUID().toString();
            reg.uploads.put(upload, new java.io.ByteArrayOutputStream());
            return uploadAccepted(repoName, upload, 0);
        });
    }

    private SimResponse uploadChunk(SimRequest req) {
        String repoName = req.param("repo");
        return authorized(req, "repository:" + repoName + ":pull,push", reg -> {
            java.io.ByteArrayOutputStream data = requireUpload(reg, req.param("upload"));
            data.writeBytes(req.body);
            return uploadAccepted(repoName, req.param("upload"), data.size());
        });
    }

    private SimResponse endUpload(SimRequest req) {
        String repoName = req.param("repo");
        return authorized(req, "repository:" + repoName + ":pull,push", reg -> {
            java.io.ByteArrayOutputStream data = requireUpload(reg, req.param("upload"));
            String digest = req.query.get("digest");
            if (digest == null) {
                throw new DataPlaneException(400, "DIGEST_INVALID", "the digest query parameter is required to finish an upload");
            }
            data.writeBytes(req.body);
            String stored = storeBlob(reg, digest, data.toByteArray());
            reg.uploads.remove(req.param("upload"));
            return blobCreated(repoName, stored);
        });
    }

    private static java.io.ByteArrayOutputStream requireUpload(Registry reg, String upload) {
        java.io.ByteArrayOutputStream data = reg.uploads.get(upload);
        if (data == null) {
            throw new DataPlaneException(404, "BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry");
        }
        return data;
    }

    private static String storeBlob(Registry reg, String digest, byte[] content) {
        if (!digest.matches("sha256:[0-9a-f]{64}")) {
            throw new DataPlaneException(400, "DIGEST_INVALID", "unsupported digest " + digest);
        }
        if (!sha256(content).equals(digest)) {
            throw new DataPlaneException(400, "DIGEST_INVALID", "provided digest did not match uploaded content");
        }
        reg.blobs.put(digest, content);
        return digest;
    }

    private static SimResponse uploadAccepted(String repoName, String upload, int size) {
        SimResponse r = SimResponse.empty(202);
        r.header("Location", "/v2/" + repoName + "/blobs/uploads/" + upload);
        r.header("Docker-Upload-UUID", upload);
        r.header("Range", "0-" + Math.max(0, size - 1));
        r.header("Docker-Distribution-Api-Version", "registry/2.0");
        return r;
    }

    private static SimResponse blobCreated(String repoName, String digest) {
        SimResponse r = SimResponse.empty(201);
        r.header("Location", "/v2/" + repoName + "/blobs/" + digest);
        r.header("Docker-Content-Digest", digest);
        r.header("Docker-Distribution-Api-Version", "registry/2.0");
        return r;
    }

    /**
     * Takes a manifest pushed by an OCI client: every blob and child manifest it names must be in
     * the registry, a digest reference must match the bytes. Stores it (tagged when the reference is
     * a tag) and sends the ImagePushed event, as ACR does for every manifest push.
     */
    private SimResponse putManifest(SimRequest req) {
        String repoName = req.param("repo");
        String[] event = new String[1];
        SimResponse response = authorized(req, "repository:" + repoName + ":pull,push", reg -> {
            JsonNode body;
            try {
                body = Json.parse(req.body);
            } catch (RuntimeException e) {
                throw new DataPlaneException(400, "MANIFEST_INVALID", "manifest invalid: not JSON");
            }
            String contentType = Optional.ofNullable(req.header("Content-Type")).map(t -> t.split(";")[0].trim()).orElse("");
            String mediaType = List.of(OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_LIST).contains(contentType) ? contentType
                    : Json.text(body, "mediaType");
            if (mediaType == null || !List.of(OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_LIST).contains(mediaType)) {
                throw new DataPlaneException(400, "MANIFEST_INVALID", "manifest invalid: unsupported media type " + contentType);
            }
            Manifest m = new Manifest();
            m.mediaType = mediaType;
            m.body = req.body;
            m.digest = sha256(req.body);
            Repository repo = reg.repositories.get(repoName);
            boolean index = mediaType.equals(OCI_INDEX) || mediaType.equals(DOCKER_LIST);
            if (index) {
                for (JsonNode child : body.path("manifests")) {
                    String digest = child.path("digest").asText();
                    if (repo == null || !repo.manifests.containsKey(digest)) {
                        throw new DataPlaneException(400, "MANIFEST_BLOB_UNKNOWN", "manifest " + digest + " is not in " + repoName);
                    }
                    m.children.add(digest);
                }
            } else {
                List<JsonNode> blobs = new ArrayList<>();
                blobs.add(body.path("config"));
                body.path("layers").forEach(blobs::add);
                for (JsonNode blob : blobs) {
                    String digest = blob.path("digest").asText();
                    if (!reg.blobs.containsKey(digest)) {
                        throw new DataPlaneException(400, "MANIFEST_BLOB_UNKNOWN", "blob unknown to registry: " + digest);
                    }
                }
                String configType = body.path("config").path("mediaType").asText("");
                m.artifactType = Json.text(body, "artifactType") != null ? Json.text(body, "artifactType")
                        : configType.isEmpty() || configType.endsWith(".image.config.v1+json") || configType.endsWith("container.image.v1+json")
                        ? null : configType;
            }
            if (body.path("subject").hasNonNull("digest")) {
                m.subjectDigest = body.path("subject").path("digest").asText();
            }
            body.path("annotations").fields().forEachRemaining(a -> m.annotations.put(a.getKey(), a.getValue().asText()));
            String ref = req.param("ref");
            if (ref.startsWith("sha256:") && !ref.equals(m.digest)) {
                throw new DataPlaneException(400, "DIGEST_INVALID", "provided digest did not match uploaded content");
            }
            PushedImage pushed = store(reg, repoName, ref.startsWith("sha256:") ? null : ref, m);
            event[0] = pushEvent(reg, pushed, req.body.length);
            SimResponse r = SimResponse.empty(201);
            r.header("Location", "/v2/" + repoName + "/manifests/" + pushed.digest());
            r.header("Docker-Content-Digest", pushed.digest());
            r.header("Docker-Distribution-Api-Version", "registry/2.0");
            return r;
        });
        if (event[0] != null) {
            publish(event[0]);
        }
        return response;
    }

    private SimResponse tagList(SimRequest req) {
        String repoName = req.param("repo");
        return authorized(req, "repository:" + repoName + ":pull", reg -> {
            ObjectNode body = Json.object();
            body.put("name", repoName);
            ArrayNode tags = body.putArray("tags");
            requireRepo(reg, repoName).tags.keySet().forEach(tags::add);
            return SimResponse.json(200, body);
        });
    }

    /** An error in the registry's own format: {@code {"errors":[{"code","message","detail"}]}}. */
    static final class DataPlaneException extends RuntimeException {
        final int status;
        final String code;

        DataPlaneException(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }

        SimResponse response() {
            return body(status, code, getMessage());
        }

        static SimResponse body(int status, String code, String message) {
            ObjectNode body = Json.object();
            ObjectNode e = body.putArray("errors").addObject();
            e.put("code", code);
            e.put("message", message);
            e.putNull("detail");
            return SimResponse.json(status, body);
        }
    }
}
