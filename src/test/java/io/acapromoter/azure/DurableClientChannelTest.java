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
