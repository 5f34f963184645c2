package io.acapromoter.azure;

import com.azure.communication.email.EmailClientBuilder;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipelineBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.acapromoter.ports.OutgoingEmail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real ACS e-mail client against a local stand-in for {@code POST /emails:send} and its operation. */
class AcsEmailSenderTest {

    HttpServer server;
    final List<JsonNode> sent = new CopyOnWriteArrayList<>();
    volatile String finalStatus = "Succeeded";
    String endpoint;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/emails:send", exchange -> {
            sent.add(new ObjectMapper().readTree(exchange.getRequestBody()));
            exchange.getResponseHeaders().add("Operation-Location", endpoint + "/emails/operations/op-1?api-version=2023-03-31");
            exchange.getResponseHeaders().add("Retry-After", "0");
            reply(exchange, 202, "{\"id\":\"op-1\",\"status\":\"Running\"}");
        });
        server.createContext("/emails/operations/", exchange -> reply(exchange, 200,
                "{\"id\":\"op-1\",\"status\":\"" + finalStatus + "\""
                        + ("Failed".equals(finalStatus) ? ",\"error\":{\"code\":\"Rejected\",\"message\":\"no\"}" : "") + "}"));
        server.start();
        endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    AcsEmailSender sender() {
        // A bare pipeline: the SDK only sends key credentials over HTTPS, and this stand-in speaks HTTP.
        return new AcsEmailSender(new EmailClientBuilder().endpoint(endpoint)
                .pipeline(new HttpPipelineBuilder().httpClient(HttpClient.createDefault()).build())
                .buildClient());
    }

    static OutgoingEmail mail() {
        return new OutgoingEmail("DoNotReply@contoso.com", "alice@contoso.com", "Approve web?", "<p>html</p>", "text");
    }

    @Test
    void send_postsHtmlAndTextToOneRecipientWithTrackingOff() {
        sender().send(mail());

        assertThat(sent).singleElement().satisfies(m -> {
            assertThat(m.get("senderAddress").asText()).isEqualTo("DoNotReply@contoso.com");
            assertThat(m.at("/recipients/to/0/address").asText()).isEqualTo("alice@contoso.com");
            assertThat(m.at("/recipients/to")).hasSize(1);
            assertThat(m.at("/content/subject").asText()).isEqualTo("Approve web?");
            assertThat(m.at("/content/html").asText()).isEqualTo("<p>html</p>");
            assertThat(m.at("/content/plainText").asText()).isEqualTo("text");
            assertThat(m.get("userEngagementTrackingDisabled").asBoolean()).isTrue();
        });
    }

    @Test
    void send_failsWhenTheServiceReportsTheMessageFailed() {
        finalStatus = "Failed";

        assertThatThrownBy(() -> sender().send(mail())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("alice@contoso.com").hasMessageContaining("Failed").hasMessageContaining("Rejected")
                .message().doesNotContain("<p>html</p>");
    }
}
