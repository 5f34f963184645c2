package io.acapromoter.ports;

import java.util.List;
import java.util.Optional;

/**
 * Starts and reads Durable orchestrations. Implemented on the Durable Functions client in Azure
 * and on the in-memory driver locally. An orchestrator and an external event are named together
 * with the type of their input or payload ({@link Orchestrator}, {@link Event}), so a caller cannot
 * start one orchestrator with another's input or raise an event with the wrong payload; the
 * implementation serializes the records as Durable does.
 */
public interface Orchestrations {

    /**
     * Starts {@code orchestrator} as {@code instanceId} unless an instance with that id exists
     * (running or finished): redelivered events therefore start nothing.
     */
    <I> StartResult startIfAbsent(Orchestrator<I> orchestrator, String instanceId, I input);

    Optional<InstanceView> get(String instanceId);

    /**
     * Instances of one orchestrator whose id starts with {@code idPrefix} (may be empty), newest first, at
     * most {@code limit}. The store is read page by page until {@code limit} are found; where it lists in
     * another order than age (Durable's Azure Storage backend lists by instance id), the newest among what
     * was read. A caller that needs to know whether more exist asks for one more than it keeps.
     */
    List<InstanceView> list(String orchestrator, String idPrefix, int limit);

    /** Every instance of one orchestrator whose id starts with {@code idPrefix}, created at or after {@code from}: exact, read page by page. */
    default List<InstanceView> listCreatedSince(String orchestrator, String idPrefix, java.time.Instant from) {
        return list(orchestrator, idPrefix, Integer.MAX_VALUE).stream().filter(v -> !v.createdAt().isBefore(from)).toList();
    }

    /**
     * Every instance of one orchestrator whose id starts with {@code idPrefix} and that has not finished
     * (pending, running, suspended): the exact set, however many exist, read page by page.
     */
    default List<InstanceView> listLive(String orchestrator, String idPrefix) {
        return list(orchestrator, idPrefix, Integer.MAX_VALUE).stream().filter(v -> !v.state().isFinished()).toList();
    }

    /** Raises {@code event} on the instance, carrying {@code payload}. */
    <P> void raiseEvent(String instanceId, Event<P> event, P payload);

    void terminate(String instanceId, String reason);

    enum StartResult {
        STARTED, ALREADY_EXISTS
    }

    /**
     * An orchestrator function's name and the type of its input.
     *
     * @param name      the function name the orchestration trigger is bound to
     * @param inputType the record it takes as input
     */
    record Orchestrator<I>(String name, Class<I> inputType) {
        public Orchestrator {
            requireName(name, "orchestrator");
            java.util.Objects.requireNonNull(inputType, "inputType");
        }
    }

    /**
     * An external event's name and the type of its payload.
     *
     * @param name        the event name the orchestrator waits for
     * @param payloadType the record it carries
     */
    record Event<P>(String name, Class<P> payloadType) {
        public Event {
            requireName(name, "event");
            java.util.Objects.requireNonNull(payloadType, "payloadType");
        }
    }

    private static void requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " name must not be blank");
        }
    }
}
