package io.acapromoter.local;

import io.acapromoter.approval.Response;
import io.acapromoter.local.server.LocalServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /admin/inject}, what {@code bin/promoter inject} calls on a running local runtime. */
class TrafficInjectionTest {

    final LocalFlow flow = new LocalFlow();

    @AfterEach
    void close() {
        flow.close();
    }

    Response post(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        return TrafficInjection.route(flow.rt).handle(new LocalServer.Request("POST", "", params, Map.of(), "", "127.0.0.1"));
    }

    @Test
    void inject_makesTheNewestRevisionsRequestsFailAsTheMetricsThenShow() {
        Response answer = post("target=shop-checkout&errorRate=0.5&latency=2s");
        flow.rt.driver().advance(Duration.ofMinutes(1));

        var checkout = flow.rt.ports().file().target("shop-checkout").orElseThrow();
        var traffic = flow.rt.ports().metrics().measure(new io.acapromoter.ports.TrafficQuery(checkout.productionResourceId(),
                "shop-checkout--initial", flow.rt.sim().clock().now().minusSeconds(60), flow.rt.sim().clock().now(),
                checkout.analysis().orElseThrow().applicationInsights(), false));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("shop-checkout--initial (weight 100%) fail at 50% and take 2000 ms");
        assertThat(traffic.requests()).isEqualTo(600);
        assertThat(traffic.serverErrors()).isEqualTo(300);
        assertThat(traffic.p95Millis()).hasValue(2000.0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "errorRate=0.3|target is required",
            "target=nope|no target 'nope' in the promotion file",
            "target=shop-checkout&errorRate=30|errorRate must be a share between 0 and 1",
            "target=shop-checkout&latency=fast|latency must be milliseconds or seconds",
            "target=shop-checkout&revision=shop-checkout--gone|has no revision 'shop-checkout--gone'",
            "target=nightly-report&errorRate=0.1|has no container app in the simulator",
    })
    void inject_refusesBadInputWithWhatIsWrong(String query, String problem) {
        Response answer = post(query);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains(problem);
        assertThat(Optional.ofNullable(answer.headers().get("Content-Type"))).isPresent();
    }
}
