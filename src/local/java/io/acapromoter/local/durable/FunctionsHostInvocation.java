package io.acapromoter.local.durable;

import com.microsoft.durabletask.OrchestratorFunction;
import com.microsoft.durabletask.TaskOrchestration;
import com.microsoft.durabletask.interruption.ContinueAsNewInterruption;
import com.microsoft.durabletask.interruption.OrchestratorBlockedException;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Calls orchestrator code the way durabletask-azure-functions 1.4.0's {@code OrchestrationMiddleware} does:
 * durabletask's own interruptions pass through, any other exception is wrapped in a RuntimeException with
 * the message "Unexpected failure in the task execution" (so Azure's failure details show only that,
 * microsoft/durabletask-java#200). The original exception is kept aside for the driver's {@link FailureInfo}.
 */
final class FunctionsHostInvocation {

    static final String UNEXPECTED_FAILURE = "Unexpected failure in the task execution";

    private FunctionsHostInvocation() {
    }

    static TaskOrchestration of(OrchestratorFunction<?> function) {
        return ctx -> {
            Object output = function.apply(ctx);
            ctx.complete(output);
        };
    }

    static TaskOrchestration wrap(TaskOrchestration orchestration, AtomicReference<Throwable> cause) {
        return ctx -> {
            try {
                orchestration.run(ctx);
            } catch (OrchestratorBlockedException | ContinueAsNewInterruption interruption) {
                throw interruption;
            } catch (RuntimeException e) {
                cause.compareAndSet(null, e);
                throw new RuntimeException(UNEXPECTED_FAILURE, e);
            }
        };
    }
}
