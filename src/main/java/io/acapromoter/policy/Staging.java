package io.acapromoter.policy;

import java.time.Duration;
import java.util.Optional;

/**
 * @param strategy     how the candidate is staged
 * @param label        the revision label for {@link StagingStrategy#LABEL}
 * @param resourceId   the staging app or job for {@link StagingStrategy#APP} and {@link StagingStrategy#JOB}
 * @param readyTimeout how long staging may take to become ready before the promotion fails
 */
public record Staging(StagingStrategy strategy, String label, Optional<String> resourceId, Duration readyTimeout) {
}
