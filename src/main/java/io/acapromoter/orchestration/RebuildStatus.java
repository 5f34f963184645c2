package io.acapromoter.orchestration;

import java.util.List;
import java.util.Objects;

/**
 * What a rebuild shows to ops and to the promotion of the image it produces: kept as the
 * RebuildOrchestrator's custom status and returned as its output. No log links (they are SAS URLs).
 *
 * @param rebuildId      instance id
 * @param target         target name
 * @param replacesDigest the vulnerable digest being replaced
 * @param cves           the CVEs the rebuild is for, most severe first
 * @param runId          the ACR Task run, once scheduled, else null
 * @param state          where the rebuild stands
 * @param detail         what happened
 * @param pushedImages   images the run reports it pushed
 */
public record RebuildStatus(String rebuildId, String target, String replacesDigest, List<String> cves, String runId,
                            State state, String detail, List<String> pushedImages) {

    /** Where a rebuild stands; {@link #FAILED} is the run's verdict, {@link #ERRORED} a fault that outlived its retries. */
    public enum State {
        SCHEDULING, RUNNING, SUCCEEDED, FAILED, ERRORED
    }

    public RebuildStatus {
        Objects.requireNonNull(state, "state");
        cves = cves == null ? List.of() : List.copyOf(cves);
        pushedImages = pushedImages == null ? List.of() : List.copyOf(pushedImages);
    }

    RebuildStatus with(String newRunId, State newState, String newDetail, List<String> images) {
        return new RebuildStatus(rebuildId, target, replacesDigest, cves, newRunId, newState, newDetail, images);
    }
}
