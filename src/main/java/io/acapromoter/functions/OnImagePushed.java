package io.acapromoter.functions;

import io.acapromoter.logging.Log;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import com.microsoft.durabletask.azurefunctions.DurableClientInput;
import io.acapromoter.azure.DurableOrchestrations;
import io.acapromoter.orchestration.Names;

/**
 * Event Grid trigger for container registry events (Event Grid schema or CloudEvents). Decides
 * and starts promotions; a Durable fault propagates so Event Grid retries and, in the end,
 * dead-letters the event.
 */
public final class OnImagePushed {

    @FunctionName(Names.ON_IMAGE_PUSHED)
    public void run(@EventGridTrigger(name = "event") String event,
                    @DurableClientInput(name = "durableContext") DurableClientContext durable,
                    ExecutionContext context) {
        Log.during(context.getLogger(), () -> {
            Promoter.get().intake().handle(event, new DurableOrchestrations(durable.getClient()), context.getLogger());
        });
    }
}
