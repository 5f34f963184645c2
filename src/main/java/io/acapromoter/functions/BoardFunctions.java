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
 * The ops board: {@code GET /api/board}, {@code GET /api/targets/{name}} and
 * {@code GET /api/targets/{name}/history}. Anonymous at the Functions level: App Service
 * Authentication (Entra ID) guards the routes in Azure, as it guards {@code /api/promotions}.
 */
public final class BoardFunctions {

    @FunctionName("GetBoard")
    public HttpResponseMessage board(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS,
                    route = "board") HttpRequestMessage<Optional<String>> request,
            @DurableClientInput(name = "durableContext") DurableClientContext durable,
            ExecutionContext context) {
        return Log.during(context.getLogger(), () -> ApprovalHttp.respond(request,
                Promoter.get().board(new DurableOrchestrations(durable.getClient()))
                        .board(request.getQueryParameters(), request.getHeaders().get("accept"))));
    }

    @FunctionName("GetTarget")
    public HttpResponseMessage target(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS,
                    route = "targets/{name}") HttpRequestMessage<Optional<String>> request,
            @BindingName("name") String name,
            @DurableClientInput(name = "durableContext") DurableClientContext durable,
            ExecutionContext context) {
        return Log.during(context.getLogger(), () -> ApprovalHttp.respond(request,
                Promoter.get().board(new DurableOrchestrations(durable.getClient()))
                        .target(name, request.getQueryParameters(), request.getHeaders().get("accept"))));
    }

    @FunctionName("GetTargetHistory")
    public HttpResponseMessage history(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS,
                    route = "targets/{name}/history") HttpRequestMessage<Optional<String>> request,
            @BindingName("name") String name,
            @DurableClientInput(name = "durableContext") DurableClientContext durable,
            ExecutionContext context) {
        return Log.during(context.getLogger(), () -> ApprovalHttp.respond(request,
                Promoter.get().board(new DurableOrchestrations(durable.getClient()))
                        .history(name, request.getQueryParameters())));
    }
}
