package io.acapromoter.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link RolloutStrategiesTest} with every activity run twice (a worker crash between an activity's completion and its checkpoint). */
class RolloutStrategiesTwiceTest extends RolloutStrategiesTest {

    @BeforeAll
    static void runEveryActivityTwice() {
        LocalFlow.everyActivityTwice = true;
    }

    @AfterAll
    static void backToOnce() {
        LocalFlow.everyActivityTwice = false;
    }

    /** Every try of the activity runs twice here, so the retries take twice the faults. */
    @Override
    int jobRolloutFaults() {
        return 40;
    }
}
