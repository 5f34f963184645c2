package io.acapromoter.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The end-to-end promotion suite with every activity run twice (a worker crash between an activity's
 * completion and its checkpoint): the same outcomes, production never changed twice wrongly.
 */
class PromotionFlowTwiceTest extends PromotionFlowTest {

    @BeforeAll
    static void runEveryActivityTwice() {
        LocalFlow.everyActivityTwice = true;
    }

    @AfterAll
    static void backToOnce() {
        LocalFlow.everyActivityTwice = false;
    }

    @Override
    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.Disabled("counts ARM requests to prove one attempt; here every activity runs twice by design")
    void forbiddenFromArm_endsErroredAtOnceWithTheCause() {
    }
}
