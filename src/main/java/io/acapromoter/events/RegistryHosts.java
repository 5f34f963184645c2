package io.acapromoter.events;

import java.util.Optional;

/**
 * Resolves a container registry's ARM id to its login server, for records that name the registry only by
 * its ARM id (the legacy sub-assessment, an individual recommendation without a host). {@code <name>.azurecr.io}
 * is not derived: it is wrong in sovereign clouds ({@code azurecr.us}, {@code azurecr.cn}). The parser stays
 * free of I/O; the caller passes a lookup (ARM in Azure, none in {@code explain-event}).
 */
@FunctionalInterface
public interface RegistryHosts {

    /** No lookup: records without a host in the data are refused, saying so. */
    RegistryHosts NONE = id -> Optional.empty();

    /** The registry's login server, e.g. {@code contoso.azurecr.io}, or empty when it cannot be read. */
    Optional<String> loginServer(String registryResourceId);
}
