package io.acapromoter.orchestration;

import java.util.List;
import java.util.Objects;

/**
 * The answer of {@code DeployStaging} and {@code RollOut}: what now runs. A deployment that fails
 * throws (a fault); there is no failed deployment value.
 *
 * @param revision the revision (or job execution) created or given traffic, or null (production jobs)
 * @param url      the URL it answers on (staging), or null
 * @param detail   what happened, for the timeline
 * @param warnings things people should know
 * @param operation the ARM operation that creates the revision, started and not waited for
 *                  ({@code PendingOperation} text), or null when there is nothing to watch
 */
public record Deployment(String revision, String url, String detail, List<String> warnings, String operation) {

    public Deployment {
        Objects.requireNonNull(detail, "detail");
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public static Deployment of(String revision, String url, String detail) {
        return new Deployment(revision, url, detail, List.of(), null);
    }

    public Deployment withWarnings(List<String> more) {
        return new Deployment(revision, url, detail, more, operation);
    }

    public Deployment withOperation(String op) {
        return new Deployment(revision, url, detail, warnings, op);
    }
}
