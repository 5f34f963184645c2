package io.acapromoter.activities;

import io.acapromoter.ports.Replica;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The verdict a replica list gives alone, and every shape it leaves to the revision's read. */
class ReplicaHealthTest {

    static Replica.Container container(Boolean ready, Boolean started, Integer restarts, String running, String details) {
        return new Replica.Container("web", Optional.ofNullable(ready), Optional.ofNullable(started),
                restarts == null ? OptionalInt.empty() : OptionalInt.of(restarts), Optional.ofNullable(running),
                Optional.ofNullable(details));
    }

    static Replica.Container healthy(int restarts) {
        return container(true, true, restarts, "Running", null);
    }

    static Replica replica(String running, Replica.Container... containers) {
        return replica(running, null, containers);
    }

    static Replica replica(String running, String details, Replica.Container... containers) {
        return new Replica("web--v2-5d9774cff-5wnd8", Optional.ofNullable(running), Optional.ofNullable(details), List.of(containers));
    }

    static Stream<Arguments> lists() {
        return Stream.of(
                Arguments.of("one replica, its container running, started and ready", List.of(replica("Running", healthy(0))),
                        true, 0, "1 replica running and ready"),
                Arguments.of("restarts summed over replicas and containers, healthy or not",
                        List.of(replica("Running", healthy(1), healthy(0)), replica("Running", healthy(2))), true, 3,
                        "2 replicas running and ready, 3 restarts"),
                Arguments.of("Azure's states in another case", List.of(replica("running", container(true, true, 0, "RUNNING", null))),
                        true, 0, "1 replica running and ready"),
                Arguments.of("no replicas: scaled to zero, inactive or unknown", List.of(), false, 0, "no replicas listed"),
                Arguments.of("replica NotRunning", List.of(replica("NotRunning", "CrashLoopBackOff", healthy(0))), false, 0,
                        "is NotRunning (CrashLoopBackOff)"),
                Arguments.of("replica Unknown", List.of(replica("Unknown", healthy(0))), false, 0, "is Unknown"),
                Arguments.of("replica without a running state (older API versions)", List.of(replica(null, healthy(0))), false, 0,
                        "gives no running state"),
                Arguments.of("replica without containers", List.of(replica("Running")), false, 0, "lists no containers"),
                Arguments.of("container waiting in back-off",
                        List.of(replica("Running", container(false, false, 4, "Waiting", "CrashLoopBackOff"))), false, 4,
                        "container web is Waiting (CrashLoopBackOff), 4 restarts"),
                Arguments.of("container terminated", List.of(replica("Running", container(false, true, 1, "Terminated", null))),
                        false, 1, "container web is Terminated"),
                Arguments.of("container without a running state", List.of(replica("Running", container(true, true, 0, null, null))),
                        false, 0, "container web gives no running state"),
                Arguments.of("container running but not ready (readiness probe failing)",
                        List.of(replica("Running", healthy(0)), replica("Running", container(false, true, 0, "Running", null))),
                        false, 0, "container web is not ready"),
                Arguments.of("container running but not started (startup probe)",
                        List.of(replica("Running", container(false, false, 0, "Running", null))), false, 0, "has not started"),
                Arguments.of("ready absent", List.of(replica("Running", container(null, true, 0, "Running", null))), false, 0,
                        "does not say whether it started, is ready and restarted"),
                Arguments.of("started absent", List.of(replica("Running", container(true, null, 0, "Running", null))), false, 0,
                        "does not say"),
                Arguments.of("restart count absent: the others still add up",
                        List.of(replica("Running", healthy(2)), replica("Running", container(true, true, null, "Running", null))),
                        false, 2, "does not say whether it started, is ready and restarted, 2 restarts"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lists")
    void of_answersOnlyWhenEveryReplicaAndContainerSaysItIsHealthy(String what, List<Replica> replicas, boolean healthy,
                                                                    int restarts, String detail) {
        ReplicaHealth health = ReplicaHealth.of(replicas);

        assertThat(health.healthy()).as(what).isEqualTo(healthy);
        assertThat(health.restarts()).as(what).isEqualTo(restarts);
        assertThat(health.detail()).as(what).contains(detail);
    }

    @Test
    void of_namesTheFirstReplicaThatIsNotHealthy() {
        Replica good = replica("Running", healthy(0));
        Replica bad = new Replica("web--v2-other", Optional.of("NotRunning"), Optional.empty(), List.of(healthy(0)));

        assertThat(ReplicaHealth.of(List.of(good, bad)).detail()).isEqualTo("replica web--v2-other is NotRunning");
    }
}
