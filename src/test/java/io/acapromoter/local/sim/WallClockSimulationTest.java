package io.acapromoter.local.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.resourcemanager.appcontainers.models.ContainerApp;
import com.azure.resourcemanager.containerregistry.models.TaskRunRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** On the wall clock (local runs) nobody advances time: provisioning and task runs must progress by themselves. */
class WallClockSimulationTest {

    @Test
    void onTheWallClock_revisionsProvisionAndTaskRunsPushWithoutAnyoneAdvancingTime() throws Exception {
        try (AzureSimulator sim = AzureSimulator.builder()
                .revisionProvisioningDelay(Duration.ofMillis(100))
                .taskRunDurations(Duration.ofMillis(50), Duration.ofMillis(100))
                .start()) {
            sim.createRegistry("rg", "simreg");
            sim.registerTask("simreg", "rebuild", "web", "1.0");
            List<String> pushes = new CopyOnWriteArrayList<>();
            sim.onImagePushed(pushes::add);
            sim.createContainerApp(ContainerAppSpec.of("rg", "web", "env", "simreg.azurecr.io/web:1.0"));
            ContainerApp app = SimClients.containerApps(sim).containerApps().getByResourceGroup("rg", "web");
            app.update().withTemplate(app.template().withRevisionSuffix("v2")).apply();
            SimClients.containerRegistry(sim).serviceClient().getRegistries()
                    .scheduleRun("rg", "simreg", new TaskRunRequest().withTaskId("/tasks/rebuild"));

            assertThat(eventually(() -> sim.containerApp("rg", "web").revision("web--v2").orElseThrow().provisioningState().equals("Provisioned")))
                    .isTrue();
            assertThat(eventually(() -> pushes.size() == 1)).isTrue();
        }
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
