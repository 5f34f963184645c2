package io.acapromoter.local;

import io.acapromoter.ports.Registry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A port whose implementation is built on another thread: calls wait for it and then behave as its own calls. */
class LazyPortTest {

    interface Greeter {
        String greet(String name);

        default String twice(String name) {
            return greet(name) + greet(name);
        }
    }

    @Test
    void aCall_waitsUntilTheImplementationIsThere_thenGoesToIt() throws Exception {
        CompletableFuture<Greeter> building = new CompletableFuture<>();
        Greeter greeter = LazyPort.of(Greeter.class, building);
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> greeter.twice("ada"));

        Thread.sleep(50);
        assertThat(answer).isNotDone();
        assertThat(greeter.toString()).contains("being built");
        building.complete(name -> "hello " + name + ";");

        assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("hello ada;hello ada;");
    }

    @Test
    void whatTheImplementationThrows_reachesTheCallerAsItself() {
        Greeter greeter = LazyPort.of(Greeter.class, CompletableFuture.completedFuture(name -> {
            throw new IllegalStateException("no such person " + name);
        }));

        assertThatThrownBy(() -> greeter.greet("bob")).isExactlyInstanceOf(IllegalStateException.class).hasMessage("no such person bob");
    }

    @Test
    void aFailureToBuildTheImplementation_isEveryCallsFailure() {
        Greeter greeter = LazyPort.of(Greeter.class, CompletableFuture.failedFuture(new IllegalArgumentException("bad endpoint")));

        assertThatThrownBy(() -> greeter.greet("bob")).isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("bad endpoint");
        assertThatThrownBy(() -> greeter.greet("eve")).isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("bad endpoint");
    }

    @Test
    void onTheWallClock_theRuntimesAzurePortsAnswerOnceTheirClientsAreBuilt() {
        try (LocalRuntime rt = new LocalRuntime(Clock.systemUTC(), null, "http://localhost:7071",
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            Supplier<Registry> registry = () -> rt.ports().registry();

            assertThat(registry.get().digestOf(DemoWorld.REGISTRY_HOST, "shop/web", "v1.0.0")).isPresent();
            String app = "/subscriptions/" + io.acapromoter.local.sim.AzureSimulator.DEFAULT_SUBSCRIPTION + "/resourceGroups/"
                    + DemoWorld.RESOURCE_GROUP + "/providers/Microsoft.App/containerApps/shop-web";
            assertThat(rt.ports().containerApps().getApp(app).name()).isEqualTo("shop-web");
        }
    }
}
