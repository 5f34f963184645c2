package io.acapromoter.ports;

import java.util.List;
import java.util.Optional;

/**
 * Starts and reads Durable orchestrations. Implemented on the Durable Functions client in Azure
 * and on the in-memory driver locally. Inputs and event payloads are plain records or JSON-ready
 * values; the implementation serializes them as Durable does.
 */
public interface Orchestrations {

    /**
     * Starts {@code orchestrator} as {@code instanceId} unless an instance with that id exists
     * (running or finished): redelivered events therefore start nothing.
     */
    StartResult startIfAbsent(String orchestrator, String instanceId, Object input);

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

    void raiseEvent(String instanceId, String eventName, Object payload);

    void terminate(String instanceId, String reason);

    enum StartResult {
        STARTED, ALREADY_EXISTS
    }
}
