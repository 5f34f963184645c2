package io.acapromoter.activities;

import io.acapromoter.ports.AuditKind;
import io.acapromoter.logging.Log;
import io.acapromoter.orchestration.RebuildRun;
import io.acapromoter.orchestration.RebuildRunRef;
import io.acapromoter.orchestration.RebuildInput;
import io.acapromoter.orchestration.RebuildStatus;
import io.acapromoter.logging.LogLine;
import io.acapromoter.ports.AuditRecord;
import io.acapromoter.ports.BuildRun;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;

/** The activities of {@code RebuildOrchestrator}. The build side can push images; it never touches an app. */
public final class RebuildActivities {

    private final PipelinePorts ports;

    public RebuildActivities(PipelinePorts ports) {
        this.ports = ports;
    }

    public String scheduleRebuild(RebuildInput input) {
        String runId = Faults.classified(() -> ports.imageBuilder().startRun(input.registryResourceId(), input.task(),
                input.arguments(), input.taskRunName()));
        Log.of(RebuildActivities.class).info(LogLine.of("rebuild.scheduled").with("rebuild", input.rebuildId()).with("target", input.target())
                .with("digest", input.replacesDigest()).with("run", runId).with("taskRun", input.taskRunName()).with("cves", String.join(",", input.cves())).toString());
        return runId;
    }

    public RebuildRun checkRebuild(RebuildRunRef run) {
        BuildRun seen = Faults.classified(() -> ports.imageBuilder().getRun(run.registryResourceId(), run.runId()));
        return new RebuildRun(seen.status(), seen.isFinished(), seen.succeeded(), seen.outputImages());
    }

    public void reportRebuild(RebuildStatus status) {
        boolean ok = status.state() == RebuildStatus.State.SUCCEEDED;
        Log.of(RebuildActivities.class).log(ok ? Level.INFO : Level.WARNING, LogLine.of("rebuild.finished").with("rebuild", status.rebuildId())
                .with("target", status.target()).with("digest", status.replacesDigest()).with("run", status.runId())
                .with("outcome", status.state()).with("reason", status.detail()).toString());
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("state", status.state().name());
        fields.put("run", String.valueOf(status.runId()));
        fields.put("replaces", status.replacesDigest());
        fields.put("cves", String.join(",", status.cves()));
        ports.auditLog().append(new AuditRecord(status.rebuildId(), ports.clock().instant().toString(), AuditKind.REBUILD,
                "system", status.detail(), fields));
    }
}
