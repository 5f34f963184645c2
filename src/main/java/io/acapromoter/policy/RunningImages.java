package io.acapromoter.policy;

import io.acapromoter.domain.Digest;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What runs where now: image digest → the targets (production or staging) that run it. The sweep reads it
 * from Container Apps; {@code explain-event}, which has no Azure, builds an assumed one.
 */
public record RunningImages(Map<Digest, List<Placement>> byDigest) {

    public RunningImages {
        byDigest = byDigest.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
    }

    public static RunningImages none() {
        return new RunningImages(Map.of());
    }

    public List<Placement> placementsOf(Digest digest) {
        return byDigest.getOrDefault(digest, List.of());
    }

    public boolean runsIn(Digest digest, String target) {
        return placementsOf(digest).stream().anyMatch(p -> p.target().equals(target));
    }
}
