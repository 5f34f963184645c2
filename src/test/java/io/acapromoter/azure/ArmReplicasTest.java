package io.acapromoter.azure;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.resourcemanager.appcontainers.fluent.models.ReplicaInner;
import io.acapromoter.ports.Replica;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** A replica as the SDK reads it, into the port's terms: what Azure left out stays empty. */
class ArmReplicasTest {

    static Replica read(String json) throws IOException {
        try (JsonReader reader = JsonProviders.createReader(json)) {
            return ArmContainerApps.toReplica(ReplicaInner.fromJson(reader));
        }
    }

    @Test
    void toReplica_keepsEveryStateAzureGave() throws IOException {
        Replica replica = read("""
                {"name":"web--v2-5d9774cff-5wnd8","properties":{"runningState":"NotRunning","runningStateDetails":"CrashLoopBackOff",
                 "containers":[{"name":"web","ready":false,"started":false,"restartCount":4,"runningState":"Waiting",
                 "runningStateDetails":"back-off 40s"}],"initContainers":[]}}""");

        assertThat(replica).isEqualTo(new Replica("web--v2-5d9774cff-5wnd8", Optional.of("NotRunning"), Optional.of("CrashLoopBackOff"),
                List.of(new Replica.Container("web", Optional.of(false), Optional.of(false), OptionalInt.of(4),
                        Optional.of("Waiting"), Optional.of("back-off 40s")))));
    }

    @Test
    void toReplica_ofAnAnswerWithoutRunningStates_asOlderApiVersionsGaveThem_leavesThemEmpty_soItIsNeverTakenForHealthy() throws IOException {
        // The shape Azure answered in 2022 (microsoft/vscode-azurecontainerapps#33): no running states at all.
        Replica replica = read("""
                {"name":"app--144079l-7b754df4fd-cb8hf","properties":{"createdTime":"2022-03-14T04:51:15Z",
                 "containers":[{"containerId":"containerd://4312e8a5","name":"app","ready":true,"restartCount":0,"started":true}]}}""");

        assertThat(replica.running()).isEmpty();
        assertThat(replica.containers()).singleElement().satisfies(c -> {
            assertThat(c.ready()).contains(true);
            assertThat(c.restarts()).hasValue(0);
            assertThat(c.running()).isEmpty();
        });
    }

    @Test
    void toReplica_withoutContainersOrName_isAnEmptyReplica() throws IOException {
        Replica replica = read("{\"properties\":{}}");

        assertThat(replica.name()).isEmpty();
        assertThat(replica.containers()).isEmpty();
    }
}
