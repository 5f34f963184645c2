package io.acapromoter.local.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FaultTest {

    @ParameterizedTest
    @ValueSource(ints = {200, 302, 399, 600})
    void status_rejectsCodesThatAreNotErrors(int code) {
        assertThatThrownBy(() -> Fault.status(code)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(Integer.toString(code));
    }

    @Test
    void inject_refusesAFaultWithoutARoute() {
        assertThatThrownBy(() -> new Faults().inject(Fault.status(500))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timedFault_isUsedUpAfterItsCount() {
        Faults faults = new Faults().inject(Fault.status(429).times(2).on("PATCH", ".*/containerApps/.*"));

        assertThat(faults.take(Fault.Kind.STATUS, "PATCH", "/x/containerApps/web")).isPresent();
        assertThat(faults.take(Fault.Kind.STATUS, "patch", "/x/containerApps/web")).isPresent();
        assertThat(faults.take(Fault.Kind.STATUS, "PATCH", "/x/containerApps/web")).isEmpty();
    }

    @Test
    void fault_onlyHitsItsMethodPathAndKind() {
        Faults faults = new Faults().inject(Fault.delay(Duration.ofSeconds(1)).on("GET", ".*/runs/.*"));

        assertThat(faults.take(Fault.Kind.DELAY, "POST", "/a/runs/cb1")).isEmpty();
        assertThat(faults.take(Fault.Kind.DELAY, "GET", "/a/tasks/t")).isEmpty();
        assertThat(faults.take(Fault.Kind.STATUS, "GET", "/a/runs/cb1")).isEmpty();
        assertThat(faults.take(Fault.Kind.DELAY, "GET", "/a/runs/cb1")).isPresent();
        assertThat(faults.take(Fault.Kind.DELAY, "GET", "/a/runs/cb1")).as("without times(n) it stays armed").isPresent();
    }
}
