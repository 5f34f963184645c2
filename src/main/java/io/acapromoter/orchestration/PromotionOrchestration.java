package io.acapromoter.orchestration;

import com.microsoft.durabletask.TaskOrchestrationContext;
import io.acapromoter.domain.PromotionStatus;

/**
 * The body of {@code PromotionOrchestrator}: one run per execution, see {@link PromotionRun}.
 * The Functions entry point and the in-memory driver both call {@link #run}.
 */
public final class PromotionOrchestration {

    public PromotionStatus run(TaskOrchestrationContext ctx) {
        return new PromotionRun(ctx).execute();
    }
}
