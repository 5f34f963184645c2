package io.acapromoter.local;

import io.acapromoter.domain.Phase;
import io.acapromoter.local.server.LocalServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;

import static org.assertj.core.api.Assertions.assertThat;

/** The local server answers the Function App's routes as Azure does, over HTTP. */
class LocalHttpTest {

    final LocalFlow flow = new LocalFlow();
    final HttpClient http = HttpClient.newHttpClient();
    LocalServer server;
    String base;

    @BeforeEach
    void start() throws IOException {
        server = LocalHttp.server(0, flow.rt.intake(), flow.rt.findingIntake(), flow.rt.orchestrations(), flow.rt.approvals(), flow.rt.operators(), flow.rt.board());
        server.start();
        base = "http://localhost:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
        flow.close();
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder post(String path, String body) {
        return post(path, body, "Notification");
    }

    /** A POST as Event Grid sends it, with its {@code aeg-event-type} header. */
    HttpRequest.Builder post(String path, String body, String aegEventType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body));
        return aegEventType == null ? b : b.header("aeg-event-type", aegEventType);
    }

    static final String VALIDATION = "{\"id\":\"1\",\"eventType\":\"Microsoft.EventGrid.SubscriptionValidationEvent\",\"subject\":\"\","
            + "\"dataVersion\":\"1\",\"eventTime\":\"2026-11-30T12:00:00Z\",\"data\":{\"validationCode\":\"512d38b6-c7b8-40c8-89fe-f46f9e9622b6\"}}";

    @Test
    void eventGridWebhook_refusesARequestWithoutTheAegEventTypeHeader() throws Exception {
        var missing = send(post("/runtime/webhooks/EventGrid?functionName=OnImagePushed",
                flow.rt.world().sampleEvents().get("shop-web"), null));
        var unknown = send(post("/runtime/webhooks/EventGrid?functionName=OnImagePushed",
                flow.rt.world().sampleEvents().get("shop-web"), "Gimme"));

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("aeg-event-type header is missing");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("unknown aeg-event-type 'Gimme'");
        assertThat(flow.rt.orchestrations().list("PromotionOrchestrator", "", 5)).isEmpty();
    }

    @Test
    void eventGridWebhook_handlesEveryEventOfANotificationEvenWhenAValidationEventComesFirst() throws Exception {
        String push = flow.rt.world().sampleEvents().get("shop-web").strip();
        String pushes = push.startsWith("[") ? push.substring(1, push.length() - 1) : push;

        var delivered = send(post("/runtime/webhooks/EventGrid?functionName=OnImagePushed", "[" + VALIDATION + "," + pushes + "]"));

        assertThat(delivered.statusCode()).isEqualTo(200);
        assertThat(delivered.body()).doesNotContain("validationResponse").contains("\"decision\":\"promote\"");
    }

    @Test
    void eventGridWebhook_answersABodyThatIsNotJsonWith400ForBothFunctions() throws Exception {
        var pushed = send(post("/runtime/webhooks/EventGrid?functionName=OnImagePushed", "{not json"));
        var finding = send(post("/runtime/webhooks/EventGrid?functionName=OnVulnerabilityFinding", "{not json"));
        var shapeless = send(post("/runtime/webhooks/EventGrid?functionName=OnVulnerabilityFinding", "[{\"hello\":1}]"));

        assertThat(pushed.statusCode()).isEqualTo(400);
        assertThat(pushed.body()).contains("malformed JSON");
        assertThat(finding.statusCode()).isEqualTo(400);
        assertThat(finding.body()).contains("malformed JSON");
        assertThat(shapeless.statusCode()).isEqualTo(400);
        assertThat(shapeless.body()).contains("\"decision\":\"refuse\"");
    }

    @Test
    void eventGridWebhook_answersTheValidationHandshakeInBothSchemas() throws Exception {
        var eventGrid = send(post("/runtime/webhooks/EventGrid?functionName=OnImagePushed", "[" + VALIDATION + "]",
                "SubscriptionValidation"));
        var cloudEvents = send(HttpRequest.newBuilder(URI.create(base + "/runtime/webhooks/EventGrid?functionName=OnImagePushed"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("WebHook-Request-Origin", "eventgrid.azure.net"));

        assertThat(eventGrid.body()).contains("\"validationResponse\":\"512d38b6-c7b8-40c8-89fe-f46f9e9622b6\"");
        assertThat(cloudEvents.headers().firstValue("WebHook-Allowed-Origin")).contains("eventgrid.azure.net");
    }

    @Test
    void aPostedPushRunsToApprovalAndTheLinkMovesItToProduction() throws Exception {
        var delivered = send(post("/runtime/webhooks/EventGrid?functionName=OnImagePushed",
                flow.rt.world().sampleEvents().get("shop-web")));
        assertThat(delivered.statusCode()).isEqualTo(200);
        assertThat(delivered.body()).contains("\"decision\":\"promote\"");
        String id = flow.rt.orchestrations().list("PromotionOrchestrator", "", 5).get(0).instanceId();
        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, Duration.ofMinutes(30));

        var json = send(HttpRequest.newBuilder(URI.create(base + "/api/promotions?target=shop-web")));
        var html = send(HttpRequest.newBuilder(URI.create(base + "/api/promotions/" + id)).header("Accept", "text/html"));
        assertThat(json.body()).contains("\"phase\" : \"AWAITING_APPROVAL\"");
        assertThat(html.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(html.body()).contains("<h1>shop-web: <span data-phase>AWAITING_APPROVAL</span></h1>");

        String link = flow.request(id).approve().toString().replace("http://localhost:7071", base);
        var page = send(HttpRequest.newBuilder(URI.create(link)));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(flow.phase(id)).as("a GET decides nothing").isEqualTo(Phase.AWAITING_APPROVAL);
        Matcher token = LocalFlow.FORM_TOKEN.matcher(page.body());
        assertThat(token.find()).isTrue();
        var decided = send(HttpRequest.newBuilder(URI.create(link)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("form_token=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8)
                        + "&decision=approve")));
        assertThat(decided.statusCode()).isEqualTo(200);

        flow.advanceUntilFinished(id, Duration.ofMinutes(30));
        assertThat(flow.phase(id)).isEqualTo(Phase.SUCCEEDED);
    }

    @Test
    void unknownFunctionsAndMethodsAreRefusedWithAReason() throws Exception {
        assertThat(send(post("/runtime/webhooks/EventGrid?functionName=Nope", "[]")).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/promotions")).DELETE()).statusCode()).isEqualTo(405);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/promotions/nope"))).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/promotions?phase=DANCING"))).body()).contains("unknown phase");
    }

    @Test
    void slowClientsHoldingTheirRequestsOpen_doNotStallOthers() throws Exception {
        List<java.net.Socket> slow = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port());
                socket.getOutputStream().write(("POST /runtime/webhooks/EventGrid?functionName=OnImagePushed HTTP/1.1\r\n"
                        + "Host: localhost\r\nContent-Length: 100000\r\naeg-event-type: Notification\r\n\r\n[").getBytes());
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            var health = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> send(HttpRequest.newBuilder(URI.create(base + "/api/health"))));

            assertThat(health.statusCode()).isEqualTo(200);
        } finally {
            for (java.net.Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void aBodyOverTheLimit_gets413() throws Exception {
        var tooLarge = send(post("/runtime/webhooks/EventGrid?functionName=OnImagePushed", "[" + " ".repeat(2 * 1024 * 1024) + "]"));

        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("larger than");
    }

    @Test
    void aStormOfRedeliveries_startsExactlyOnePromotionPerDistinctPushAndLosesNone() throws Exception {
        String event = flow.rt.world().sampleEvents().get("shop-web");
        String digest = flow.candidateDigest("shop-web");
        List<String> distinct = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            distinct.add(event.replace(digest, "sha256:" + String.format("%064x", 0x5707000L + i)));
        }
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(16);
        List<java.util.concurrent.Future<Integer>> sent = new java.util.ArrayList<>();
        int redeliveries = 500;
        for (int i = 0; i < redeliveries; i++) {
            String body = distinct.get(i % distinct.size());
            sent.add(clients.submit(() -> send(post("/runtime/webhooks/EventGrid?functionName=OnImagePushed", body)).statusCode()));
        }
        int ok = 0;
        for (var f : sent) {
            ok += f.get() == 200 ? 1 : 0;
        }
        clients.shutdown();

        List<String> started = flow.rt.orchestrations().list("PromotionOrchestrator", "shop-web-", 1000).stream()
                .map(io.acapromoter.ports.InstanceView::instanceId).toList();
        long lost = distinct.stream().filter(b -> started.stream().noneMatch(id -> b.contains(id.substring("shop-web-".length())
                .replace("sha256-", "sha256:")))).count();
        System.out.println("storm: redeliveries " + redeliveries + ", answered 200 " + ok + ", distinct pushes " + distinct.size()
                + ", promotions started " + started.size() + ", lost " + lost);
        assertThat(ok).isEqualTo(redeliveries);
        assertThat(started).hasSize(distinct.size());
        assertThat(lost).isZero();
    }
}
