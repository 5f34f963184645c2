package io.acapromoter.policy;

import io.acapromoter.domain.Digest;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rebuilds already done or under way, as the caller reads them from the rebuild orchestrations. A rebuild is
 * per target and digest: the same digest running in two targets is rebuilt for each.
 *
 * @param lastRebuilt        target and image digest → when its last rebuild was started
 * @param rebuilding         targets and digests whose rebuild is running now
 * @param runningPerRegistry registry resource id (any case) → rebuilds running now in that registry
 */
public record RebuildHistory(Map<Rebuild, Instant> lastRebuilt, Set<Rebuild> rebuilding, Map<String, Integer> runningPerRegistry) {

    /** The rebuild of {@code digest} for {@code target}. */
    public record Rebuild(String target, Digest digest) {
        public Rebuild {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(digest, "digest");
        }
    }

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

    Instant lastRebuilt(String target, Digest digest) {
        return lastRebuilt.get(new Rebuild(target, digest));
    }

    boolean isRebuilding(String target, Digest digest) {
        return rebuilding.contains(new Rebuild(target, digest));
    }

    int runningIn(String registryResourceId) {
        return runningPerRegistry.getOrDefault(registryResourceId.toLowerCase(Locale.ROOT), 0);
    }
}
