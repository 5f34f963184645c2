package io.acapromoter.functions;

import io.acapromoter.logging.Log;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import com.microsoft.durabletask.TaskOrchestrationContext;
import com.microsoft.durabletask.azurefunctions.DurableActivityTrigger;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import com.microsoft.durabletask.azurefunctions.DurableClientInput;
import com.microsoft.durabletask.azurefunctions.DurableOrchestrationTrigger;
import io.acapromoter.azure.DurableOrchestrations;
import io.acapromoter.orchestration.Names;
import io.acapromoter.orchestration.RebuildInput;
import io.acapromoter.orchestration.RebuildOrchestrator;
import io.acapromoter.orchestration.RebuildRun;
import io.acapromoter.orchestration.RebuildRunRef;
import io.acapromoter.orchestration.RebuildStatus;

/**
 * Vulnerability-driven rebuilds: Defender findings from the custom topic, the timer sweep, the
 * rebuild orchestrator and its activities. Each binds, calls one collaborator and returns.
 */
public final class RebuildFunctions {

    @FunctionName(Names.ON_VULNERABILITY_FINDING)
    public void onFinding(@EventGridTrigger(name = "event") String event,
                          @DurableClientInput(name = "durableContext") DurableClientContext durable,
                          ExecutionContext context) {
        Log.during(context.getLogger(), () -> {
            Promoter.get().findingIntake().handle(event, new DurableOrchestrations(durable.getClient()), context.getLogger());
        });
    }

    @FunctionName(Names.VULNERABILITY_SWEEP)
    public void sweep(@TimerTrigger(name = "timer", schedule = "%PROMOTER_SWEEP_SCHEDULE%") String timer,
                      @DurableClientInput(name = "durableContext") DurableClientContext durable,
                      ExecutionContext context) {
        Log.during(context.getLogger(), () -> {
            Promoter.get().findingIntake().sweep(new DurableOrchestrations(durable.getClient()), context.getLogger());
        });
    }

    @FunctionName(Names.REBUILD_ORCHESTRATOR)
    public RebuildStatus orchestrate(@DurableOrchestrationTrigger(name = "ctx") TaskOrchestrationContext ctx,
            ExecutionContext context) {
        return Log.during(context.getLogger(), () -> RebuildOrchestrator.run(ctx));
    }

    @FunctionName(Names.SCHEDULE_REBUILD)
    public String scheduleRebuild(@DurableActivityTrigger(name = "input") RebuildInput input,
            ExecutionContext context) {
        return Log.during(context.getLogger(), () -> Promoter.get().rebuildActivities().scheduleRebuild(input));
    }

    @FunctionName(Names.CHECK_REBUILD)
    public RebuildRun checkRebuild(@DurableActivityTrigger(name = "run") RebuildRunRef run,
            ExecutionContext context) {
        return Log.during(context.getLogger(), () -> Promoter.get().rebuildActivities().checkRebuild(run));
    }

    @FunctionName(Names.REPORT_REBUILD)
    public void reportRebuild(@DurableActivityTrigger(name = "status") RebuildStatus status,
            ExecutionContext context) {
        Log.during(context.getLogger(), () -> {
            Promoter.get().rebuildActivities().reportRebuild(status);
        });
    }
}
