package io.acapromoter.azure;

import com.google.gson.Gson;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.CreateInstanceRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.CreateInstanceResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.GetInstanceRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.GetInstanceResponse;
import com.microsoft.durabletask.implementation.protobuf.TaskHubSidecarServiceGrpc;
import io.acapromoter.ports.Orchestrations;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannelProvider;
import io.grpc.Server;
import io.grpc.okhttp.OkHttpServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package ships grpc-okhttp instead of grpc-netty-shaded. durabletask's client builds its
 * channel with {@code ManagedChannelBuilder.forAddress("localhost", port).usePlaintext()}, which
 * takes whichever transport is on the classpath: this runs that client, bound the way the
 * Functions worker binds {@code DurableClientContext}, against a local gRPC server speaking the
 * host's sidecar service, through the project's own adapter.
 */
class DurableClientChannelTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private Server sidecar;

    @AfterEach
    void stop() {
        if (sidecar != null) {
            sidecar.shutdownNow();
        }
    }

    @Test
    void theOnlyChannelTransportOnTheClasspathIsOkHttp() {
        assertThat(ManagedChannelProvider.provider().getClass().getName()).isEqualTo("io.grpc.okhttp.OkHttpChannelProvider");
    }

    @Test
    void durableClientFromTheFunctionsBinding_startsAnInstanceThroughTheSidecarOverOkHttp() throws IOException {
        sidecar = OkHttpServerBuilder.forPort(0, InsecureServerCredentials.create()).addService(new Sidecar()).build().start();
        DurableClientContext context = new Gson().fromJson(
                "{\"taskHubName\":\"hub\",\"rpcBaseUrl\":\"http://127.0.0.1:" + sidecar.getPort() + "/durabletask/\"}",
                DurableClientContext.class);

        Orchestrations.StartResult result = new DurableOrchestrations(context.getClient())
                .startIfAbsent(new Orchestrations.Orchestrator<>("PromotionOrchestrator", Start.class), "shop-web-213bbc182920",
                        new Start("shop-web"));

        assertThat(result).isEqualTo(Orchestrations.StartResult.STARTED);
        assertThat(calls).containsExactly("getInstance shop-web-213bbc182920",
                "startInstance PromotionOrchestrator shop-web-213bbc182920 {\"target\":\"shop-web\"}");
    }

    @Test
    void listingsFollowTheStoresContinuationTokensToTheLastPage() throws IOException {
        PagedStore store = new PagedStore(250);
        sidecar = OkHttpServerBuilder.forPort(0, InsecureServerCredentials.create()).addService(store).build().start();
        DurableClientContext context = new Gson().fromJson(
                "{\"taskHubName\":\"hub\",\"rpcBaseUrl\":\"http://127.0.0.1:" + sidecar.getPort() + "/durabletask/\"}",
                DurableClientContext.class);
        DurableOrchestrations orchestrations = new DurableOrchestrations(context.getClient());

        List<io.acapromoter.ports.InstanceView> live = orchestrations.listLive("PromotionOrchestrator", "shop-web-");

        assertThat(live).hasSize(250);
        assertThat(live).extracting(io.acapromoter.ports.InstanceView::instanceId).doesNotHaveDuplicates();
        assertThat(calls).containsExactly("query from  statuses 4 prefix shop-web-", "query from 100 statuses 4 prefix shop-web-",
                "query from 200 statuses 4 prefix shop-web-");

        calls.clear();
        List<io.acapromoter.ports.InstanceView> newest = orchestrations.list("PromotionOrchestrator", "shop-web-", 150);
        assertThat(newest).hasSize(150);
        assertThat(newest.get(0).createdAt()).isAfter(newest.get(149).createdAt());
        assertThat(calls).as("stops once it has enough").hasSize(2);

        calls.clear();
        java.time.Instant from = java.time.Instant.parse("2026-11-23T10:00:00Z");
        assertThat(orchestrations.listCreatedSince("PromotionOrchestrator", "shop-web-", from)).hasSize(250);
        assertThat(calls).hasSize(3).allSatisfy(c -> assertThat(c).contains("created from 2026-11-23T10:00:00Z"));
    }

    /** A store of {@code size} running instances answering queries a page at a time, with continuation tokens. */
    private final class PagedStore extends TaskHubSidecarServiceGrpc.TaskHubSidecarServiceImplBase {
        private final int size;

        PagedStore(int size) {
            this.size = size;
        }

        @Override
        public void queryInstances(com.microsoft.durabletask.implementation.protobuf.OrchestratorService.QueryInstancesRequest request,
                                   StreamObserver<com.microsoft.durabletask.implementation.protobuf.OrchestratorService.QueryInstancesResponse> response) {
            var query = request.getQuery();
            String token = query.hasContinuationToken() ? query.getContinuationToken().getValue() : "";
            calls.add("query from " + token + " statuses " + query.getRuntimeStatusCount() + " prefix "
                    + query.getInstanceIdPrefix().getValue()
                    + (query.hasCreatedTimeFrom() ? " created from " + java.time.Instant.ofEpochSecond(query.getCreatedTimeFrom().getSeconds()) : ""));
            int start = token.isEmpty() ? 0 : Integer.parseInt(token);
            int end = Math.min(size, start + query.getMaxInstanceCount());
            var answer = com.microsoft.durabletask.implementation.protobuf.OrchestratorService.QueryInstancesResponse.newBuilder();
            for (int i = start; i < end; i++) {
                com.google.protobuf.Timestamp created = com.google.protobuf.Timestamp.newBuilder().setSeconds(1_795_000_000L + i).build();
                answer.addOrchestrationState(com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationState.newBuilder()
                        .setInstanceId("shop-web-" + i).setName("PromotionOrchestrator")
                        .setOrchestrationStatus(com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus.ORCHESTRATION_STATUS_RUNNING)
                        .setCreatedTimestamp(created).setLastUpdatedTimestamp(created));
            }
            if (end < size) {
                answer.setContinuationToken(com.google.protobuf.StringValue.of(String.valueOf(end)));
            }
            response.onNext(answer.build());
            response.onCompleted();
        }
    }

    record Start(String target) {
    }

    /** Just enough of the host's TaskHubSidecarService for one start. */
    private final class Sidecar extends TaskHubSidecarServiceGrpc.TaskHubSidecarServiceImplBase {
        @Override
        public void getInstance(GetInstanceRequest request, StreamObserver<GetInstanceResponse> response) {
            calls.add("getInstance " + request.getInstanceId());
            response.onNext(GetInstanceResponse.newBuilder().setExists(false).build());
            response.onCompleted();
        }

        @Override
        public void startInstance(CreateInstanceRequest request, StreamObserver<CreateInstanceResponse> response) {
            calls.add("startInstance " + request.getName() + " " + request.getInstanceId() + " " + request.getInput().getValue());
            response.onNext(CreateInstanceResponse.newBuilder().setInstanceId(request.getInstanceId()).build());
            response.onCompleted();
        }
    }
}
