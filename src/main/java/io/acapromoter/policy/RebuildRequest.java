package io.acapromoter.policy;

import io.acapromoter.domain.PinnedImage;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One ACR Task run to start: the image it replaces and the CVEs it is for.
 *
 * @param target             target name
 * @param registryResourceId ARM id of the registry that owns the task
 * @param task               ACR Task name
 * @param arguments          task argument overrides from the rebuild policy
 * @param replaces           the vulnerable image, by digest
 * @param cves               every CVE on that digest that meets the policy, most severe first
 * @param windowStart        start of the rebuild window this request belongs to (part of its instance id)
 */
public record RebuildRequest(String target, String registryResourceId, String task, Map<String, String> arguments,
                             PinnedImage replaces, List<String> cves, Instant windowStart) {

    public RebuildRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(registryResourceId, "registryResourceId");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(replaces, "replaces");
        Objects.requireNonNull(windowStart, "windowStart");
        arguments = Map.copyOf(arguments);
        cves = List.copyOf(cves);
        if (cves.isEmpty()) {
            throw new IllegalArgumentException("a rebuild of " + replaces + " must name the CVEs it is for");
        }
    }
}
