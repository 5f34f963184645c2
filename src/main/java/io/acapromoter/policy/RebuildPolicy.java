package io.acapromoter.policy;

import io.acapromoter.domain.Severity;

import java.time.Duration;
import java.util.Map;

/**
 * How a vulnerable image of a target is rebuilt.
 *
 * @param registryResourceId the ARM id of the registry that owns the task
 * @param task               the ACR Task to run
 * @param minSeverity        findings below this severity do not start a rebuild
 * @param onlyFixable        only findings with a fix available start a rebuild
 * @param window             one rebuild per image digest per window (Defender repeats findings daily)
 * @param maxConcurrent      rebuilds running at once per registry
 * @param arguments          values passed to the task run as overrides
 */
public record RebuildPolicy(String registryResourceId, String task, Severity minSeverity, boolean onlyFixable,
                            Duration window, int maxConcurrent, Map<String, String> arguments) {

    public RebuildPolicy {
        arguments = Map.copyOf(arguments);
    }
}
