package io.acapromoter.orchestration;

import io.acapromoter.domain.Digest;
import io.acapromoter.domain.PinnedImage;
import io.acapromoter.policy.RebuildRequest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The input of {@code RebuildOrchestrator}: flat, so it passes unchanged through the Functions worker's
 * Gson and durabletask's Jackson. Times are ISO-8601 strings.
 *
 * @param rebuildId          the instance id (target + replaced digest + window start)
 * @param target             target name
 * @param registryResourceId ARM id of the registry that owns the ACR Task
 * @param task               ACR Task name
 * @param arguments          task argument overrides
 * @param registry           registry login server of the image being replaced
 * @param repository         repository of the image being replaced
 * @param replacesDigest     the vulnerable digest ({@code sha256:…}); the approval card shows it
 * @param cves               the CVEs the rebuild is for, most severe first
 * @param windowStart        ISO-8601 start of the rebuild window
 * @param requestedAt        ISO-8601 time the rebuild was decided
 */
public record RebuildInput(String rebuildId, String target, String registryResourceId, String task,
                           Map<String, String> arguments, String registry, String repository, String replacesDigest,
                           List<String> cves, String windowStart, String requestedAt) {

    public RebuildInput {
        Objects.requireNonNull(rebuildId, "rebuildId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(registryResourceId, "registryResourceId");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(replacesDigest, "replacesDigest");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(requestedAt, "requestedAt");
        arguments = arguments == null ? Map.of() : Map.copyOf(arguments);
        cves = cves == null ? List.of() : List.copyOf(cves);
    }

    public static RebuildInput of(RebuildRequest request, Instant requestedAt) {
        PinnedImage image = request.replaces();
        return new RebuildInput(RebuildId.of(request.target(), image.digest(), request.windowStart()).value(),
                request.target(), request.registryResourceId(), request.task(), request.arguments(), image.registry(),
                image.repository(), image.digest().toString(), request.cves(), request.windowStart().toString(),
                requestedAt.toString());
    }

    /**
     * The name of this rebuild's ACR task run: {@code promoter-} and 40 hex digits of the SHA-256 of the
     * instance id (task run names allow 5–50 letters, digits, {@code -_.}). An instance id is never reused,
     * so one rebuild has one task run, however often its activity runs.
     */
    public String taskRunName() {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(rebuildId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "promoter-" + java.util.HexFormat.of().formatHex(hash).substring(0, 40);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The image being replaced, parsed back from the flat fields. */
    public PinnedImage replacedImage() {
        return new PinnedImage(registry, repository, Digest.parse(replacesDigest));
    }
}
