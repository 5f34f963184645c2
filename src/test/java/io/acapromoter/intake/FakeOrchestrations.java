package io.acapromoter.intake;

import io.acapromoter.ports.Orchestrations.Event;
import io.acapromoter.ports.Orchestrations.Orchestrator;
import io.acapromoter.orchestration.Names;
import io.acapromoter.ports.InstanceView;
import io.acapromoter.ports.Orchestrations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Records starts; enough to check intake without a Durable backend. */
final class FakeOrchestrations implements Orchestrations {

    final Map<String, Object> started = new LinkedHashMap<>();
    final List<String> startCalls = new ArrayList<>();
    final List<String> raised = new ArrayList<>();

    @Override
    public synchronized <I> StartResult startIfAbsent(Orchestrator<I> orchestrator, String instanceId, I input) {
        startCalls.add(instanceId);
        if (started.containsKey(instanceId)) {
            return StartResult.ALREADY_EXISTS;
        }
        started.put(instanceId, input);
        return StartResult.STARTED;
    }

    @Override
    public Optional<InstanceView> get(String instanceId) {
        return started.containsKey(instanceId)
                ? Optional.of(new InstanceView(instanceId, Names.PROMOTION_ORCHESTRATOR, InstanceView.RuntimeState.RUNNING,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Instant.EPOCH, Instant.EPOCH))
                : Optional.empty();
    }

    @Override
    public List<InstanceView> list(String orchestrator, String idPrefix, int limit) {
        return started.keySet().stream().filter(id -> id.startsWith(idPrefix)).map(id -> get(id).orElseThrow())
                .limit(limit).toList();
    }

    @Override
    public <P> void raiseEvent(String instanceId, Event<P> event, P payload) {
        raised.add(instanceId + " " + event.name() + " " + payload);
    }

    @Override
    public void terminate(String instanceId, String reason) {
        throw new UnsupportedOperationException("not used by intake");
    }
}
