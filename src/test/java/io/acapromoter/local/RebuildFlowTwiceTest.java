package io.acapromoter.local;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link RebuildFlowTest} with every activity run twice: the same outcomes, one build and one staging execution. */
@ExtendWith(EveryActivityTwice.class)
class RebuildFlowTwiceTest extends RebuildFlowTest {
}
