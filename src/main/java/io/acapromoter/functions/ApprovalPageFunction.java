package io.acapromoter.functions;

import io.acapromoter.logging.Log;
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

import java.util.Optional;

/**
 * {@code GET /api/approvals/{token}}: the confirmation page. Decides nothing, so mail link
 * scanners that fetch every link change nothing. Anonymous at the Functions level: App Service
 * Authentication (Entra ID) signs the approver in before the request gets here.
 */
public final class ApprovalPageFunction {

    @FunctionName("ApprovalPage")
    public HttpResponseMessage run(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS,
                    route = "approvals/{token}") HttpRequestMessage<Optional<String>> request,
            @BindingName("token") String token,
            @DurableClientInput(name = "durableContext") DurableClientContext durable,
            ExecutionContext context) {
        return Log.during(context.getLogger(), () -> ApprovalHttp.respond(request, Promoter.get().approvals(new DurableOrchestrations(durable.getClient()))
                    .get(token, request.getHeaders())));
    }
}
