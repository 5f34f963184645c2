package io.acapromoter.activities;

import io.acapromoter.ports.Replica;

import java.util.List;
import java.util.Optional;

/**
 * What a revision's replica list says about its health: the one read a production check makes when the list can
 * answer. It answers only when every replica and every container says so itself: each replica {@code Running}, each
 * container {@code Running}, started, ready, with a restart count. Anything else (no replicas: scaled to zero,
 * inactive, unknown; one still starting, not ready or crash-looping; a state Azure left out) is not a verdict: the
 * check then reads the revision, whose state is Azure's own verdict and carries its reason.
 *
 * @param healthy  every replica and container running, started and ready: the list answers alone
 * @param restarts container restarts summed over the replicas (the counts Azure gave)
 * @param detail   what was found: the replicas healthy, or the first one that is not and why
 */
record ReplicaHealth(boolean healthy, int restarts, String detail) {

    static ReplicaHealth of(List<Replica> replicas) {
        int restarts = replicas.stream().flatMap(r -> r.containers().stream())
                .mapToInt(c -> c.restarts().orElse(0)).sum();
        if (replicas.isEmpty()) {
            return new ReplicaHealth(false, 0, "no replicas listed");
        }
        for (Replica replica : replicas) {
            Optional<String> problem = problem(replica);
            if (problem.isPresent()) {
                return new ReplicaHealth(false, restarts, "replica " + replica.name() + " " + problem.get()
                        + restartsPart(restarts));
            }
        }
        return new ReplicaHealth(true, restarts, replicas.size() + (replicas.size() == 1 ? " replica" : " replicas")
                + " running and ready" + restartsPart(restarts));
    }

    private static Optional<String> problem(Replica replica) {
        if (replica.running().isEmpty()) {
            return Optional.of("gives no running state");
        }
        if (!isRunning(replica.running())) {
            return Optional.of("is " + replica.running().get() + replica.runningDetails().map(d -> " (" + d + ")").orElse(""));
        }
        if (replica.containers().isEmpty()) {
            return Optional.of("lists no containers");
        }
        for (Replica.Container c : replica.containers()) {
            String container = "container " + c.name();
            if (c.running().isEmpty()) {
                return Optional.of(container + " gives no running state");
            }
            if (!isRunning(c.running())) {
                return Optional.of(container + " is " + c.running().get() + c.runningDetails().map(d -> " (" + d + ")").orElse(""));
            }
            if (c.started().isEmpty() || c.ready().isEmpty() || c.restarts().isEmpty()) {
                return Optional.of(container + " does not say whether it started, is ready and restarted");
            }
            if (!c.started().get()) {
                return Optional.of(container + " has not started");
            }
            if (!c.ready().get()) {
                return Optional.of(container + " is not ready");
            }
        }
        return Optional.empty();
    }

    private static boolean isRunning(Optional<String> state) {
        return state.filter(s -> s.equalsIgnoreCase("Running")).isPresent();
    }

    private static String restartsPart(int restarts) {
        return restarts == 0 ? "" : ", " + restarts + (restarts == 1 ? " restart" : " restarts");
    }
}
