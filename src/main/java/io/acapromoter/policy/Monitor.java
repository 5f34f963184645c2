package io.acapromoter.policy;

import java.time.Duration;

/**
 * @param window      how long production is watched after the rollout; the previous revision stays warm until then
 * @param interval    time between checks
 * @param maxRestarts replica restarts tolerated during the window
 */
public record Monitor(Duration window, Duration interval, int maxRestarts) {
}
