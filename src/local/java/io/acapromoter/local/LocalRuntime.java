package io.acapromoter.local;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import io.acapromoter.approval.ApprovalEndpoint;
import io.acapromoter.approval.ApprovalLinks;
import io.acapromoter.approval.LogNotifier;
import io.acapromoter.approval.Principal;
import io.acapromoter.approval.SigningKeys;
import io.acapromoter.azure.AzureConnection;
import io.acapromoter.http.JdkSmokeTester;
import io.acapromoter.local.durable.DriverOrchestrations;
import io.acapromoter.local.durable.DurableDriver;
import io.acapromoter.local.sim.AzureSimulator;
import io.acapromoter.local.sim.SimClock;
import io.acapromoter.intake.FindingIntake;
import io.acapromoter.intake.Intake;
import io.acapromoter.activities.PipelinePorts;
import io.acapromoter.activities.PromotionActivities;
import io.acapromoter.activities.RebuildActivities;
import io.acapromoter.policy.PromotionFile;
import io.acapromoter.policy.PromotionFileLoader;
import io.acapromoter.ports.Orchestrations;
import reactor.core.publisher.Mono;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The embedded runtime: the Azure simulator, the in-memory Durable driver and the production
 * pipeline code wired to the real Azure SDK adapters, which talk to the simulator (only endpoint,
 * credential and TLS trust differ from Azure). Tests drive it with a manual clock; {@code
 * bin/promoter local} runs it on the wall clock behind {@link LocalHttp}.
 */
public final class LocalRuntime implements AutoCloseable {

    static final Logger LOG = Logger.getLogger("io.acapromoter.local");
    /** Who approves in a local run when no platform principal header is present. */
    public static final String DEVELOPER = "alice@example.com";

    private final AzureSimulator sim;
    private final boolean ownsSim;
    private final AtomicBoolean simHandedOver = new AtomicBoolean(false);
    private final String configYaml;
    private final String publicBaseUrl;
    private final StateDir state;
    private final int resumed;
    private final AtomicBoolean closed = new AtomicBoolean(false);
    /** Whether the simulator's push events reach intake (held back while the demo world is built). */
    private final AtomicBoolean deliver = new AtomicBoolean(false);
    private final DurableDriver driver;
    private final DriverOrchestrations orchestrations;
    private final Intake intake;
    private final FindingIntake findingIntake;
    private final LogNotifier notifier;
    private final MemoryAuditLog audit;
    private io.acapromoter.status.BoardEndpoint board;
    private final ApprovalLinks links;
    private final ApprovalEndpoint approvals;
    private final io.acapromoter.approval.OperatorEndpoint operators;
    private final DemoWorld world;
    private final PipelinePorts ports;

    /**
     * @param clock      the driver's clock: a {@code ManualClock} for tests (the simulator follows it),
     *                   or the system clock for a local run (both run on their own)
     * @param configYaml the promotion file, or null for the demo configuration
     * @param publicBaseUrl where approval links point (the local server)
     * @param out        where the local notification sink prints
     */
    public LocalRuntime(Clock clock, String configYaml, String publicBaseUrl, PrintStream out) {
        this(clock, configYaml, publicBaseUrl, out, java.util.function.UnaryOperator.identity());
    }

    /** As above; {@code channels} may wrap the local notification sink (tests make channels fail with it). */
    public LocalRuntime(Clock clock, String configYaml, String publicBaseUrl, PrintStream out,
                        java.util.function.UnaryOperator<io.acapromoter.ports.Notifier> channels) {
        this(clock, configYaml, publicBaseUrl, out, channels, null, null);
    }

    /**
     * A runtime whose Durable state, approval signing key and spent form tokens live in {@code stateDir}
     * (see {@link StateDir}), resuming what an earlier runtime left there, over a new simulator.
     */
    public static LocalRuntime withState(Clock clock, java.nio.file.Path stateDir, String publicBaseUrl, PrintStream out) {
        return new LocalRuntime(clock, null, publicBaseUrl, out, java.util.function.UnaryOperator.identity(),
                java.util.Objects.requireNonNull(stateDir, "stateDir"), null);
    }

    /**
     * Stops this runtime as a crash or Ctrl-C would stop the process (nothing is wound down: the
     * journal holds what was done) and starts a new one on the same state directory, over the same
     * simulator and world, as a restarted process finds Azure as it was.
     */
    public LocalRuntime restart(PrintStream out) {
        if (state == null) {
            throw new IllegalStateException("only a runtime with a state directory can be restarted");
        }
        simHandedOver.set(true);
        close();
        return new LocalRuntime(driver.clock(), configYaml, publicBaseUrl, out, java.util.function.UnaryOperator.identity(),
                state.dir(), this);
    }

    private LocalRuntime(Clock clock, String configYaml, String publicBaseUrl, PrintStream out,
                         java.util.function.UnaryOperator<io.acapromoter.ports.Notifier> channels, java.nio.file.Path stateDir,
                         LocalRuntime azureOf) {
        boolean manual = clock instanceof io.acapromoter.local.durable.ManualClock;
        this.ownsSim = azureOf == null || azureOf.ownsSim;
        this.configYaml = configYaml;
        this.publicBaseUrl = publicBaseUrl;
        // Start-up work that does not depend on each other runs on two threads (the simulator with its TLS
        // certificate and the demo world on one; the promotion file, the driver and the SDK clients on this one).
        java.util.concurrent.CompletableFuture<AzureSimulator> simulator = azureOf != null
                ? java.util.concurrent.CompletableFuture.completedFuture(azureOf.sim)
                : background("local-start-simulator", () -> AzureSimulator.builder()
                .clock(manual ? SimClock.following(clock) : SimClock.wall(clock))
                .revisionProvisioningDelay(Duration.ofSeconds(manual ? 20 : 3))
                .taskRunDurations(Duration.ofSeconds(manual ? 5 : 1), Duration.ofSeconds(manual ? 40 : 4))
                .jobExecutionDuration(Duration.ofSeconds(manual ? 30 : 3))
                .revisionOperations()
                .start());
        List<String> held = new ArrayList<>();
        PromotionFile file;
        try {
            file = PromotionFileLoader.parse(configYaml == null ? DemoWorld.demoConfig() : configYaml,
                    configYaml == null ? "demo-promotion.yaml" : "promotion file");
        } catch (RuntimeException e) {
            if (azureOf == null) {
                simulator.thenAccept(AzureSimulator::close);
            }
            throw e;
        }
        this.driver = new DurableDriver(clock);
        this.orchestrations = new DriverOrchestrations(driver);
        this.intake = new Intake(file);
        this.sim = joined(simulator);
        sim.onImagePushed(event -> {
            if (closed.get()) {
                return;
            }
            if (deliver.get()) {
                this.intake.handle(event, orchestrations, LOG);
            } else {
                synchronized (held) {
                    held.add(event);
                }
            }
        });
        java.util.concurrent.CompletableFuture<DemoWorld> demo = azureOf != null
                ? java.util.concurrent.CompletableFuture.completedFuture(azureOf.world)
                : background("local-start-world", () -> DemoWorld.create(sim, new DemoWorld.PushCapture() {
            @Override
            public void clear() {
                synchronized (held) {
                    held.clear();
                }
            }

            @Override
            public String last() {
                synchronized (held) {
                    return held.isEmpty() ? null : held.get(held.size() - 1);
                }
            }
        }));

        this.state = stateDir == null ? null : StateDir.open(stateDir);
        String key;
        if (state != null) {
            key = state.signingKey();
        } else {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            key = Base64.getEncoder().encodeToString(random);
        }
        this.links = new ApprovalLinks(SigningKeys.of(key), publicBaseUrl, clock);
        this.notifier = new LogNotifier(out, links, Duration.ofHours(72));
        this.audit = new MemoryAuditLog();
        // The SDK clients (and the smoke tester's HTTP client) are built on another thread once the world is
        // made, while the server starts; the ports wait for them on first use (LazyPort). On the wall clock
        // only: tests on a manual clock build them here, so every run of theirs is the same.
        java.util.function.Supplier<SimulatorClients> clients = () -> {
            AzureConnection connection = new AzureConnection(sim.armEndpoint(), simCredential(),
                    new JdkHttpClientBuilder(simHttp()).responseTimeout(Duration.ofSeconds(10)).build(),
                    new RetryOptions(new FixedDelayOptions(3, Duration.ofMillis(manual ? 10 : 200))), Duration.ofMillis(manual ? 5 : 500));
            return new SimulatorClients(connection.armContainerApps(), connection.acrRegistry(),
                    connection.findings(List.of(AzureSimulator.DEFAULT_SUBSCRIPTION)), connection.acrTasks(),
                    connection.metrics(sim.logsEndpoint()),
                    new JdkSmokeTester(simHttp().build(), Duration.ofMillis(manual ? 1 : 500), manual ? d -> { } : d -> Thread.sleep(d.toMillis())));
        };
        java.util.concurrent.CompletableFuture<SimulatorClients> azure = manual
                ? java.util.concurrent.CompletableFuture.completedFuture(clients.get())
                : background("local-start-azure-clients", () -> {
                    demo.exceptionally(e -> null).join(); // after the world: its thread is on the way to the server being up
                    return clients.get();
                });
        this.ports = new PipelinePorts(file,
                LazyPort.of(io.acapromoter.ports.ContainerApps.class, azure.thenApply(SimulatorClients::containerApps)),
                LazyPort.of(io.acapromoter.ports.Registry.class, azure.thenApply(SimulatorClients::registry)),
                LazyPort.of(io.acapromoter.ports.Findings.class, azure.thenApply(SimulatorClients::findings)),
                LazyPort.of(io.acapromoter.ports.ImageBuilder.class, azure.thenApply(SimulatorClients::imageBuilder)),
                LazyPort.of(io.acapromoter.ports.SmokeTester.class, azure.thenApply(SimulatorClients::smokeTester)),
                channels.apply(notifier), audit, clock,
                LazyPort.of(io.acapromoter.ports.Metrics.class, azure.thenApply(SimulatorClients::metrics)));
        this.findingIntake = new FindingIntake(ports);
        PipelineRegistration.register(driver, new PromotionActivities(ports), new RebuildActivities(ports));
        io.acapromoter.approval.UsedFormTokens usedForms = state != null ? state.usedFormTokens() : new io.acapromoter.approval.UsedFormTokens();
        this.approvals = new ApprovalEndpoint(links, orchestrations, audit, clock,
                Optional.of(new Principal(DEVELOPER, List.of())), usedForms);
        this.operators = new io.acapromoter.approval.OperatorEndpoint(file, orchestrations, audit, links, clock,
                Optional.of(new Principal(DEVELOPER, List.of())), usedForms);
        this.world = joined(demo);
        this.deliver.set(true);
        this.resumed = state != null ? driver.resumeFrom(state.journal()) : 0;
        if (!manual) {
            driver.start();
        }
    }

    /**
     * Stops ({@code false}) or resumes handing the simulator's push events to intake. Tests of the Azure adapters push
     * images to call the adapters with; a promotion started by such a push would write the same apps meanwhile.
     */
    public void deliverPushEvents(boolean on) {
        deliver.set(on);
    }

    /** The adapters over the Azure SDK clients, and the smoke tester, all talking to the simulator. */
    private record SimulatorClients(io.acapromoter.ports.ContainerApps containerApps, io.acapromoter.ports.Registry registry,
                                    io.acapromoter.ports.Findings findings, io.acapromoter.ports.ImageBuilder imageBuilder,
                                    io.acapromoter.ports.Metrics metrics, io.acapromoter.ports.SmokeTester smokeTester) {
    }

    /** {@code work} on a thread of its own, named {@code name}. */
    private static <T> java.util.concurrent.CompletableFuture<T> background(String name, java.util.function.Supplier<T> work) {
        java.util.concurrent.CompletableFuture<T> result = new java.util.concurrent.CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return result;
    }

    /** What {@code future} gives, its failure thrown as it was thrown. */
    private static <T> T joined(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /**
     * Any bearer token will do: the simulator checks presence, standing in for Entra ID. Made when the clients are
     * built (not when this class loads), so azure-core and reactor load on that thread, off the way to ready.
     */
    private static TokenCredential simCredential() {
        return request -> Mono.just(new AccessToken("local-simulator-token", OffsetDateTime.now().plusHours(1)));
    }

    private HttpClient.Builder simHttp() {
        return HttpClient.newBuilder().sslContext(sim.sslContext()).proxy(sim.ingressProxy())
                .connectTimeout(Duration.ofSeconds(5));
    }

    public AzureSimulator sim() {
        return sim;
    }

    public DurableDriver driver() {
        return driver;
    }

    public Orchestrations orchestrations() {
        return orchestrations;
    }

    public Intake intake() {
        return intake;
    }

    public FindingIntake findingIntake() {
        return findingIntake;
    }

    public LogNotifier notifier() {
        return notifier;
    }

    public MemoryAuditLog audit() {
        return audit;
    }

    public ApprovalLinks links() {
        return links;
    }

    public ApprovalEndpoint approvals() {
        return approvals;
    }

    /** The status routes with the audit trail and the approval links on the promotion page. */
    public io.acapromoter.status.StatusEndpoint status() {
        return new io.acapromoter.status.StatusEndpoint(orchestrations, audit, Optional.of(links), ports.clock());
    }

    /** The board routes: one per runtime, so production reads are cached across requests. */
    public synchronized io.acapromoter.status.BoardEndpoint board() {
        if (board == null) {
            board = LocalHttp.board(ports, orchestrations, ports.clock());
        }
        return board;
    }

    /** The operators' actions page and POSTs, signed in as {@link #DEVELOPER}. */
    public io.acapromoter.approval.OperatorEndpoint operators() {
        return operators;
    }

    public DemoWorld world() {
        return world;
    }

    public PipelinePorts ports() {
        return ports;
    }

    /** How many promotions and rebuilds were resumed from the state directory as still running. */
    public int resumed() {
        return resumed;
    }

    @Override
    public void close() {
        closed.set(true);
        driver.close();
        if (state != null) {
            state.close();
        }
        if (ownsSim && !simHandedOver.get()) {
            sim.close();
        }
    }
}
