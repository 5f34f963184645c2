package io.acapromoter.orchestration;

import com.google.gson.Gson;
import com.microsoft.durabletask.JacksonDataConverter;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.ports.AuditRecord;
import io.acapromoter.ports.Notifier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Activity payloads cross two serializers: the orchestrator writes inputs with durabletask's
 * Jackson, the Functions worker binds them with Gson, the worker writes outputs with Gson and the
 * orchestrator reads them with Jackson. Every payload type must survive both ways unchanged.
 */
class PayloadRoundTripTest {

    static final JacksonDataConverter JACKSON = new JacksonDataConverter();
    static final Gson GSON = new Gson();
    static final String IMAGE = "contoso.azurecr.io/shop/web@sha256:" + "ab".repeat(32);

    static Stream<Object> payloads() {
        PromotionStatus status = new PromotionStatus("web-sha256-ab", "web", IMAGE, "v1.2.3", "ci", "2026-11-23T10:00:00Z",
                "AWAITING_APPROVAL", "waiting", List.of(new PromotionStatus.TimelineEntry("2026-11-23T10:00:00Z", "PENDING", "received")),
                "contoso.azurecr.io/shop/web@sha256:" + "cd".repeat(32), "web--sha-abab", "https://web---staging.example.io",
                List.of(new PromotionStatus.ProbeOutcome("health", "https://x/health", true, 200, 12, 1, null)), 2,
                List.of("alice@contoso.com", "group:11111111-2222-3333-4444-555555555555"), "2026-11-24T10:00:00Z",
                List.of(new PromotionStatus.DecisionEntry("alice@contoso.com", "approve", null, "2026-11-23T11:00:00Z")),
                "sha256:" + "cd".repeat(32), List.of("CVE-2024-6387"), List.of("single-revision app"));
        return Stream.of(
                new PromotionInput("web-sha256-ab", "web", IMAGE, "v1.2.3", "2026-11-23T10:00:00.123456789Z", null, "evt-1",
                        "sha256:" + "cd".repeat(32), List.of("CVE-2024-6387")),
                new StepRequest("web-sha256-ab", "web", IMAGE, "web--sha-abab", "web--initial", IMAGE, "https://x", 50, "t5x8k2",
                        "azure_async_operation https://management.azure.com/subscriptions/s/providers/Microsoft.App/locations/eastus/containerappOperationStatuses/1", true),
                new StepResult(StepResult.State.WAITING, "provisioning", "web--sha-abab", "https://x", IMAGE, "web--initial",
                        List.of(new PromotionStatus.ProbeOutcome("health", "https://x/health", false, 503, 40, 3, "expected 200")),
                        List.of("a warning"), "location https://management.azure.com/op/2"),
                new Plan("web", "CONTAINER_APP", "label", "canary", 900, List.of(10, 50, 100), 300, 900, 60, 2,
                        List.of("alice@contoso.com"), 86400, 14400),
                status,
                new AuditRecord("web-sha256-ab", "2026-11-23T10:00:00Z", "decision", "alice@contoso.com", "approved",
                        Map.of("decision", "approve", "source", "10.0.0.1")),
                new DecisionEvent("alice@contoso.com", List.of("g1"), "reject", "not today", "2026-11-23T10:00:00Z",
                        "10.0.0.1", "sha256:" + "ab".repeat(32)),
                new RebuildRun("/subscriptions/x/resourceGroups/r/providers/Microsoft.ContainerRegistry/registries/contoso",
                        "cb12", "Succeeded", true, true, List.of(IMAGE)),
                new RebuildStatus("rebuild-web-sha256-ab-20261123T000000Z", "web", "sha256:" + "ab".repeat(32),
                        List.of("CVE-1", "CVE-2"), "cb12", "SUCCEEDED", "done", List.of(IMAGE)),
                new Notifier.Delivery("teams", false, "HTTP 503"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void payload_survivesJacksonToGsonAndGsonToJackson(Object payload) {
        Class<?> type = payload.getClass();

        Object asActivityInput = GSON.fromJson(JACKSON.serialize(payload), type);
        Object asActivityOutput = JACKSON.deserialize(GSON.toJson(payload), type);

        assertThat(asActivityInput).isEqualTo(payload);
        assertThat(asActivityOutput).isEqualTo(payload);
    }
}
