package io.acapromoter.ports;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One replica of a revision as Azure lists it ({@code ContainerAppsRevisionReplicas_ListReplicas}). A field Azure left
 * out is empty, never a default: answers of older API versions carry no running states, and an absent state must
 * never read as a healthy one.
 *
 * @param name           the replica's name ({@code <revision>-<pod suffix>})
 * @param running        the replica's running state ({@code Running}, {@code NotRunning}, {@code Unknown})
 * @param runningDetails Azure's words on that state
 * @param containers     its containers (not its init containers, which end Terminated by design)
 */
public record Replica(String name, Optional<String> running, Optional<String> runningDetails, List<Container> containers) {

    public Replica {
        Objects.requireNonNull(name, "name");
        running = blankless(running);
        runningDetails = blankless(runningDetails);
        containers = containers == null ? List.of() : List.copyOf(containers);
    }

    /**
     * One container of a replica.
     *
     * @param name           the container's name
     * @param ready          whether its readiness probe passes (Kubernetes' {@code ready})
     * @param started        whether its startup probe passed
     * @param restarts       how often it restarted in this replica
     * @param running        its running state ({@code Running}, {@code Terminated}, {@code Waiting})
     * @param runningDetails Azure's words on that state (e.g. {@code CrashLoopBackOff})
     */
    public record Container(String name, Optional<Boolean> ready, Optional<Boolean> started, OptionalInt restarts,
                            Optional<String> running, Optional<String> runningDetails) {

        public Container {
            name = name == null ? "" : name;
            ready = ready == null ? Optional.empty() : ready;
            started = started == null ? Optional.empty() : started;
            restarts = restarts == null ? OptionalInt.empty() : restarts;
            running = blankless(running);
            runningDetails = blankless(runningDetails);
        }
    }

    private static Optional<String> blankless(Optional<String> value) {
        return value == null ? Optional.empty() : value.filter(v -> !v.isBlank());
    }
}
