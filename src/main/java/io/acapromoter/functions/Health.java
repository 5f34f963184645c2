package io.acapromoter.functions;

import io.acapromoter.logging.Log;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import io.acapromoter.policy.PromotionFileException;

import java.util.Optional;

/**
 * {@code GET /api/health}: 200 when the promotion file is valid, 503 when not. The route is
 * anonymous, so the errors themselves (which name resources) go to the log, not the response.
 */
public final class Health {

    @FunctionName("Health")
    public HttpResponseMessage run(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS,
                    route = "health") HttpRequestMessage<Optional<String>> request,
            ExecutionContext context) {
        return Log.during(context.getLogger(), () -> {
            try {
                int targets = Promoter.check().targets().size();
                return request.createResponseBuilder(HttpStatus.OK).header("Content-Type", "text/plain; charset=utf-8")
                        .body("OK: " + targets + " target" + (targets == 1 ? "" : "s") + "\n").build();
            } catch (PromotionFileException e) {
                context.getLogger().severe(e.getMessage());
                return request.createResponseBuilder(HttpStatus.SERVICE_UNAVAILABLE)
                        .header("Content-Type", "text/plain; charset=utf-8").body("promotion file is invalid (" + e.errors().size() + " errors); the function log lists them\n").build();
            }
        });
    }
}
