package io.acapromoter.logging;

import org.junit.jupiter.api.Test;

import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

class LogTest {

    @Test
    void during_anInvocation_everyClassLogsToItsLogger_andAfterwardsToItsOwn() {
        Logger invocation = Logger.getAnonymousLogger();

        Logger inside = Log.during(invocation, () -> Log.of(LogTest.class));

        assertThat(inside).isSameAs(invocation);
        assertThat(Log.of(LogTest.class)).isSameAs(Logger.getLogger(LogTest.class.getName()));
    }

    @Test
    void during_restoresTheOuterInvocationsLogger_evenWhenTheBodyThrows() {
        Logger outer = Logger.getAnonymousLogger();
        Logger inner = Logger.getAnonymousLogger();

        Log.during(outer, () -> {
            try {
                Log.during(inner, () -> {
                    throw new IllegalStateException("boom");
                });
            } catch (IllegalStateException expected) {
                assertThat(Log.of(LogTest.class)).isSameAs(outer);
            }
        });

        assertThat(Log.of(LogTest.class)).isSameAs(Logger.getLogger(LogTest.class.getName()));
    }
}
