package io.acapromoter.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import com.microsoft.durabletask.azurefunctions.DurableClientInput;
import io.acapromoter.azure.DurableOrchestrations;
import io.acapromoter.logging.Log;

import java.util.Optional;

/**
 * {@code GET /api/targets/{name}/actions}: what a signed-in operator can do to the target, as forms.
 * Changes nothing. Anonymous at the Functions level: App Service Authentication signs the operator in
 * before the request gets here (the route is not among the excluded paths).
 */
public final class TargetActionsPageFunction {

    @FunctionName("TargetActionsPage")
    public HttpResponseMessage run(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS,
                    route = "targets/{name}/actions") HttpRequestMessage<Optional<String>> request,
            @BindingName("name") String name,
            @DurableClientInput(name = "durableContext") DurableClientContext durable,
            ExecutionContext context) {
        return Log.during(context.getLogger(), () -> ApprovalHttp.respond(request,
                Promoter.get().operators(new DurableOrchestrations(durable.getClient())).page(name, request.getHeaders())));
    }
}
