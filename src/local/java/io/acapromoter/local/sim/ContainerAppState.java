package io.acapromoter.local.sim;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of a simulated container app, for assertions.
 *
 * @param name app name
 * @param activeRevisionsMode Single or Multiple
 * @param latestRevisionName the newest revision
 * @param latestReadyRevisionName the newest provisioned revision, or null
 * @param trafficByRevision effective weights (latestRevision resolved; single mode: the serving revision at 100)
 * @param labels traffic label to revision name
 * @param revisions every revision, oldest first
 * @param url the app's own URL, {@code https://<app>.<defaultDomain>}
 */
public record ContainerAppState(String name, String activeRevisionsMode, String latestRevisionName, String latestReadyRevisionName,
                                Map<String, Integer> trafficByRevision, Map<String, String> labels, List<RevisionState> revisions, String url) {

    /**
     * @param fqdn {@code <revision>.<defaultDomain>}, empty without ingress
     */
    public record RevisionState(String name, String image, boolean active, String provisioningState, String runningState,
                                String healthState, int replicas, int restartCount, int trafficWeight, String fqdn) {
    }

    public Optional<RevisionState> revision(String revisionName) {
        return revisions.stream().filter(r -> r.name().equalsIgnoreCase(revisionName)).findFirst();
    }

    /** The image of the revision a label points at (e.g. "production"), if the label exists. */
    public Optional<String> imageForLabel(String label) {
        return Optional.ofNullable(labels.get(label)).flatMap(this::revision).map(RevisionState::image);
    }

    /** Images receiving traffic, with their weights. */
    public Map<String, Integer> imagesServing() {
        java.util.LinkedHashMap<String, Integer> out = new java.util.LinkedHashMap<>();
        trafficByRevision.forEach((rev, w) -> revision(rev).ifPresent(r -> {
            if (w > 0) {
                out.merge(r.image(), w, Integer::sum);
            }
        }));
        return out;
    }
}
