package io.acapromoter.ports;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container app as Azure reports it.
 *
 * @param resourceId        ARM id
 * @param multipleRevisions whether the active revisions mode is {@code Multiple}
 * @param defaultDomain     the managed environment's default domain
 * @param latestRevision    the newest revision's name
 * @param images            image per container name in the current template
 * @param traffic           the ingress traffic entries (empty without ingress)
 * @param revisions         the app's revisions
 * @param fqdn              the app's ingress host name, if it has ingress
 * @param registries        how the app authenticates to registries ({@code configuration.registries})
 */
public record ContainerApp(String resourceId, String name, boolean multipleRevisions, String defaultDomain,
                           String latestRevision, Map<String, String> images, List<TrafficSplit> traffic,
                           List<Revision> revisions, Optional<String> fqdn,
                           List<RegistryCredential> registries) {

    public ContainerApp {
        images = Map.copyOf(images);
        traffic = List.copyOf(traffic);
        revisions = List.copyOf(revisions);
        registries = List.copyOf(registries);
    }

    public Optional<Revision> revision(String revisionName) {
        return revisions.stream().filter(r -> r.name().equals(revisionName)).findFirst();
    }

    /**
     * The URL a revision is served on, as Azure names its host beside the app's: {@code https://<revision>.<default
     * domain>}; empty without ingress.
     */
    public Optional<String> revisionUrl(String revision) {
        return fqdn.isEmpty() || defaultDomain.isBlank() ? Optional.empty()
                : Optional.of("https://" + revision + "." + defaultDomain);
    }

    /** The URL a label is served on: {@code https://<app>---<label>.<default domain>}. */
    public String labelUrl(String label) {
        return "https://" + name + "---" + label + "." + defaultDomain;
    }
}
