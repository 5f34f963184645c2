package io.acapromoter.policy;

import io.acapromoter.domain.Digest;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rebuilds already done or under way, as the caller reads them from the rebuild orchestrations.
 *
 * @param lastRebuilt        image digest → when its last rebuild was started
 * @param rebuilding         digests whose rebuild is running now
 * @param runningPerRegistry registry resource id (any case) → rebuilds running now in that registry
 */
public record RebuildHistory(Map<Digest, Instant> lastRebuilt, Set<Digest> rebuilding, Map<String, Integer> runningPerRegistry) {

    public RebuildHistory {
        lastRebuilt = Map.copyOf(lastRebuilt);
        rebuilding = Set.copyOf(rebuilding);
        // ARM ids are case-insensitive; the same registry must count once.
        runningPerRegistry = runningPerRegistry.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue, Integer::sum));
    }

    public static RebuildHistory none() {
        return new RebuildHistory(Map.of(), Set.of(), Map.of());
    }

    int runningIn(String registryResourceId) {
        return runningPerRegistry.getOrDefault(registryResourceId.toLowerCase(Locale.ROOT), 0);
    }
}
