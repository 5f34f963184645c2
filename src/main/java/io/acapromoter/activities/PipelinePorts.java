package io.acapromoter.activities;

import io.acapromoter.policy.PromotionFile;
import io.acapromoter.ports.AuditLog;
import io.acapromoter.ports.ContainerApps;
import io.acapromoter.ports.Findings;
import io.acapromoter.ports.Metrics;
import io.acapromoter.ports.ImageBuilder;
import io.acapromoter.ports.Notifier;
import io.acapromoter.ports.Registry;
import io.acapromoter.ports.SmokeTester;

import java.time.Clock;

/**
 * Everything the activities reach the world through; built once per process by the composition root.
 * {@code metrics} (Azure Monitor) may be null where no target analyses traffic.
 */
public record PipelinePorts(PromotionFile file, ContainerApps containerApps, Registry registry, Findings findings,
                            ImageBuilder imageBuilder, SmokeTester smokeTester, Notifier notifier, AuditLog auditLog,
                            Clock clock, Metrics metrics) {

    /** Without Azure Monitor: a target with an {@code analysis} block cannot be analysed (the activity says so). */
    public PipelinePorts(PromotionFile file, ContainerApps containerApps, Registry registry, Findings findings,
                         ImageBuilder imageBuilder, SmokeTester smokeTester, Notifier notifier, AuditLog auditLog,
                         Clock clock) {
        this(file, containerApps, registry, findings, imageBuilder, smokeTester, notifier, auditLog, clock, null);
    }
}
