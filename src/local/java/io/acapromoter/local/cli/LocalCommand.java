package io.acapromoter.local.cli;

import io.acapromoter.approval.ApprovalEndpoint;
import io.acapromoter.approval.ApprovalLinks;
import io.acapromoter.approval.LogNotifier;
import io.acapromoter.approval.Notifiers;
import io.acapromoter.approval.Principal;
import io.acapromoter.approval.SigningKeys;
import io.acapromoter.azure.AcsEmailSender;
import io.acapromoter.azure.AzureConnection;
import io.acapromoter.azure.TableAuditLog;
import io.acapromoter.http.JdkSmokeTester;
import io.acapromoter.local.LocalHttp;
import io.acapromoter.local.LocalRuntime;
import io.acapromoter.local.LocalClock;
import io.acapromoter.local.TrafficInjection;
import io.acapromoter.local.durable.ShiftedClock;
import io.acapromoter.local.MemoryAuditLog;
import io.acapromoter.local.PipelineRegistration;
import io.acapromoter.local.durable.DriverOrchestrations;
import io.acapromoter.local.durable.DurableDriver;
import io.acapromoter.local.server.LocalServer;
import io.acapromoter.intake.FindingIntake;
import io.acapromoter.intake.Intake;
import io.acapromoter.activities.PipelinePorts;
import io.acapromoter.activities.PromotionActivities;
import io.acapromoter.activities.RebuildActivities;
import io.acapromoter.settings.Settings;
import io.acapromoter.policy.PromotionFile;
import io.acapromoter.policy.PromotionFileException;
import io.acapromoter.policy.PromotionFileLoader;
import io.acapromoter.ports.AuditLog;
import io.acapromoter.ports.Notifier;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/promoter local [--config FILE] [--port N] [--azure [--approver NAME] [--state DIR]]}: the
 * Function App's routes on a local port, over the in-memory Durable driver. By default against the
 * Azure simulator with the demo world; with {@code --azure} against real Azure with
 * {@code DefaultAzureCredential}, journaling the driver in {@code DIR} with {@code --state}.
 */
final class LocalCommand {

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    LocalCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    int run(List<String> args) {
        String config = null;
        int port = 7071;
        boolean azure = false;
        String approver = LocalRuntime.DEVELOPER;
        Path state = null;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--config" -> config = value(args, ++i, "--config needs a FILE");
                case "--port" -> {
                    try {
                        port = Integer.parseInt(value(args, ++i, "--port needs a number"));
                    } catch (NumberFormatException e) {
                        throw new PromoterCli.UsageException("--port needs a number, found '" + args.get(i) + "'");
                    }
                    if (port < 0 || port > 65535) {
                        throw new PromoterCli.UsageException("--port must be 0-65535, found " + port);
                    }
                }
                case "--azure" -> azure = true;
                case "--approver" -> approver = value(args, ++i, "--approver needs a name (the locally signed-in approver)");
                case "--state" -> state = Path.of(value(args, ++i, "--state needs a DIR (where promotions in flight are journaled)"));
                default -> throw new PromoterCli.UsageException("unknown option '" + args.get(i)
                        + "'; usage: bin/promoter local [--config FILE] [--port N] [--azure [--approver NAME] [--state DIR]]");
            }
        }
        if (!azure && !approver.equals(LocalRuntime.DEVELOPER)) {
            throw new PromoterCli.UsageException("--approver only applies with --azure (on the simulator the approver is "
                    + LocalRuntime.DEVELOPER + ")");
        }
        if (!azure && state != null) {
            throw new PromoterCli.UsageException("--state only applies with --azure: the simulator's world (images, revisions,"
                    + " runs) lives in the process and is new on every start, so a promotion resumed from DIR would meet images"
                    + " and revisions that no longer exist");
        }
        try {
            return azure ? runAzure(config, port, approver, state) : runSimulated(config, port);
        } catch (java.nio.file.NoSuchFileException e) {
            err.println("promotion file " + e.getFile() + " does not exist");
            return PromoterCli.BAD_INPUT;
        } catch (PromotionFileException e) {
            err.println(e.getMessage());
            return PromoterCli.BAD_INPUT;
        } catch (BindException e) {
            err.println("port " + port + " is in use; choose another with --port N");
            return PromoterCli.BAD_INPUT;
        } catch (io.acapromoter.local.durable.DriverJournal.JournalException e) {
            err.println(e.getMessage());
            return PromoterCli.BAD_INPUT;
        } catch (IOException e) {
            err.println("cannot start the local server: " + e.getMessage());
            return PromoterCli.FAILURE;
        }
    }

    private static String value(List<String> args, int i, String problem) {
        if (i >= args.size()) {
            throw new PromoterCli.UsageException(problem);
        }
        return args.get(i);
    }

    private int runSimulated(String config, int port) throws IOException {
        String yaml = config == null ? null : Files.readString(Path.of(config));
        String base = "http://localhost:" + port;
        long started = System.nanoTime();
        // The wall clock, which `bin/promoter clock --advance` moves ahead (to watch a rollout window open).
        try (LocalRuntime rt = new LocalRuntime(new ShiftedClock(Clock.systemUTC()), yaml, base, out);
             LocalServer server = LocalHttp.server(port, rt.intake(), rt.findingIntake(), rt.orchestrations(), rt.approvals(),
                     rt.operators(), rt.board(), rt.status(), Map.of(TrafficInjection.ROUTE, TrafficInjection.route(rt),
                             LocalClock.ROUTE, LocalClock.route(rt)))) {
            Path dir = Path.of(System.getProperty("promoter.home", ".")).resolve("target/local/events");
            Files.createDirectories(dir);
            for (Map.Entry<String, String> e : rt.world().sampleEvents().entrySet()) {
                Files.writeString(dir.resolve("push-" + e.getKey() + ".json"), e.getValue());
            }
            Files.writeString(dir.resolve("finding-shop-web.json"), rt.world().sampleFinding());
            Files.writeString(dir.getParent().resolve("simulator.pem"), rt.sim().certificatePem());
            // Last: once /api/health answers, the sample files the banner's curl commands post are there.
            server.start();
            String hook = base + "/runtime/webhooks/EventGrid?functionName=";
            out.printf("""

                    ACA Promoter, local runtime (started in %d ms)
                      Function App routes   %s   (same paths as in Azure)
                      Azure simulator       %s
                      registry (OCI push)   localhost:%d  (demoacr.azurecr.io; skopeo copy ... docker://localhost:%d/shop/web:v1.2.0,
                                            any --dest-creds, --dest-cert-dir with %s as a .crt)
                      approver (signed in)  %s
                      sample events         %s

                    Next:
                      1. Post a push of shop-web v1.1.0 (Event Grid schema):
                           curl -s -X POST '%sOnImagePushed' -H 'aeg-event-type: Notification' \\
                                -H 'Content-Type: application/json' --data @%s
                      2. Watch it on the board: %s/api/board?format=html  (all promotions: %s/api/promotions?format=html)
                      3. When it waits for approval, open the approve link printed below, click Approve.
                      4. It goes to production, is watched for 30 s, and ends SUCCEEDED.
                    Also: push-shop-api.json (canary), push-shop-worker.json (worker), push-nightly-report.json (job),
                          push-shop-checkout.json (canary judged on its traffic: 5xx share, p95, restarts; while it
                          rolls out, break it with  bin/promoter inject --target shop-checkout --error-rate 0.3%s),
                          and a Defender finding: curl ... '%sOnVulnerabilityFinding' --data @%s
                    Operators: each card on %s/api/board?format=html links its "operator actions" (freeze, roll back, cancel, re-run
                          smoke tests). The clock is the wall clock; bin/promoter clock --advance 2h%s moves it ahead
                          (a rollout window opens, a monitor window passes) and fires the durable timers it passes.
                    State lives in this process only: a restart or a crash forgets every promotion in flight
                    (with --azure, --state DIR journals them and a restart resumes them).
                    Ctrl-C stops it.

                    """, (System.nanoTime() - started) / 1_000_000, base, rt.sim(), rt.sim().port(), rt.sim().port(), dir.getParent().resolve("simulator.pem"), LocalRuntime.DEVELOPER, dir,
                    hook, dir.resolve("push-shop-web.json"), base, base, port == 7071 ? "" : " --port " + port, hook,
                    dir.resolve("finding-shop-web.json"), base, port == 7071 ? "" : " --port " + port);
            awaitShutdown();
        }
        return PromoterCli.OK;
    }

    private int runAzure(String config, int port, String approver, Path stateDir) throws IOException {
        Settings settings = new Settings(env);
        PromotionFile file = PromotionFileLoader.load(Path.of(config != null ? config
                : settings.getOrDefault(Settings.CONFIG, "promotion.yaml")));
        String base = "http://localhost:" + port;
        AzureConnection azure = AzureConnection.fromSettings(settings);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        io.acapromoter.local.StateDir state = stateDir == null ? null : io.acapromoter.local.StateDir.open(stateDir);
        String ownKey = state != null ? state.signingKey() : Base64.getEncoder().encodeToString(key);
        ApprovalLinks links = new ApprovalLinks(settings.get(Settings.APPROVAL_KEY).map(SigningKeys::of)
                .orElseGet(() -> SigningKeys.of(ownKey)), base, Clock.systemUTC());
        boolean channels = settings.get(Settings.TEAMS_WEBHOOK_URL).isPresent() || settings.get(Settings.EMAIL_ENDPOINT).isPresent();
        Notifier notifier = channels ? Notifiers.fromSettings(settings, links, HttpClient.newHttpClient(),
                endpoint -> AcsEmailSender.create(endpoint, azure.credential())) : new LogNotifier(out, links, Duration.ofHours(72));
        AuditLog audit = settings.get(Settings.AUDIT_TABLE_ENDPOINT).isPresent()
                ? TableAuditLog.fromSettings(settings, azure.credential()) : new MemoryAuditLog();
        PipelinePorts ports = new PipelinePorts(file, azure.armContainerApps(), azure.acrRegistry(), azure.findings(settings.list(Settings.RESOURCE_GRAPH_SUBSCRIPTIONS)),
                azure.acrTasks(), JdkSmokeTester.create(), notifier, audit, Clock.systemUTC(), azure.metrics());
        try (DurableDriver driver = new DurableDriver(Clock.systemUTC())) {
            PipelineRegistration.register(driver, new PromotionActivities(ports), new RebuildActivities(ports));
            DriverOrchestrations orchestrations = new DriverOrchestrations(driver);
            io.acapromoter.approval.UsedFormTokens usedForms = state != null ? state.usedFormTokens() : new io.acapromoter.approval.UsedFormTokens();
            ApprovalEndpoint approvals = new ApprovalEndpoint(links, orchestrations, audit, Clock.systemUTC(),
                    Optional.of(new Principal(approver, List.of())), usedForms);
            io.acapromoter.approval.OperatorEndpoint operators = new io.acapromoter.approval.OperatorEndpoint(file, orchestrations,
                    audit, links, Clock.systemUTC(), Optional.of(new Principal(approver, List.of())), usedForms);
            int resumed = state != null ? driver.resumeFrom(state.journal()) : 0;
            driver.start();
            try (LocalServer server = LocalHttp.server(port, new Intake(file), new FindingIntake(ports), orchestrations, approvals,
                    operators, LocalHttp.board(ports, orchestrations, Clock.systemUTC()),
                    new io.acapromoter.status.StatusEndpoint(orchestrations, audit, Optional.of(links), Clock.systemUTC()))) {
                server.start();
                out.println("ACA Promoter, local runtime against real Azure (DefaultAzureCredential), " + file.targets().size()
                        + " targets; routes on " + base + ". " + (state == null
                        ? "Orchestrations live in this process only: stopping or a crash forgets every promotion in flight"
                        + " (Azure resources stay as they are); --state DIR keeps them."
                        : "Promotions are journaled in " + state.journal().file() + " (" + resumed + " in flight resumed);"
                        + " approval links stay valid across restarts (key in " + stateDir.resolve("signing-key") + ").")
                        + " Ctrl-C stops it.");
                awaitShutdown();
            }
        } finally {
            if (state != null) {
                state.close();
            }
        }
        return PromoterCli.OK;
    }

    private static void awaitShutdown() {
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
