package io.acapromoter.activities;

import io.acapromoter.domain.RevisionTraffic;
import io.acapromoter.orchestration.AnalysisRequest;
import io.acapromoter.orchestration.ReleaseStep;
import io.acapromoter.policy.Analysis;
import io.acapromoter.policy.AnalysisVerdict;
import io.acapromoter.policy.CanaryJudge;
import io.acapromoter.policy.Target;
import io.acapromoter.ports.TrafficQuery;

import java.time.Instant;
import java.util.Optional;

/**
 * {@code AnalyzeTraffic}: measures the released revision (and, for a baseline, the revision that served before)
 * over the request's span and judges it with {@link CanaryJudge}. Measuring is I/O; judging is pure.
 */
final class TrafficAnalysis {

    private final PipelinePorts ports;

    TrafficAnalysis(PipelinePorts ports) {
        this.ports = ports;
    }

    AnalysisVerdict analyze(AnalysisRequest request) {
        ReleaseStep release = request.release();
        Target target = Targets.require(ports.file(), release.promotion().target());
        Analysis analysis = target.analysis().orElseThrow(() -> new IllegalStateException("target "
                + target.name() + " has no analysis block any more; the promotion file changed during the promotion"));
        if (ports.metrics() == null) {
            throw new IllegalStateException("target " + target.name() + " analyses traffic but this runtime has no "
                    + "Azure Monitor connection");
        }
        Instant from = Instant.parse(request.from());
        Instant to = Instant.parse(request.to());
        RevisionTraffic canary = ports.metrics().measure(new TrafficQuery(target.productionResourceId(),
                release.revision(), from, to, analysis.applicationInsights(), analysis.maxRestarts().isPresent()));
        Optional<RevisionTraffic> previous = Optional.empty();
        String before = release.previousRevision();
        if (analysis.baseline().isPresent() && before != null && !before.equals(release.revision())) {
            previous = Optional.of(ports.metrics().measure(new TrafficQuery(target.productionResourceId(), before, from,
                    to, analysis.applicationInsights(), false)));
        }
        return CanaryJudge.judge(analysis, canary, previous);
    }
}
