package io.acapromoter.policy;

import java.time.Duration;
import java.util.List;

/**
 * @param strategy    how production changes
 * @param canarySteps traffic percentages for {@link RolloutStrategy#CANARY}, ascending, ending at 100
 * @param stepPause   how long each canary step is watched before the next
 */
public record Rollout(RolloutStrategy strategy, List<Integer> canarySteps, Duration stepPause) {

    public Rollout {
        canarySteps = List.copyOf(canarySteps);
    }
}
