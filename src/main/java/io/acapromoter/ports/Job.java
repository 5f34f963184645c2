package io.acapromoter.ports;

import java.util.List;
import java.util.Map;

/** A Container Apps job: no revisions, one template; {@code registries} as for a {@link ContainerApp}. */
public record Job(String resourceId, String name, Map<String, String> images, List<RegistryCredential> registries) {

    public Job {
        images = Map.copyOf(images);
        registries = List.copyOf(registries);
    }
}
