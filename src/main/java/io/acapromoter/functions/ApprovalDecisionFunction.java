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
import io.acapromoter.approval.FormBody;
import io.acapromoter.azure.DurableOrchestrations;

import java.util.Optional;

/**
 * {@code POST /api/approvals/{token}}: the confirmation page's form. Records the decision of the
 * signed-in approver (App Service Authentication) when the form token and the rules allow it.
 */
public final class ApprovalDecisionFunction {

    @FunctionName("ApprovalDecision")
    public HttpResponseMessage run(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.ANONYMOUS,
                    route = "approvals/{token}") HttpRequestMessage<Optional<String>> request,
            @BindingName("token") String token,
            @DurableClientInput(name = "durableContext") DurableClientContext durable,
            ExecutionContext context) {
        return Log.during(context.getLogger(), () -> ApprovalHttp.respond(request, Promoter.get().approvals(new DurableOrchestrations(durable.getClient()))
                    .post(token, FormBody.parse(request.getBody().orElse("")), request.getHeaders(),
                            ApprovalHttp.source(request.getHeaders()))));
    }
}
