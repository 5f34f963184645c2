package io.acapromoter.orchestration;

import java.time.Instant;
import java.util.Objects;

/**
 * The input of {@code AnalyzeTraffic}: the release being watched and the span of traffic to judge (ISO-8601
 * instants from the orchestration clock, so replays ask for the same span).
 *
 * @param release what is being released (its revision, and the previous one for a baseline)
 * @param from    start of the span
 * @param to      end of the span
 */
public record AnalysisRequest(ReleaseStep release, String from, String to) {

    public AnalysisRequest {
        Objects.requireNonNull(release, "release");
        if (!Instant.parse(from).isBefore(Instant.parse(to))) {
            throw new IllegalArgumentException("the span must end after it starts, got " + from + " to " + to);
        }
    }
}
