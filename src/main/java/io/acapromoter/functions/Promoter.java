package io.acapromoter.functions;

import io.acapromoter.approval.ApprovalEndpoint;
import io.acapromoter.approval.ApprovalLinks;
import io.acapromoter.approval.Notifiers;
import io.acapromoter.azure.AcsEmailSender;
import io.acapromoter.azure.AzureConnection;
import io.acapromoter.azure.TableAuditLog;
import io.acapromoter.http.JdkSmokeTester;
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
import io.acapromoter.ports.Orchestrations;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The composition root of the Function App: loads settings and the promotion file once per
 * worker process and builds the adapters once (Azure SDK clients are shared). An invalid
 * promotion file makes every function fail with the full list of errors (and {@code /api/health}
 * report it), so nothing runs on a configuration nobody checked. Adapters are built on first use,
 * so a function that needs none of them (intake) does not wait for them.
 */
final class Promoter {

    private static volatile Promoter instance;
    private static PromotionFileException startUpFailure;

    private final Settings settings;
    private final PromotionFile file;
    private final Intake intake;
    /** Spent approval form tokens, shared by the per-invocation approval endpoints of this process. */
    private final io.acapromoter.approval.UsedFormTokens usedForms = new io.acapromoter.approval.UsedFormTokens();
    private AzureConnection azure;
    private ApprovalLinks approvalLinks;
    private AuditLog auditLog;
    private PipelinePorts ports;
    private io.acapromoter.status.ProductionReader productionReader;

    private Promoter(Settings settings, PromotionFile file) {
        this.settings = settings;
        this.file = file;
        this.intake = new Intake(file);
    }

    static Promoter get() {
        Promoter current = instance;
        if (current == null) {
            synchronized (Promoter.class) {
                if (startUpFailure != null) {
                    throw startUpFailure;
                }
                current = instance;
                if (current == null) {
                    Settings settings = Settings.fromEnvironment();
                    try {
                        Path config = configPath(settings);
                        PromotionFile file = PromotionFileLoader.load(config);
                        List<String> groupProblems = GroupClaimsCheck.problems(file, settings);
                        if (!groupProblems.isEmpty()) {
                            throw new PromotionFileException(config.toString(), groupProblems);
                        }
                        current = new Promoter(settings, file);
                    } catch (PromotionFileException e) {
                        // The file is packaged with the app: it cannot change until the next deployment.
                        startUpFailure = e;
                        throw e;
                    }
                    instance = current;
                }
            }
        }
        return current;
    }

    /** Loads the configuration, for the health check; throws what start-up would. */
    static PromotionFile check() throws PromotionFileException {
        return get().file;
    }

    static Path configPath(Settings settings) {
        return PackageRoot.resolve(Path.of(settings.getOrDefault(Settings.CONFIG, "promotion.yaml")),
                PackageRoot.of(Promoter.class));
    }

    Intake intake() {
        return intake;
    }

    PromotionActivities activities() {
        return new PromotionActivities(ports());
    }

    RebuildActivities rebuildActivities() {
        return new RebuildActivities(ports());
    }

    FindingIntake findingIntake() {
        return new FindingIntake(ports());
    }

    /** The approval routes for one invocation's Durable client. */
    ApprovalEndpoint approvals(Orchestrations orchestrations) {
        return new ApprovalEndpoint(approvalLinks(), orchestrations, auditLog(), Clock.systemUTC(), Optional.empty(), usedForms);
    }

    /** The status routes for one invocation's Durable client, with the audit trail and approval links on a promotion's page. */
    io.acapromoter.status.StatusEndpoint status(Orchestrations orchestrations) {
        return new io.acapromoter.status.StatusEndpoint(orchestrations, auditLog(), Optional.of(approvalLinks()), Clock.systemUTC());
    }

    /** The board routes for one invocation's Durable client; production reads are cached across invocations. */
    io.acapromoter.status.BoardEndpoint board(Orchestrations orchestrations) {
        io.acapromoter.status.TargetHistory history = new io.acapromoter.status.TargetHistory(auditLog());
        return new io.acapromoter.status.BoardEndpoint(new io.acapromoter.status.BoardQueries(file, orchestrations,
                productionReader(), history, Clock.systemUTC()), history, io.acapromoter.status.BoardPage.standard());
    }

    synchronized io.acapromoter.status.ProductionReader productionReader() {
        if (productionReader == null) {
            productionReader = new io.acapromoter.status.ProductionReader(azure().armContainerApps(), Clock.systemUTC());
        }
        return productionReader;
    }

    /** The operators' routes for one invocation's Durable client. */
    io.acapromoter.approval.OperatorEndpoint operators(Orchestrations orchestrations) {
        return new io.acapromoter.approval.OperatorEndpoint(file, orchestrations, auditLog(), approvalLinks(), Clock.systemUTC(),
                Optional.empty(), usedForms);
    }

    synchronized PipelinePorts ports() {
        if (ports == null) {
            AzureConnection connection = azure();
            ports = new PipelinePorts(file, connection.armContainerApps(), connection.acrRegistry(),
                    connection.findings(settings.list(Settings.RESOURCE_GRAPH_SUBSCRIPTIONS)), connection.acrTasks(), JdkSmokeTester.create(),
                    Notifiers.fromSettings(settings, approvalLinks(), HttpClient.newBuilder()
                                    .connectTimeout(Duration.ofSeconds(10)).build(),
                            endpoint -> AcsEmailSender.create(endpoint, connection.credential())),
                    auditLog(), Clock.systemUTC(), connection.metrics());
        }
        return ports;
    }

    synchronized AzureConnection azure() {
        if (azure == null) {
            azure = AzureConnection.fromSettings(settings);
        }
        return azure;
    }

    synchronized ApprovalLinks approvalLinks() {
        if (approvalLinks == null) {
            approvalLinks = ApprovalLinks.fromSettings(settings, Clock.systemUTC());
        }
        return approvalLinks;
    }

    synchronized AuditLog auditLog() {
        if (auditLog == null) {
            auditLog = TableAuditLog.fromSettings(settings, azure().credential());
        }
        return auditLog;
    }
}
