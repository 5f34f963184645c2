package io.acapromoter.local;

import io.acapromoter.domain.Phase;
import io.acapromoter.domain.PromotionStatus;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end-to-end promotion suite with every activity run twice (a worker crash between an activity's
 * completion and its checkpoint): the same outcomes, production never changed twice wrongly.
 */
@ExtendWith(EveryActivityTwice.class)
class PromotionFlowTwiceTest extends PromotionFlowTest {

    /** Here the activity itself runs twice by design; each run still makes one attempt, never a retry. */
    @Override
    @org.junit.jupiter.api.Test
    void forbiddenFromArm_endsErroredAtOnceWithTheCause() {
        PromotionStatus status = pushWhileArmRefusesUpdates(403);

        assertThat(status.phase()).isEqualTo(Phase.ERRORED);
        assertThat(status.detail()).contains("DeployStaging failed, not retried").contains("HTTP 403");
        assertThat(flow.rt.sim().requests()).as("one attempt per run of the activity, no retries")
                .filteredOn(r -> r.status() == 403).hasSizeBetween(1, 2);
        flow.rt.sim().faults().clear();
        assertProductionUntouched();
    }
}
