package io.acapromoter.policy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The validated promotion file: the registry allow-list, the default approval policy and the targets.
 * Built only by {@link PromotionFileLoader}, so every instance has passed validation.
 */
public record PromotionFile(Set<String> registries, ApprovalPolicy approval, List<Target> targets) {

    public PromotionFile {
        registries = registries.stream().map(r -> r.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        targets = List.copyOf(targets);
    }

    public boolean allows(String registry) {
        return registry != null && registries.contains(registry.toLowerCase(Locale.ROOT));
    }

    public List<Target> targetsFor(String registry, String repository) {
        return targets.stream().filter(t -> t.takes(registry, repository)).toList();
    }

    public Optional<Target> target(String name) {
        return targets.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
