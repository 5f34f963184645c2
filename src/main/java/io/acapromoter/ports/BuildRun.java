package io.acapromoter.ports;

import java.util.List;
import java.util.Optional;

/**
 * An ACR Task run.
 *
 * @param status       as ACR names it: Queued, Started, Running, Succeeded, Failed, Canceled, Error, Timeout
 * @param outputImages images the run pushed ({@code registry/repository:tag} or with digest), when known
 * @param logLink      where its log can be read, when known (may be a SAS URL: never log it)
 */
public record BuildRun(String runId, String status, List<String> outputImages, Optional<String> logLink) {

    public BuildRun {
        outputImages = List.copyOf(outputImages);
    }

    public boolean isFinished() {
        return switch (status.toLowerCase(java.util.Locale.ROOT)) {
            case "succeeded", "failed", "canceled", "error", "timeout" -> true;
            default -> false;
        };
    }

    public boolean succeeded() {
        return "succeeded".equalsIgnoreCase(status);
    }
}
