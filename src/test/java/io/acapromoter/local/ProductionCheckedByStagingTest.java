package io.acapromoter.local;

import io.acapromoter.domain.Phase;
import io.acapromoter.domain.PinnedImage;
import io.acapromoter.local.sim.ContainerAppState;
import io.acapromoter.ports.TrafficSplit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Label staging writes a revision on the production app, so production is checked on the one read that write needs
 * (right before it), not by the verification a moment earlier: every verdict on production still stops the
 * candidate with the verification's words, and nothing is staged.
 */
class ProductionCheckedByStagingTest {

    static final Duration LONG = Duration.ofMinutes(30);

    LocalFlow flow = new LocalFlow();

    @AfterEach
    void close() {
        try {
            flow.assertDeterministic();
        } finally {
            flow.close();
        }
    }

    ContainerAppState app(String name) {
        return flow.rt.sim().containerApp(DemoWorld.RESOURCE_GROUP, name);
    }

    long requests(String operation, String app) {
        return flow.rt.sim().requests().stream().filter(r -> r.operation().equals(operation)
                && r.path().endsWith("/containerApps/" + app)).count();
    }

    @Test
    void aBlueGreenPromotion_readsTheProductionAppOnceBeforeStaging_andShowsWhatProductionRuns() {
        flow.rt.sim().clearRequests();
        String id = flow.push("shop-web");
        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);

        assertThat(requests("ContainerApps_Get", "shop-web")).isEqualTo(1);
        assertThat(flow.status(id).productionImage()).isEqualTo(flow.rt.world().productionImages().get("shop-web"));
        assertThat(flow.status(id).verification()).anyMatch(f -> f.startsWith("production app shop-web pulls demoacr.azurecr.io"));
    }

    @Test
    void aProductionAppPullingWithAPassword_isRefusedByStagingsOwnRead_andNothingIsStaged() {
        flow.rt.sim().useRegistryPassword(DemoWorld.RESOURCE_GROUP, "shop-web", DemoWorld.REGISTRY_HOST, "demoacr");
        flow.rt.sim().clearRequests();
        String id = flow.push("shop-web");
        flow.advanceUntilFinished(id, LONG);

        assertThat(flow.phase(id)).as(flow.status(id).detail()).isEqualTo(Phase.FAILED);
        assertThat(flow.status(id).detail()).startsWith("production app shop-web pulls demoacr.azurecr.io with a stored password");
        assertThat(flow.status(id).stagingRevision()).as("never staged").isNull();
        assertThat(requests("ContainerApps_Update", "shop-web")).isZero();
        assertThat(requests("ContainerApps_Get", "shop-web")).isEqualTo(1);
    }

    @Test
    void aCandidateProductionAlreadyServes_endsSucceededWithNothingToDo_withoutStaging() {
        String candidate = DemoWorld.REGISTRY_HOST + "/shop/web@" + flow.candidateDigest("shop-web");
        String appId = flow.rt.ports().file().target("shop-web").orElseThrow().productionResourceId();
        String byHand = flow.rt.ports().containerApps().beginDeployImage(appId, "web", PinnedImage.parse(candidate), "byhand")
                .revision();
        flow.advanceUntil(f -> app("shop-web").revision(byHand).filter(r -> r.provisioningState().equals("Provisioned")).isPresent(),
                Duration.ofSeconds(5), Duration.ofMinutes(5), () -> byHand + " provisioned");
        flow.rt.ports().containerApps().setTraffic(appId, List.of(new TrafficSplit(byHand, 100, Optional.of("production"))));
        flow.rt.sim().clearRequests();

        String id = flow.push("shop-web");
        flow.advanceUntilFinished(id, LONG);

        assertThat(flow.phase(id)).as(flow.status(id).detail()).isEqualTo(Phase.SUCCEEDED);
        assertThat(flow.status(id).detail()).isEqualTo("production already runs " + candidate + "; nothing to do");
        assertThat(flow.status(id).stagingRevision()).as("never staged").isNull();
        assertThat(requests("ContainerApps_Update", "shop-web")).isZero();
    }

    @Test
    void aBlueGreenTargetOnASingleRevisionApp_isRefusedByStagingsOwnRead_withTheVerificationsWords() {
        flow.close();
        flow = new LocalFlow(DemoWorld.demoConfig()
                .replaceAll("strategy: app\\s+resourceId: \\S+/shop-worker-staging", "strategy: label")
                .replace("rollout: { strategy: replace }", "rollout: { strategy: blue-green }"));
        String id = flow.push("shop-worker");
        flow.advanceUntilFinished(id, LONG);

        assertThat(flow.phase(id)).as(flow.status(id).detail()).isEqualTo(Phase.FAILED);
        assertThat(flow.status(id).detail()).endsWith("/containerApps/shop-worker is in single-revision mode; blue-green needs "
                + "multiple-revision mode (or use rollout 'replace')");
        assertThat(flow.status(id).stagingRevision()).as("never staged").isNull();
    }
}
