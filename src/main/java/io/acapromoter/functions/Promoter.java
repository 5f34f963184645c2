package io.acapromoter.functions;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import io.acapromoter.approval.ApprovalEndpoint;
import io.acapromoter.approval.ApprovalLinks;
import io.acapromoter.azure.TableAuditLog;
import io.acapromoter.pipeline.Intake;
import io.acapromoter.pipeline.Settings;
import io.acapromoter.policy.PromotionFile;
import io.acapromoter.policy.PromotionFileException;
import io.acapromoter.policy.PromotionFileLoader;
import io.acapromoter.ports.AuditLog;
import io.acapromoter.ports.Orchestrations;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The composition root of the Function App: loads settings and the promotion file once per
 * worker process and hands out the collaborators the entry points call. An invalid promotion
 * file makes every function fail with the full list of errors (and {@code /api/health} report it),
 * so nothing runs on a configuration nobody checked.
 */
final class Promoter {

    private static volatile Promoter instance;

    private final Settings settings;
    private final PromotionFile file;
    private final Intake intake;
    private ApprovalLinks approvalLinks;
    private AuditLog auditLog;
    private TokenCredential credential;

    private Promoter(Settings settings, PromotionFile file) {
        this.settings = settings;
        this.file = file;
        this.intake = new Intake(file);
    }

    static Promoter get() {
        Promoter current = instance;
        if (current == null) {
            synchronized (Promoter.class) {
                current = instance;
                if (current == null) {
                    Settings settings = Settings.fromEnvironment();
                    current = new Promoter(settings, PromotionFileLoader.load(configPath(settings)));
                    instance = current;
                }
            }
        }
        return current;
    }

    /** Loads the configuration without keeping it, for the health check; throws what start-up would. */
    static PromotionFile check() throws PromotionFileException {
        return get().file;
    }

    static Path configPath(Settings settings) {
        return Path.of(settings.getOrDefault(Settings.CONFIG, "promotion.yaml"));
    }

    Settings settings() {
        return settings;
    }

    PromotionFile file() {
        return file;
    }

    Intake intake() {
        return intake;
    }

    /** The approval routes for one invocation's Durable client; links and audit log are built once. */
    ApprovalEndpoint approvals(Orchestrations orchestrations) {
        return new ApprovalEndpoint(approvalLinks(), orchestrations, auditLog(), Clock.systemUTC(), Optional.empty());
    }

    synchronized ApprovalLinks approvalLinks() {
        if (approvalLinks == null) {
            approvalLinks = ApprovalLinks.fromSettings(settings, Clock.systemUTC());
        }
        return approvalLinks;
    }

    synchronized AuditLog auditLog() {
        if (auditLog == null) {
            auditLog = TableAuditLog.fromSettings(settings, credential());
        }
        return auditLog;
    }

    /** The managed identity in Azure ({@code AZURE_CLIENT_ID} selects a user-assigned one). */
    synchronized TokenCredential credential() {
        if (credential == null) {
            credential = new DefaultAzureCredentialBuilder().build();
        }
        return credential;
    }
}
