package io.acapromoter.functions;

import com.microsoft.azure.functions.ExecutionContext;
import io.acapromoter.logging.Log;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.durabletask.TaskOrchestrationContext;
import com.microsoft.durabletask.azurefunctions.DurableOrchestrationTrigger;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.orchestration.Names;
import io.acapromoter.orchestration.PromotionOrchestrator;

/** The Durable orchestrator of one promotion; the body lives in {@link PromotionOrchestrator}. */
public final class PromotionOrchestratorFunction {

    @FunctionName(Names.PROMOTION_ORCHESTRATOR)
    public PromotionStatus run(@DurableOrchestrationTrigger(name = "ctx") TaskOrchestrationContext ctx,
            ExecutionContext context) {
        return Log.during(context.getLogger(), () -> PromotionOrchestrator.run(ctx));
    }
}
