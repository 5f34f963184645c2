package io.acapromoter.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link RebuildFlowTest} with every activity run twice (a worker crash between an activity's completion and its checkpoint). */
class RebuildFlowTwiceTest extends RebuildFlowTest {

    @BeforeAll
    static void runEveryActivityTwice() {
        LocalFlow.everyActivityTwice = true;
    }

    @AfterAll
    static void backToOnce() {
        LocalFlow.everyActivityTwice = false;
    }
}
