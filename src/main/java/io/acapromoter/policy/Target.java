package io.acapromoter.policy;

import io.acapromoter.domain.SmokeProbe;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One thing the promoter keeps up to date: images of {@code registry/repository} whose tag matches
 * {@code tags} go to the production container app or job.
 *
 * @param name                 unique, safe for instance ids and URLs
 * @param registry             registry login server; must be on the allow-list
 * @param repository           repository path
 * @param tags                 pushed tags that start a promotion
 * @param kind                 container app or job, from the production resource id
 * @param productionResourceId ARM id of the production container app or job
 * @param container            the container whose image is replaced
 * @param staging              where candidates run before production
 * @param smoke                probes against staging
 * @param rollout              how production changes
 * @param monitor              how production is watched afterwards
 * @param approval             who approves, how many, by when
 * @param signature            the Notation signature the digest must carry, if any
 * @param registryAuth         how the target's apps may authenticate to the registry
 * @param gate                 the vulnerability gate, if on
 * @param rebuild              how vulnerable images are rebuilt, if at all
 * @param operators            who may act on the target (roll back, cancel, freeze, re-run smoke tests)
 * @param rolloutWindows       when approved promotions may start their rollout; empty: at any time
 * @param analysis             canary analysis on the new revision's real traffic, if on
 */
public record Target(String name, String registry, String repository, Pattern tags, ResourceKind kind,
                     String productionResourceId, String container, Staging staging, List<SmokeProbe> smoke,
                     Rollout rollout, Monitor monitor, ApprovalPolicy approval, Optional<SignaturePolicy> signature,
                     RegistryAuth registryAuth, Optional<VulnerabilityGate> gate, Optional<RebuildPolicy> rebuild,
                     List<String> operators, Optional<RolloutWindows> rolloutWindows,
                     Optional<Analysis> analysis) {

    public Target {
        smoke = List.copyOf(smoke);
        operators = List.copyOf(operators);
    }

    public boolean takes(String registry, String repository) {
        return this.registry.equalsIgnoreCase(registry) && this.repository.equals(repository);
    }

    public boolean tagMatches(String tag) {
        return tags.matcher(tag).matches();
    }
}
