package io.acapromoter.intake;

import io.acapromoter.orchestration.RebuildStatus;
import io.acapromoter.orchestration.InstanceJson;
import io.acapromoter.orchestration.Names;
import io.acapromoter.domain.Candidate;
import io.acapromoter.ports.InstanceView;
import io.acapromoter.ports.Orchestrations;

import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;

/**
 * Finds the rebuild a pushed image came from, so its promotion (and the approval card) can say
 * "rebuild of sha256:… fixing CVE-…". A rebuild matches when its run reports the pushed digest,
 * or, while the run's outputs are not known yet, when it is the newest rebuild of the target that
 * is running or finished successfully within the last few hours.
 */
final class RebuildLink {

    static final Duration RECENT = Duration.ofHours(6);

    private RebuildLink() {
    }

    static Optional<RebuildStatus> find(Candidate candidate, Orchestrations orchestrations) {
        String digest = candidate.image().digest().toString();
        var rebuilds = orchestrations.list(Names.REBUILD_ORCHESTRATOR, "rebuild-" + candidate.target() + "-", 20).stream()
                .filter(v -> v.customStatus().isPresent() || v.output().isPresent())
                .sorted(Comparator.comparing(InstanceView::createdAt).reversed())
                .toList();
        RebuildStatus fallback = null;
        for (InstanceView v : rebuilds) {
            RebuildStatus status = InstanceJson.read(v.instanceId(), v.output().or(v::customStatus), RebuildStatus.class).orElse(null);
            if (status == null || !candidate.target().equals(status.target())) {
                continue;
            }
            if (status.pushedImages().stream().anyMatch(image -> image.endsWith("@" + digest))) {
                return Optional.of(status);
            }
            boolean recent = v.createdAt().isAfter(candidate.pushedAt().minus(RECENT));
            boolean usable = status.state() == RebuildStatus.State.RUNNING
                    || status.state() == RebuildStatus.State.SUCCEEDED && status.pushedImages().isEmpty();
            if (fallback == null && recent && usable && !status.replacesDigest().equals(digest)) {
                fallback = status;
            }
        }
        return Optional.ofNullable(fallback);
    }
}
