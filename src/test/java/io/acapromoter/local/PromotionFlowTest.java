package io.acapromoter.local;

import io.acapromoter.domain.Phase;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.local.sim.ContainerAppState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Whole promotions of the blue-green demo app through the driver and the simulator. */
class PromotionFlowTest {

    final LocalFlow flow = new LocalFlow();

    @AfterEach
    void close() {
        flow.close();
    }

    ContainerAppState web() {
        return flow.rt.sim().containerApp(DemoWorld.RESOURCE_GROUP, "shop-web");
    }

    @Test
    void happyPath_stagesTestsAsksAndReleasesTheExactDigest() {
        String id = flow.push("shop-web");
        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, Duration.ofMinutes(10));
        PromotionStatus waiting = flow.status(id);
        assertThat(waiting.smoke()).isNotEmpty().allMatch(PromotionStatus.ProbeOutcome::passed);
        assertThat(waiting.stagingUrl()).contains("shop-web---staging.");

        flow.approve(id, "alice@example.com");
        flow.advanceUntilFinished(id, Duration.ofMinutes(10));

        PromotionStatus done = flow.status(id);
        assertThat(done.phase()).as(done.detail()).isEqualTo("SUCCEEDED");
        assertThat(web().imageForLabel("production")).contains(done.image());
    }
}
