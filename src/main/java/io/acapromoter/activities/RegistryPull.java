package io.acapromoter.activities;

import io.acapromoter.policy.RegistryAuth;
import io.acapromoter.ports.RegistryCredential;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How an app or job pulls the candidate's registry ({@code configuration.registries}), and whether
 * the target's {@link RegistryAuth} accepts it. The recommended posture is a managed identity with
 * AcrPull; a stored registry password can be copied and outlives the people who set it.
 *
 * @param resource    what pulls, for messages ({@code production app shop-web})
 * @param credentials the resource's registry credentials
 */
record RegistryPull(String resource, List<RegistryCredential> credentials) {

    /** The credential the resource uses for {@code registry}, if it has one. */
    Optional<RegistryCredential> credentialFor(String registry) {
        return credentials.stream().filter(c -> c.server().equalsIgnoreCase(registry)).findFirst();
    }

    /** One line for approvers: which identity (or password) pulls {@code registry}. */
    String describe(String registry) {
        return resource + " pulls " + registry + " " + credentialFor(registry).map(RegistryPull::how)
                .orElse("with no registry credential (anonymous pull)");
    }

    /** Why {@code policy} refuses this resource, or empty when it accepts it. */
    Optional<String> refusal(RegistryAuth policy, String registry) {
        if (policy == RegistryAuth.ANY) {
            return Optional.empty();
        }
        Optional<RegistryCredential> credential = credentialFor(registry);
        if (credential.isEmpty()) {
            return Optional.of(resource + " has no managed-identity credential for " + registry
                    + " in configuration.registries; the target requires registryAuth managed-identity");
        }
        RegistryCredential c = credential.get();
        if (c.passwordSecret() || c.identity().isEmpty()) {
            return Optional.of(resource + " pulls " + registry + " " + how(c) + "; the target requires a managed identity "
                    + "(registryAuth: managed-identity): set configuration.registries[].identity and remove the password secret");
        }
        return Optional.empty();
    }

    private static String how(RegistryCredential c) {
        if (c.passwordSecret()) {
            return "with a stored password (user " + c.username().orElse("?") + ", passwordSecretRef)";
        }
        return c.identity().map(id -> id.toLowerCase(Locale.ROOT).equals("system")
                ? "with its system-assigned managed identity"
                : "with the user-assigned managed identity " + id.substring(id.lastIndexOf('/') + 1) + " (" + id + ")")
                .orElse("with no identity and no password");
    }
}
