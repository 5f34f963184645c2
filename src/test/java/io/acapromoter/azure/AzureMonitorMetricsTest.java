package io.acapromoter.azure;

import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import io.acapromoter.domain.RevisionTraffic;
import io.acapromoter.ports.AzureOperationException;
import io.acapromoter.ports.TrafficQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The adapter's reading of Azure Monitor's answers: the documented shapes, and everything else refused by name. */
class AzureMonitorMetricsTest {

    static final String APP = "/subscriptions/00000000-0000-0000-0000-0000000000a1/resourceGroups/rg/providers/Microsoft.App/containerApps/web";
    static final String INSIGHTS = "/subscriptions/00000000-0000-0000-0000-0000000000a1/resourceGroups/rg/providers/Microsoft.Insights/components/ai";
    static final Instant FROM = Instant.parse("2026-11-23T10:00:00Z");
    static final TrafficQuery PLATFORM = new TrafficQuery(APP, "web--sha-1", FROM, FROM.plusSeconds(60), Optional.empty(), false);
    static final TrafficQuery LOGS = new TrafficQuery(APP, "web--sha-1", FROM, FROM.plusSeconds(60), Optional.of(INSIGHTS), false);

    final List<HttpRequest> sent = new ArrayList<>();

    AzureMonitorMetrics answering(int status, String body) {
        HttpPipeline pipeline = new HttpPipelineBuilder().httpClient(request -> {
            sent.add(request);
            return Mono.just(new Canned(request, status, body));
        }).build();
        return new AzureMonitorMetrics(pipeline, "https://management.example", pipeline, "https://logs.example/");
    }

    /** Shaped as GetMetric.json of azure-rest-api-specs (2023-10-01): dimension names come back in lower case. */
    static String requestsAnswer(String twoXx, String fiveXx) {
        return """
                {"cost": 0, "timespan": "2026-11-23T10:00:00Z/2026-11-23T10:01:00Z", "interval": "PT1M",
                 "value": [{"id": "x/providers/Microsoft.Insights/metrics/Requests", "type": "Microsoft.Insights/metrics",
                   "name": {"value": "Requests", "localizedValue": "Requests"}, "unit": "Count",
                   "timeseries": [
                     {"metadatavalues": [{"name": {"value": "statuscodecategory", "localizedValue": "statuscodecategory"}, "value": "2xx"}],
                      "data": [{"timeStamp": "2026-11-23T10:00:00Z", "total": %s}]},
                     {"metadatavalues": [{"name": {"value": "statuscodecategory", "localizedValue": "statuscodecategory"}, "value": "5xx"}],
                      "data": [{"timeStamp": "2026-11-23T10:00:00Z", "total": %s}, {"timeStamp": "2026-11-23T10:00:30Z"}]}],
                   "errorCode": "Success"}],
                 "namespace": "microsoft.app/containerapps", "resourceregion": "westeurope"}
                """.formatted(twoXx, fiveXx);
    }

    @Test
    void measure_sumsTheRequestsOfTheRevisionByStatusCodeCategory() {
        RevisionTraffic traffic = answering(200, requestsAnswer("90.0", "10.0")).measure(PLATFORM);

        assertThat(traffic.requests()).isEqualTo(100);
        assertThat(traffic.serverErrors()).isEqualTo(10);
        assertThat(traffic.p95Millis()).isEmpty();
        String url = URLDecoder.decode(sent.get(0).getUrl().toString(), StandardCharsets.UTF_8);
        assertThat(url).startsWith("https://management.example/subscriptions/").contains("/containerApps/web/providers/Microsoft.Insights/metrics?")
                .contains("api-version=2023-10-01", "metricnames=Requests", "aggregation=Total", "interval=FULL",
                        "timespan=2026-11-23T10:00:00Z/2026-11-23T10:01:00Z",
                        "$filter=revisionName eq 'web--sha-1' and statusCodeCategory eq '*'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a total that is text|{\"value\": [{\"name\": {\"value\": \"Requests\"}, \"timeseries\": [{\"data\": [{\"total\": \"12\"}]}]}]}|data.total is STRING, not a number",
            "timeseries that is not a list|{\"value\": [{\"name\": {\"value\": \"Requests\"}, \"timeseries\": \"x\"}]}|timeseries is not a list",
            "a negative count|{\"value\": [{\"name\": {\"value\": \"Requests\"}, \"timeseries\": [{\"data\": [{\"total\": -1}]}]}]}|data.total is -1.0",
            "no entry for the metric|{\"value\": []}|no entry for metric Requests",
            "not an object|[1, 2]|the answer is not a JSON object",
            "not JSON|<html>oops</html>|the answer is not JSON",
            "a metric error|{\"value\": [{\"name\": {\"value\": \"Requests\"}, \"timeseries\": [], \"errorCode\": \"InvalidSamplingType\", \"errorMessage\": \"Sampling type is not found\"}]}|InvalidSamplingType: Sampling type is not found",
    })
    void measure_refusesAnswersOfTheWrongShapeByName(String what, String body, String problem) {
        assertThatThrownBy(() -> answering(200, body).measure(PLATFORM))
                .isInstanceOfSatisfying(AzureOperationException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining(problem);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @CsvSource({"403, false", "404, false", "429, true", "503, true"})
    void measure_tellsWhetherRetryingAnErrorCanHelp(int status, boolean transientFault) {
        assertThatThrownBy(() -> answering(status, "{\"error\": {\"code\": \"AuthorizationFailed\", \"message\": \"no access\"}}")
                .measure(PLATFORM))
                .isInstanceOfSatisfying(AzureOperationException.class, e -> {
                    assertThat(e.isTransient()).isEqualTo(transientFault);
                    assertThat(e.status()).isEqualTo(status);
                })
                .hasMessageContaining("AuthorizationFailed: no access");
    }

    @Test
    void measure_readsRequestsFailuresAndP95FromTheApplicationInsightsRequestsTable() {
        RevisionTraffic traffic = answering(200, """
                {"tables": [{"name": "PrimaryResult", "columns": [{"name": "total", "type": "long"},
                  {"name": "failed", "type": "long"}, {"name": "p95", "type": "real"}], "rows": [[200, 7, 812.5]]}]}
                """).measure(LOGS);

        assertThat(traffic.requests()).isEqualTo(200);
        assertThat(traffic.serverErrors()).isEqualTo(7);
        assertThat(traffic.p95Millis()).hasValue(812.5);
        assertThat(sent.get(0).getUrl().toString()).isEqualTo("https://logs.example/v1" + INSIGHTS + "/query");
        String body = new String(sent.get(0).getBodyAsBinaryData().toBytes(), StandardCharsets.UTF_8);
        assertThat(body).contains("cloud_RoleInstance startswith 'web--sha-1-'", "sumif(itemCount, toint(resultCode) >= 500)",
                "percentile(duration, 95)", "\"timespan\":\"2026-11-23T10:00:00Z/2026-11-23T10:01:00Z\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no p95 column|{\"tables\": [{\"columns\": [{\"name\": \"total\"}, {\"name\": \"failed\"}], \"rows\": [[1, 0]]}]}|no column 'p95'",
            "more failed than requests|{\"tables\": [{\"columns\": [{\"name\": \"total\"}, {\"name\": \"failed\"}, {\"name\": \"p95\"}], \"rows\": [[1, 2, 3.0]]}]}|more failed requests (2) than requests (1)",
            "a short row|{\"tables\": [{\"columns\": [{\"name\": \"total\"}, {\"name\": \"failed\"}, {\"name\": \"p95\"}], \"rows\": [[1, 0]]}]}|a row does not match the columns",
            "p95 as text|{\"tables\": [{\"columns\": [{\"name\": \"total\"}, {\"name\": \"failed\"}, {\"name\": \"p95\"}], \"rows\": [[1, 0, \"fast\"]]}]}|p95 is STRING, not a number",
    })
    void measure_refusesQueryAnswersOfTheWrongShapeByName(String what, String body, String problem) {
        assertThatThrownBy(() -> answering(200, body).measure(LOGS))
                .isInstanceOf(AzureOperationException.class).hasMessageContaining(problem);
    }

    @Test
    void measure_countsNoRequestsAsAnAnswerNotAFault() {
        RevisionTraffic traffic = answering(200, """
                {"tables": [{"columns": [{"name": "total"}, {"name": "failed"}, {"name": "p95"}], "rows": [[0, 0, null]]}]}
                """).measure(LOGS);

        assertThat(traffic.requests()).isZero();
        assertThat(traffic.p95Millis()).isEmpty();
    }

    @Test
    void measure_neverPutsAnOddRevisionNameIntoAFilterOrAQuery() {
        TrafficQuery odd = new TrafficQuery(APP, "web' or revisionName eq '*", FROM, FROM.plusSeconds(60), Optional.empty(), false);
        assertThatThrownBy(() -> answering(200, requestsAnswer("1", "0")).measure(odd))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a revision name");
        assertThat(sent).isEmpty();
    }

    /** A fixed answer. */
    static final class Canned extends HttpResponse {
        private final int status;
        private final byte[] body;

        Canned(HttpRequest request, int status, String body) {
            super(request);
            this.status = status;
            this.body = body.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int getStatusCode() {
            return status;
        }

        @Override
        @Deprecated
        public String getHeaderValue(String name) {
            return null;
        }

        @Override
        public HttpHeaders getHeaders() {
            return new HttpHeaders();
        }

        @Override
        public Flux<ByteBuffer> getBody() {
            return Flux.just(ByteBuffer.wrap(body));
        }

        @Override
        public Mono<byte[]> getBodyAsByteArray() {
            return Mono.just(body);
        }

        @Override
        public Mono<String> getBodyAsString() {
            return Mono.just(new String(body, StandardCharsets.UTF_8));
        }

        @Override
        public Mono<String> getBodyAsString(java.nio.charset.Charset charset) {
            return Mono.just(new String(body, charset));
        }
    }
}
