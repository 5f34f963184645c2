package io.acapromoter.functions;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated bindings of the approval routes: anonymous (App Service Authentication guards them), one method each. */
class ApprovalFunctionBindingsIT {

    @ParameterizedTest(name = "{0} is an anonymous {1} on approvals/'{'token'}' with a Durable client")
    @CsvSource({"ApprovalPage,GET,ApprovalPageFunction", "ApprovalDecision,POST,ApprovalDecisionFunction"})
    void approvalRoutes_areAnonymousOnTheTokenRouteWithADurableClient(String name, String method, String type)
            throws IOException {
        JsonNode f = FunctionBindingsIT.function(name);
        JsonNode trigger = FunctionBindingsIT.binding(f, "httpTrigger");

        assertThat(trigger.get("route").asText()).isEqualTo("approvals/{token}");
        assertThat(trigger.get("authLevel").asText()).isEqualToIgnoringCase("anonymous");
        assertThat(trigger.get("methods")).extracting(JsonNode::asText).containsExactly(method);
        assertThat(FunctionBindingsIT.binding(f, "durableClient").get("name").asText()).isEqualTo("durableContext");
        assertThat(f.get("entryPoint").asText()).isEqualTo("io.acapromoter.functions." + type + ".run");
    }
}
