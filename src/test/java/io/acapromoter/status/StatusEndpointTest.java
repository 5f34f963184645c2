package io.acapromoter.status;

import io.acapromoter.ports.Orchestrations.Event;
import io.acapromoter.ports.Orchestrations.Orchestrator;
import io.acapromoter.domain.Phase;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acapromoter.approval.Response;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.ports.InstanceView;
import io.acapromoter.ports.Orchestrations;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StatusEndpointTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static PromotionStatus status(String id, String target, Phase phase, String detail) {
        return new PromotionStatus(id, target, "contoso.azurecr.io/web@sha256:" + "a".repeat(64), "v1<script>", "mallory",
                "2026-11-23T10:00:00Z", phase, detail, List.of(new PromotionStatus.TimelineEntry("2026-11-23T10:00:00Z", phase, detail)),
                null, null, null, List.of(), 1, List.of("alice@contoso.com"), null, List.of(), null, List.of(), List.of());
    }

    /** Holds fixed instances; the endpoint only reads. */
    record Store(List<InstanceView> views) implements Orchestrations {
        @Override
        public <I> StartResult startIfAbsent(Orchestrator<I> orchestrator, String instanceId, I input) {
            throw new AssertionError("the status endpoint must not start anything");
        }

        @Override
        public Optional<InstanceView> get(String instanceId) {
            return views.stream().filter(v -> v.instanceId().equals(instanceId)).findFirst();
        }

        @Override
        public List<InstanceView> list(String orchestrator, String idPrefix, int limit) {
            return views.stream().filter(v -> v.instanceId().startsWith(idPrefix)).limit(limit).toList();
        }

        @Override
        public <P> void raiseEvent(String instanceId, Event<P> event, P payload) {
            throw new AssertionError("the status endpoint must not raise events");
        }

        @Override
        public void terminate(String instanceId, String reason) {
            throw new AssertionError("the status endpoint must not terminate");
        }
    }

    static InstanceView view(PromotionStatus s) throws Exception {
        return new InstanceView(s.promotionId(), "PromotionOrchestrator", InstanceView.RuntimeState.RUNNING,
                Optional.of(JSON.writeValueAsString(s)), Optional.empty(), Optional.empty(), Optional.empty(),
                Instant.parse("2026-11-23T10:00:00Z"), Instant.parse("2026-11-23T10:05:00Z"));
    }

    final StatusEndpoint endpoint;

    StatusEndpointTest() throws Exception {
        endpoint = new StatusEndpoint(new Store(List.of(
                view(status("web-sha256-1", "web", Phase.AWAITING_APPROVAL, "waiting <b>now</b>")),
                view(status("api-sha256-2", "api", Phase.SUCCEEDED, "done")))));
    }

    @Test
    void list_filtersByTargetAndPhaseAndAnswersJsonByDefault() throws Exception {
        Response byTarget = endpoint.list(Map.of("target", "web"), null);
        Response byPhase = endpoint.list(Map.of("phase", "succeeded"), "application/json");

        assertThat(byTarget.headers()).containsEntry("Content-Type", "application/json");
        assertThat(JSON.readTree(byTarget.body())).hasSize(1);
        assertThat(JSON.readTree(byTarget.body()).get(0).at("/promotion/phase").asText()).isEqualTo("AWAITING_APPROVAL");
        assertThat(JSON.readTree(byPhase.body())).singleElement().satisfies(v -> assertThat(v.get("id").asText()).isEqualTo("api-sha256-2"));
    }

    @Test
    void json_writesDecisionsInTheirLowerCaseWireWord_asLinksFormsAndTheAuditTrailDo() throws Exception {
        PromotionStatus decided = new PromotionStatus("web-sha256-3", "web", "contoso.azurecr.io/web@sha256:" + "b".repeat(64),
                "v2", "mallory", "2026-11-23T10:00:00Z", Phase.ROLLING_OUT, "approved", List.of(), null, null, null, List.of(), 1,
                List.of("alice@contoso.com"), null,
                List.of(new PromotionStatus.DecisionEntry("alice@contoso.com", io.acapromoter.domain.Decision.APPROVE, "ok",
                        "2026-11-23T10:04:00Z")),
                null, List.of(), List.of());
        StatusEndpoint one = new StatusEndpoint(new Store(List.of(view(decided))));

        Response answer = one.get("web-sha256-3", Map.of(), "application/json");

        assertThat(JSON.readTree(answer.body()).at("/promotion/decisions/0/decision").asText()).isEqualTo("approve");
        assertThat(JSON.readTree(answer.body()).at("/promotion/phase").asText()).isEqualTo("ROLLING_OUT");
    }

    @Test
    void htmlViews_escapeEveryValue() {
        Response list = endpoint.list(Map.of("format", "html"), null);
        Response detail = endpoint.get("web-sha256-1", Map.of(), "text/html,application/xhtml+xml");

        assertThat(list.body()).contains("waiting &lt;b&gt;now&lt;/b&gt;").doesNotContain("<b>now</b>");
        assertThat(detail.body()).contains("v1&lt;script&gt;").doesNotContain("<script>");
        assertThat(detail.headers()).containsEntry("Content-Type", "text/html; charset=utf-8").containsEntry("Cache-Control", "no-store");
    }

    @Test
    void unknownIdsAndPhasesAreClearErrors() {
        assertThat(endpoint.get("nope", Map.of(), null).status()).isEqualTo(404);
        Response bad = endpoint.list(Map.of("phase", "DANCING"), null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("unknown phase 'DANCING'");
        assertThat(endpoint.list(Map.of("limit", "many"), null).status()).isEqualTo(400);
    }

    @Test
    void list_filtersByPhaseBeforeTheLimitAndPagesWithOffset() throws Exception {
        List<InstanceView> many = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            many.add(view(status("web-sha256-run" + i, "web", Phase.AWAITING_APPROVAL, "waiting")));
        }
        for (int i = 0; i < 3; i++) {
            many.add(view(status("web-sha256-ok" + i, "web", Phase.SUCCEEDED, "done")));
        }
        StatusEndpoint crowded = new StatusEndpoint(new Store(many));

        Response first = crowded.list(Map.of("phase", "SUCCEEDED", "limit", "2"), null);
        Response second = crowded.list(Map.of("phase", "SUCCEEDED", "limit", "2", "offset", "2"), null);

        assertThat(JSON.readTree(first.body())).hasSize(2);
        assertThat(first.headers()).containsEntry("X-Next-Offset", "2");
        assertThat(JSON.readTree(second.body())).hasSize(1);
        assertThat(second.headers()).doesNotContainKey("X-Next-Offset");
    }

    @Test
    void list_saysWhenTheStoreHeldMorePromotionsThanItSearched() throws Exception {
        InstanceView one = view(status("web-sha256-1", "web", Phase.SUCCEEDED, "done"));
        List<InstanceView> many = java.util.Collections.nCopies(PromotionQueries.SCAN + 1, one);
        StatusEndpoint crowded = new StatusEndpoint(new Store(many));
        StatusEndpoint exact = new StatusEndpoint(new Store(many.subList(0, PromotionQueries.SCAN)));

        Response json = crowded.list(Map.of("limit", "1"), null);
        Response html = crowded.list(Map.of("format", "html", "limit", "1"), null);

        assertThat(json.headers()).containsEntry(StatusEndpoint.TRUNCATED_HEADER, String.valueOf(PromotionQueries.SCAN));
        assertThat(html.body()).contains("Only the newest " + PromotionQueries.SCAN + " promotions were searched");
        assertThat(exact.list(Map.of("limit", "1"), null).headers()).doesNotContainKey(StatusEndpoint.TRUNCATED_HEADER);
    }

    @Test
    void list_refusesALimitAboveTheMaximumInsteadOfCappingIt() {
        Response refused = endpoint.list(Map.of("limit", "5000"), null);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("limit must be 1 to 200");
    }

    @Test
    void statusPages_carryTheSameProtectionsAsTheApprovalPage() {
        Response page = endpoint.list(Map.of("format", "html"), null);

        assertThat(page.headers()).containsEntry("X-Frame-Options", "DENY")
                .containsKey("Content-Security-Policy").containsEntry("Referrer-Policy", "no-referrer");
        assertThat(page.headers().get("Content-Security-Policy")).contains("default-src 'none'").doesNotContain("script-src");
    }
}
