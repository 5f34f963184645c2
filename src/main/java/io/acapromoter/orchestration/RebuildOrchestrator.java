package io.acapromoter.orchestration;

import com.microsoft.durabletask.TaskFailedException;
import com.microsoft.durabletask.TaskOrchestrationContext;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code RebuildOrchestrator}: schedule the target's ACR Task, wait for the run with
 * durable timers, report the outcome. The rebuilt image's push starts the normal promotion chain,
 * which finds this instance's status to say which digest it replaces and which CVEs it fixes.
 */
public final class RebuildOrchestrator {

    static final Duration RUN_TIMEOUT = Duration.ofHours(2);

    private RebuildOrchestrator() {
    }

    public static RebuildStatus run(TaskOrchestrationContext ctx) {
        RebuildInput input = ctx.getInput(RebuildInput.class);
        RebuildStatus status = new RebuildStatus(input.rebuildId(), input.target(), input.replacesDigest(), input.cves(),
                null, RebuildStatus.State.SCHEDULING, "scheduling task " + input.task(), List.of());
        ctx.setCustomStatus(status);
        try {
            String runId = Activities.SCHEDULE_REBUILD.call(ctx, input, Retries.AZURE).await();
            status = status.with(runId, RebuildStatus.State.RUNNING, "task " + input.task() + " run " + runId, List.of());
            ctx.setCustomStatus(status);
            Instant deadline = ctx.getCurrentInstant().plus(RUN_TIMEOUT);
            Duration delay = Duration.ofSeconds(15);
            RebuildRunRef run = new RebuildRunRef(input.registryResourceId(), runId);
            while (true) {
                RebuildRun seen = Activities.CHECK_REBUILD.call(ctx, run, Retries.AZURE).await();
                if (seen.finished()) {
                    status = status.with(runId, seen.succeeded() ? RebuildStatus.State.SUCCEEDED : RebuildStatus.State.FAILED,
                            "run " + runId + " of task " + input.task() + " ended " + seen.status()
                                    + (seen.succeeded() ? "" : "; read its log with: az acr task logs --registry "
                                    + registryName(input.registryResourceId()) + " --run-id " + runId), seen.pushedImages());
                    break;
                }
                if (!ctx.getCurrentInstant().plus(delay).isBefore(deadline)) {
                    status = status.with(runId, RebuildStatus.State.FAILED, "run " + runId + " did not finish within " + RUN_TIMEOUT.toHours()
                            + " h (last status " + seen.status() + ")", seen.pushedImages());
                    break;
                }
                ctx.createTimer(delay).await();
                delay = Retries.nextPoll(delay);
            }
        } catch (TaskFailedException e) {
            status = status.with(status.runId(), RebuildStatus.State.ERRORED, Retries.describe(e), List.of());
        }
        ctx.setCustomStatus(status);
        Activities.REPORT_REBUILD.call(ctx, status, Retries.NOTIFY).await();
        return status;
    }

    static String registryName(String registryResourceId) {
        return registryResourceId.substring(registryResourceId.lastIndexOf('/') + 1);
    }
}
