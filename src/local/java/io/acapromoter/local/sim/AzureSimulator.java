package io.acapromoter.local.sim;

import io.acapromoter.settings.Settings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ProxySelector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;

/**
 * A local, stateful stand-in for the parts of Azure the promoter talks to, served over HTTPS so
 * the real Azure SDK clients work against it unchanged. See the package documentation for how a
 * client is pointed at it.
 *
 * <pre>{@code
 * try (AzureSimulator sim = AzureSimulator.builder().clock(SimClock.manual(Instant.parse("2026-01-01T00:00:00Z"))).start()) {
 *     sim.createContainerApp(ContainerAppSpec.of("rg", "web", "env", "myreg.azurecr.io/web@sha256:..."));
 *     ...
 * }
 * }</pre>
 */
public final class AzureSimulator implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AzureSimulator.class.getName());
    public static final String DEFAULT_SUBSCRIPTION = "00000000-0000-0000-0000-0000000000a1";
    public static final String DEFAULT_TENANT = "00000000-0000-0000-0000-0000000000b2";

    private final Settings settings;
    private final SimClock clock;
    private final ExecutorService executor;
    private final ScheduledExecutorService ticker;
    private final Faults faults = new Faults();
    private final RequestLog log = new RequestLog();
    private final RevisionApps revisionApps;
    private final ContainerAppsBackend containerApps;
    private final JobsBackend jobs;
    private final RegistryBackend registries;
    private final ResourceGraphBackend resourceGraph;
    private final MetricsBackend metrics;
    private java.time.Duration artifactScanAfter;
    private final SimServer server;
    private final IngressProxy proxy;

    /** Tunables, all in simulated time except where said. */
    static final class Settings {
        SimClock clock = SimClock.system();
        String location = "westeurope";
        Duration provisioningDelay = Duration.ofSeconds(5);
        Duration operationDuration = Duration.ZERO;
        Duration runQueueDuration = Duration.ofSeconds(2);
        Duration runDuration = Duration.ofSeconds(20);
        Duration jobExecutionDuration = Duration.ofSeconds(10);
        boolean revisionOperations;
        volatile String pusher = "ci-pipeline";
    }

    /** Builds a simulator; every setting has a default. */
    public static final class Builder {
        private final Settings s = new Settings();

        private Builder() {
        }

        /** The time source (default: the wall clock). Use {@link SimClock#manual} in tests. */
        public Builder clock(SimClock clock) {
            s.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder location(String location) {
            s.location = Objects.requireNonNull(location, "location");
            return this;
        }

        /** How long a new revision stays Provisioning (default 5 s). */
        public Builder revisionProvisioningDelay(Duration d) {
            s.provisioningDelay = nonNegative(d);
            return this;
        }

        /**
         * How long a long-running ARM operation stays InProgress (default 0: done at the first poll).
         * With a manual clock a blocking SDK call then waits until another thread advances time.
         */
        public Builder operationDuration(Duration d) {
            s.operationDuration = nonNegative(d);
            return this;
        }

        /**
         * Operations that make a revision end as Azure's do: when the revision is ready, when it fails
         * to provision, or failed with "Operation expired" after ten minutes of never getting ready
         * (default off: they take {@link #operationDuration}, which suits blocking SDK calls in tests).
         */
        public Builder revisionOperations() {
            s.revisionOperations = true;
            return this;
        }

        /** How long an ACR Task run is Queued, then Running (defaults 2 s and 20 s). */
        public Builder taskRunDurations(Duration queued, Duration running) {
            s.runQueueDuration = nonNegative(queued);
            s.runDuration = nonNegative(running);
            return this;
        }

        /** How long a job execution runs (default 10 s). */
        public Builder jobExecutionDuration(Duration d) {
            s.jobExecutionDuration = nonNegative(d);
            return this;
        }

        /** The {@code actor.name} in push events (default "ci-pipeline"). */
        public Builder pusher(String name) {
            s.pusher = Objects.requireNonNull(name, "name");
            return this;
        }

        public AzureSimulator start() {
            return new AzureSimulator(s);
        }

        private static Duration nonNegative(Duration d) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("duration must be zero or positive, got " + d);
            }
            return d;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private AzureSimulator(Settings settings) {
        this.settings = settings;
        this.clock = settings.clock;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory daemons = r -> {
            Thread t = new Thread(r, "azure-sim-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = Executors.newCachedThreadPool(daemons);
        SSLContext ssl = SimTls.sslContext();
        Operations operations = new Operations(clock);
        this.revisionApps = new RevisionApps(ssl, executor);
        this.containerApps = new ContainerAppsBackend(clock, faults, operations, revisionApps, settings);
        this.jobs = new JobsBackend(clock, faults, operations, containerApps, settings);
        this.registries = new RegistryBackend(clock, faults, settings);
        this.resourceGraph = new ResourceGraphBackend(this::registryIdForHost, clock);
        registries.onPush(this::defenderScans);
        this.metrics = new MetricsBackend(clock, containerApps::appStates, containerApps::behaviorFor);
        this.server = new SimServer(ssl, executor, SimServer.concat(List.of(containerApps.routes(), jobs.routes(), registries.armRoutes(),
                resourceGraph.routes(), metrics.routes(), registries.dataPlaneRoutes())), faults, log, this::refresh);
        revisionApps.routeBy(containerApps::portFor);
        this.proxy = new IngressProxy(executor, host -> revisionApps.port(), server.port());
        if (clock.isManual()) {
            this.ticker = null;
        } else {
            // On the wall clock nobody advances time, so due changes (and task-run pushes) are applied here.
            this.ticker = Executors.newSingleThreadScheduledExecutor(daemons);
            ticker.scheduleWithFixedDelay(this::tick, 250, 250, TimeUnit.MILLISECONDS);
        }
    }

    private void refresh() {
        // Users' requests up to now land at the traffic weights in force before this request changes anything.
        metrics.accumulate();
        containerApps.refresh();
        jobs.refresh();
        registries.refresh();
    }

    private void tick() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // keep ticking: one bad state change must not freeze simulated time for a local run
            LOG.log(Level.WARNING, "simulator refresh failed", e);
        }
    }

    // ---------------------------------------------------------------- how clients reach it

    /** The ARM endpoint to use as an {@code AzureEnvironment}'s resourceManagerEndpointUrl, with a trailing slash. */
    public String armEndpoint() {
        return "https://localhost:" + server.port() + "/";
    }

    /** The port ARM and (for direct access as {@code https://localhost:<port>}) the registry data plane listen on. */
    public int port() {
        return server.port();
    }

    /** The TLS context that trusts the simulator's certificate; give it to every client. */
    public SSLContext sslContext() {
        return SimTls.sslContext();
    }

    /**
     * The proxy through which the simulated host names resolve: app, label and revision URLs and
     * {@code <registry>.azurecr.io}. Other hosts get {@code Proxy.NO_PROXY}.
     */
    public ProxySelector ingressProxy() {
        return proxy.selector();
    }

    /** The simulator's certificate in PEM (public part only), e.g. for {@code curl --cacert}. */
    public String certificatePem() {
        return SimTls.certificatePem();
    }

    /**
     * The ingress proxy's port on 127.0.0.1, for tools outside the JVM:
     * {@code curl --proxy http://127.0.0.1:<port> --cacert sim.pem https://<app>.<defaultDomain>/}.
     */
    public int proxyPort() {
        return proxy.port();
    }

    @Override
    public String toString() {
        return "AzureSimulator[arm=" + armEndpoint() + ", proxy=127.0.0.1:" + proxy.port() + ", apps=*." + defaultDomain()
                + ", registries=*" + SimTls.REGISTRY_SUFFIX + ", clock=" + (clock.isManual() ? "manual" : "wall") + "]";
    }

    /** The default domain every simulated environment has (covered by the certificate). */
    public String defaultDomain() {
        return SimTls.APPS_DOMAIN;
    }

    public SimClock clock() {
        return clock;
    }

    /** Moves the manual clock and applies what became due (provisioning, crashes, task runs and their pushes). */
    public void advance(Duration by) {
        clock.advance(by);
        refresh();
    }

    // ---------------------------------------------------------------- faults and accounting

    public Faults faults() {
        return faults;
    }

    public List<RecordedRequest> requests() {
        return log.all();
    }

    /** Requests answered so far, by Azure operation name (e.g. {@code ContainerApps_Update}). */
    public Map<String, Long> requestCounts() {
        return log.countsByOperation();
    }

    public void clearRequests() {
        log.clear();
    }

    // ---------------------------------------------------------------- Microsoft.App

    /** Makes a managed environment in the default subscription; returns its default domain. */
    public String createEnvironment(String resourceGroup, String name) {
        return containerApps.createEnvironment(DEFAULT_SUBSCRIPTION, resourceGroup, name, settings.location).defaultDomain;
    }

    /** Makes a container app whose first revision is already provisioned and serving. */
    public void createContainerApp(ContainerAppSpec spec) {
        containerApps.createApp(spec);
    }

    /**
     * Replaces the template of a container app in the default subscription as someone else would
     * (portal, CLI, infrastructure as code): a new revision when it changed, traffic left as it is.
     */
    public void replaceContainerAppTemplate(String resourceGroup, String name, String templateJson) {
        JsonNode template = Json.parse(templateJson.getBytes(StandardCharsets.UTF_8));
        if (!(template instanceof ObjectNode object)) {
            throw new IllegalArgumentException("template must be a JSON object, got " + templateJson);
        }
        containerApps.replaceTemplate(DEFAULT_SUBSCRIPTION, resourceGroup, name, object);
    }

    /** The app's template as ARM answers it (JSON). */
    public String containerAppTemplate(String resourceGroup, String name) {
        return containerApps.template(DEFAULT_SUBSCRIPTION, resourceGroup, name);
    }

    public ContainerAppState containerApp(String resourceGroup, String name) {
        return containerApps.appState(DEFAULT_SUBSCRIPTION, resourceGroup, name);
    }

    public ContainerAppState containerApp(String subscriptionId, String resourceGroup, String name) {
        return containerApps.appState(subscriptionId, resourceGroup, name);
    }

    /** Makes a manual-trigger job in the default subscription. */
    public void createJob(String resourceGroup, String name, String environmentName, String containerName, String image) {
        jobs.createJob(DEFAULT_SUBSCRIPTION, resourceGroup, name, environmentName, containerName, image);
    }

    /**
     * Makes an app pull {@code server} with a stored password (a {@code passwordSecretRef} to a
     * secret), as {@code az containerapp registry set --username --password} does.
     */
    public void useRegistryPassword(String resourceGroup, String appName, String server, String username) {
        containerApps.setRegistryCredential(DEFAULT_SUBSCRIPTION, resourceGroup, appName, server, null, username);
    }

    /** Makes an app pull {@code server} with a managed identity: {@code system} or a user-assigned identity's id. */
    public void useRegistryIdentity(String resourceGroup, String appName, String server, String identity) {
        containerApps.setRegistryCredential(DEFAULT_SUBSCRIPTION, resourceGroup, appName, server, identity, null);
    }

    /** As {@link #useRegistryPassword} for a job. */
    public void useJobRegistryPassword(String resourceGroup, String jobName, String server, String username) {
        jobs.setRegistryCredential(DEFAULT_SUBSCRIPTION, resourceGroup, jobName, server, null, username);
    }

    public String jobImage(String resourceGroup, String name) {
        return jobs.jobImage(DEFAULT_SUBSCRIPTION, resourceGroup, name);
    }

    /**
     * What a job execution ran: its containers (all their fields, as they ran) and the volumes it had, as JSON.
     * Azure reports less ({@code JobsExecutions_List} shows the execution-container fields only).
     */
    public JsonNode jobExecutionRan(String resourceGroup, String jobName, String execution) {
        return jobs.executionRan(DEFAULT_SUBSCRIPTION, resourceGroup, jobName, execution);
    }

    /** Mounts an empty-dir volume at {@code mountPath} in the job's {@code container} (set-up). */
    public void mountJobVolume(String resourceGroup, String jobName, String container, String volume, String mountPath) {
        jobs.mountVolume(DEFAULT_SUBSCRIPTION, resourceGroup, jobName, container, volume, mountPath);
    }

    /** Executions, newest last, as {@code name:status}. */
    public List<String> jobExecutions(String resourceGroup, String name) {
        return jobs.jobExecutionStatuses(DEFAULT_SUBSCRIPTION, resourceGroup, name);
    }

    /** How revisions and job executions whose image contains {@code imageOrDigest} behave from now on. */
    public void setImageBehavior(String imageOrDigest, ImageBehavior behavior) {
        containerApps.setBehavior(Objects.requireNonNull(imageOrDigest, "imageOrDigest"), Objects.requireNonNull(behavior, "behavior"));
    }

    /**
     * Lets revisions running an image answer {@code path} with {@code status} and a JSON body, in
     * addition to the default {@code /} and {@code /health}. A broken or unhealthy revision still
     * answers with its error.
     */
    public void setAppResponse(String imageOrDigest, String path, int status, String jsonBody) {
        containerApps.setAppResponse(Objects.requireNonNull(imageOrDigest, "imageOrDigest"), Objects.requireNonNull(path, "path"),
                status, Objects.requireNonNull(jsonBody, "jsonBody"));
    }

    // ---------------------------------------------------------------- Azure Monitor

    /** Where the Logs query API is served (as {@code https://api.loganalytics.io/} in Azure): this server. */
    public String logsEndpoint() {
        return armEndpoint();
    }

    /**
     * How many requests per minute the simulated users send to an app (default 120), split over its revisions by
     * the traffic weights in force.
     */
    public void setRequestsPerMinute(String resourceGroup, String appName, double perMinute) {
        metrics.setRequestsPerMinute("/subscriptions/" + DEFAULT_SUBSCRIPTION + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.App/containerApps/" + appName, perMinute);
    }

    /**
     * From {@code from} (simulated time) on, requests to the revision named {@code revisionOrImage}, or to any revision
     * whose image contains it (a digest), are answered 500 at {@code errorRate} (0-1) and take {@code latency}.
     */
    public void injectTraffic(String revisionOrImage, double errorRate, Duration latency, java.time.Instant from) {
        metrics.inject(Objects.requireNonNull(revisionOrImage, "revisionOrImage"), new TrafficBehavior(errorRate, latency, from));
    }

    /** As {@link #injectTraffic(String, double, Duration, java.time.Instant)}, from now on. */
    public void injectTraffic(String revisionOrImage, double errorRate, Duration latency) {
        injectTraffic(revisionOrImage, errorRate, latency, clock.now());
    }

    /** Makes an Application Insights resource whose {@code requests} table holds every simulated app's requests; returns its id. */
    public String createApplicationInsights(String resourceGroup, String name) {
        String id = "/subscriptions/" + DEFAULT_SUBSCRIPTION + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.Insights/components/" + name;
        metrics.addComponent(id);
        return id;
    }

    // ---------------------------------------------------------------- Container Registry

    /** Makes a registry in the default subscription; returns its login server {@code <name>.azurecr.io}. */
    public String createRegistry(String resourceGroup, String name) {
        return registries.createRegistry(DEFAULT_SUBSCRIPTION, resourceGroup, name, settings.location);
    }

    /** The registry endpoint as Azure has it; reachable through {@link #ingressProxy()}. */
    public String registryEndpoint(String registry) {
        return "https://" + registry.toLowerCase().replace(SimTls.REGISTRY_SUFFIX, "") + SimTls.REGISTRY_SUFFIX;
    }

    /** Pushes a new image manifest (fresh random content, so a new digest) and sends the ImagePushed event. */
    public PushedImage pushImage(String registry, String repository, String tag) {
        return registries.pushImage(registry, repository, tag, null);
    }

    /** Pushes a manifest under a given digest (its content then does not hash to it). */
    public PushedImage pushImage(String registry, String repository, String tag, String digest) {
        return registries.pushImage(registry, repository, tag, digest);
    }

    /** Pushes a two-platform OCI image index (children by digest first, then the index under the tag). */
    public PushedImage pushImageIndex(String registry, String repository, String tag) {
        return registries.pushImageIndex(registry, repository, tag);
    }

    /** Attaches a Notation signature to a manifest (found through the referrers API). */
    public PushedImage pushSignature(String registry, String repository, String subjectDigest) {
        return registries.pushSignature(registry, repository, subjectDigest);
    }

    /**
     * How the registry serves the OCI referrers API: {@code api} false answers 404 (as on registries
     * encrypted with a customer-managed key; signatures pushed then also keep the {@code sha256-<hex>}
     * tag index), {@code listsArtifactType} false leaves artifactType out of the descriptors and
     * applies no filter, {@code pageSize} above 0 pages the answer with {@code Link} headers.
     */
    public void setReferrersBehavior(String registry, boolean api, boolean listsArtifactType, int pageSize) {
        registries.setReferrersBehavior(registry, api, listsArtifactType, pageSize);
    }

    /** Attaches a Notation signature whose envelope is {@code envelope} (e.g. made by a {@link NotationSigner}). */
    public PushedImage pushSignature(String registry, String repository, String subjectDigest, byte[] envelope) {
        return registries.pushSignature(registry, repository, subjectDigest, envelope, NotationSigner.ENVELOPE_MEDIA_TYPE);
    }

    public Optional<String> digestForTag(String registry, String repository, String tag) {
        return registries.digestForTag(registry, repository, tag);
    }

    /** The {@code actor.name} of pushes from now on (who pushed matters to approvals). */
    public void setPusher(String name) {
        settings.pusher = Objects.requireNonNull(name, "name");
    }

    /**
     * The same event in the CloudEvents 1.0 schema, as Event Grid delivers it to a subscription
     * configured for CloudEvents: source is the registry's resource id, data is unchanged.
     */
    public static String asCloudEvent(String eventGridEvent) {
        JsonNode e = Json.parse(eventGridEvent.getBytes(StandardCharsets.UTF_8));
        ObjectNode c = Json.object();
        c.put("specversion", "1.0");
        c.put("id", e.path("id").asText());
        c.put("source", e.path("topic").asText());
        c.put("subject", e.path("subject").asText());
        c.put("type", e.path("eventType").asText());
        c.put("time", e.path("eventTime").asText());
        c.put("datacontenttype", "application/json");
        c.set("data", e.path("data").deepCopy());
        return c.toString();
    }

    /** Receives each push as one Event Grid schema event (JSON object) of type Microsoft.ContainerRegistry.ImagePushed. */
    public void onImagePushed(Consumer<String> listener) {
        registries.onPush(Objects.requireNonNull(listener, "listener"));
    }

    /** Declares an ACR Task; a successful run pushes a new digest to {@code repository:tag}. */
    public void registerTask(String registry, String task, String repository, String tag) {
        registries.registerTask(registry, task, repository, tag, "Docker");
    }

    /**
     * Declares an ACR Task whose step is {@code stepType}: {@code Docker} (a build step: run overrides
     * arrive as arguments), {@code FileTask} or {@code EncodedTask} (multi-step: they arrive as values).
     */
    public void registerTask(String registry, String task, String repository, String tag, String stepType) {
        registries.registerTask(registry, task, repository, tag, stepType);
    }

    /** The overrides a run's task step took (arguments of a Docker step, values of a multi-step task). */
    public Map<String, String> taskRunOverrides(String registry, String runId) {
        return registries.runOverrides(registry, runId);
    }

    /** Lets the next {@code times} runs of the task end as Failed. */
    /**
     * A multi-step rebuild task (build, push, sign with Notation and the Key Vault plugin): each
     * successful run pushes {@code repository:tag}, then attaches a signature made by {@code signer}.
     */
    public void registerSigningTask(String registry, String task, String repository, String tag, NotationSigner signer) {
        registries.registerSigningTask(registry, task, repository, tag, signer);
    }

    public void failNextTaskRuns(String registry, String task, int times) {
        registries.failNextRuns(registry, task, times);
    }

    /** Task runs as {@code runId:status}, oldest first. */
    public List<String> taskRuns(String registry) {
        return registries.runStatuses(registry);
    }

    // ---------------------------------------------------------------- Defender findings

    /** Adds a vulnerability sub-assessment row to the simulated Resource Graph. */
    public void addFinding(VulnerabilityFinding finding) {
        resourceGraph.add(finding);
    }

    /** Adds the same finding as an individual recommendation (one {@code Microsoft.Security/assessments} per finding). */
    public void addIndividualRecommendation(VulnerabilityFinding finding) {
        resourceGraph.addIndividual(finding);
    }

    /**
     * How Defender scans pushes: by default every pushed manifest gets a healthy scan record at once; {@code after}
     * delays it ("scan arrives later"), {@code scan} false leaves pushes unscanned. Applies to later pushes.
     */
    public void scanPushes(boolean scan, java.time.Duration after) {
        scanPushes(scan, after, ScanRecord.RESOURCE_GRAPH);
    }

    /** Where Defender records a scan that found nothing. */
    public enum ScanRecord {
        /** A healthy record in Resource Graph (the grouped model's healthy sub-assessment). */
        RESOURCE_GRAPH,
        /**
         * Nothing in Resource Graph (a model that keeps records of findings only); the vulnerability findings
         * artifact Defender attaches to the image in the registry is the only trace of the scan.
         */
        FINDINGS_ARTIFACT
    }

    /** As {@link #scanPushes(boolean, java.time.Duration)}, with the scan recorded as {@code record} says. */
    public synchronized void scanPushes(boolean scan, java.time.Duration after, ScanRecord record) {
        Objects.requireNonNull(after, "after");
        resourceGraph.scanPushes(scan && record == ScanRecord.RESOURCE_GRAPH, after);
        this.artifactScanAfter = scan && record == ScanRecord.FINDINGS_ARTIFACT ? after : null;
    }

    /**
     * Attaches Defender's vulnerability findings artifact to a manifest now, listing {@code cves} (none: a clean
     * scan); it does not add them to Resource Graph.
     */
    public PushedImage attachFindingsArtifact(String registry, String repository, String subjectDigest, List<String> cves) {
        return registries.pushFindingsArtifact(registry, repository, subjectDigest, cves);
    }

    private void defenderScans(String event) {
        resourceGraph.pushed(event);
        java.time.Duration after;
        synchronized (this) {
            after = artifactScanAfter;
        }
        if (after == null) {
            return;
        }
        JsonNode data = Json.parse(event.getBytes(StandardCharsets.UTF_8)).path("data");
        JsonNode target = data.path("target");
        String mediaType = target.path("mediaType").asText();
        String registry = data.path("request").path("host").asText().toLowerCase().replace(SimTls.REGISTRY_SUFFIX, "");
        String repository = target.path("repository").asText();
        String digest = target.path("digest").asText();
        // Defender scans images, not manifest lists (their platform manifests are pushed on their own) nor artifacts.
        if (mediaType.contains("index") || mediaType.contains("manifest.list")
                || registries.isReferrer(registry, repository, digest)) {
            return;
        }
        registries.scheduleFindingsArtifact(registry, repository, digest, clock.now().plus(after), List.of());
    }

    public void clearFindings() {
        resourceGraph.clear();
    }

    private String registryIdForHost(String host) {
        String name = host.toLowerCase().replace(SimTls.REGISTRY_SUFFIX, "");
        return "/subscriptions/" + DEFAULT_SUBSCRIPTION + "/resourceGroups/" + registries.resourceGroupOf(name).orElse("rg")
                + "/providers/Microsoft.ContainerRegistry/registries/" + name;
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            try {
                ticker.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        proxy.close();
        server.close();
        containerApps.close();
        revisionApps.close();
        executor.shutdownNow();
    }
}
