package io.acapromoter.local;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link RolloutStrategiesTest} with every activity run twice: the same outcomes, one build and one staging execution. */
@ExtendWith(EveryActivityTwice.class)
class RolloutStrategiesTwiceTest extends RolloutStrategiesTest {

    /** Every try of the activity runs twice here, so the retries take twice the faults. */
    @Override
    int jobRolloutFaults() {
        return 40;
    }
}
