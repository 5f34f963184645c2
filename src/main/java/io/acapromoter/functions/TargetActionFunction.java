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
import io.acapromoter.approval.FormBody;
import io.acapromoter.azure.DurableOrchestrations;
import io.acapromoter.logging.Log;

import java.util.Optional;

/**
 * {@code POST /api/targets/{name}/actions/{action}}: one operator action (freeze, unfreeze, rollback,
 * cancel, rerun-smoke) from the actions page's form, for the signed-in operator (App Service
 * Authentication), audited.
 */
public final class TargetActionFunction {

    @FunctionName("TargetAction")
    public HttpResponseMessage run(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.ANONYMOUS,
                    route = "targets/{name}/actions/{action}") HttpRequestMessage<Optional<String>> request,
            @BindingName("name") String name,
            @BindingName("action") String action,
            @DurableClientInput(name = "durableContext") DurableClientContext durable,
            ExecutionContext context) {
        return Log.during(context.getLogger(), () -> ApprovalHttp.respond(request,
                Promoter.get().operators(new DurableOrchestrations(durable.getClient()))
                        .post(name, action, FormBody.parse(request.getBody().orElse("")), request.getHeaders(),
                                ApprovalHttp.source(request.getHeaders()))));
    }
}
