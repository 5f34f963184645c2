package io.acapromoter.functions;

import com.microsoft.azure.functions.ExecutionContext;
import io.acapromoter.logging.Log;
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
import io.acapromoter.status.StatusEndpoint;

import java.util.Optional;

/**
 * {@code GET /api/promotions} and {@code GET /api/promotions/{id}} for ops. Anonymous at the
 * Functions level: App Service Authentication (Entra ID) guards the route in Azure.
 */
public final class PromotionsStatusFunction {

    @FunctionName("ListPromotions")
    public HttpResponseMessage list(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS,
                    route = "promotions") HttpRequestMessage<Optional<String>> request,
            @DurableClientInput(name = "durableContext") DurableClientContext durable,
            ExecutionContext context) {
        return Log.during(context.getLogger(), () -> {
            var reply = new StatusEndpoint(new DurableOrchestrations(durable.getClient()))
                    .list(request.getQueryParameters(), request.getHeaders().get("accept"));
            return ApprovalHttp.respond(request, reply);
        });
    }

    @FunctionName("GetPromotion")
    public HttpResponseMessage get(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS,
                    route = "promotions/{id}") HttpRequestMessage<Optional<String>> request,
            @BindingName("id") String id,
            @DurableClientInput(name = "durableContext") DurableClientContext durable,
            ExecutionContext context) {
        return Log.during(context.getLogger(), () -> {
            var reply = Promoter.get().status(new DurableOrchestrations(durable.getClient()))
                    .get(id, request.getQueryParameters(), request.getHeaders().get("accept"));
            return ApprovalHttp.respond(request, reply);
        });
    }
}
