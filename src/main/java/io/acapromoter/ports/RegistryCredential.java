package io.acapromoter.ports;

import java.util.Objects;
import java.util.Optional;

/**
 * How a container app or job authenticates to one registry ({@code configuration.registries[]}).
 *
 * @param server         the registry login server
 * @param identity       the managed identity that pulls: {@code system} or a user-assigned identity's resource id
 * @param username       the user name of a password credential
 * @param passwordSecret whether a stored password secret is used ({@code passwordSecretRef})
 */
public record RegistryCredential(String server, Optional<String> identity, Optional<String> username,
                                 boolean passwordSecret) {

    public RegistryCredential {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(username, "username");
    }
}
