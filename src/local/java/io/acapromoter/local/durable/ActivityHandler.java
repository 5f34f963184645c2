package io.acapromoter.local.durable;

/**
 * An activity as the Durable runtime sees it: JSON in, JSON out. {@code inputJson} is null when the
 * orchestrator passed no input; returning null completes the activity without a result.
 * Any exception fails the activity; the orchestrator then sees a {@code TaskFailedException}.
 */
@FunctionalInterface
public interface ActivityHandler {
    String run(String inputJson) throws Exception;
}
