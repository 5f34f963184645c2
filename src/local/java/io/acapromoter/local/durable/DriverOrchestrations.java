package io.acapromoter.local.durable;

import io.acapromoter.ports.Orchestrations.Event;
import io.acapromoter.ports.Orchestrations.Orchestrator;
import com.microsoft.durabletask.JacksonDataConverter;
import io.acapromoter.orchestration.RuntimeStates;
import io.acapromoter.ports.InstanceView;
import io.acapromoter.ports.Orchestrations;

import java.util.List;
import java.util.Optional;

/**
 * {@link Orchestrations} on the in-memory {@link DurableDriver}, without the Azure adapters. Inputs and event payloads are
 * serialized with durabletask's own {@link JacksonDataConverter}, as the Durable client does in Azure.
 */
public final class DriverOrchestrations implements Orchestrations {

    private final DurableDriver driver;
    private final JacksonDataConverter converter = new JacksonDataConverter();

    public DriverOrchestrations(DurableDriver driver) {
        this.driver = driver;
    }

    @Override
    public <I> StartResult startIfAbsent(Orchestrator<I> orchestrator, String instanceId, I input) {
        return driver.scheduleNewOrchestration(orchestrator.name(), instanceId, converter.serialize(input))
                ? StartResult.STARTED : StartResult.ALREADY_EXISTS;
    }

    @Override
    public Optional<InstanceView> get(String instanceId) {
        return driver.getInstance(instanceId).map(DriverOrchestrations::view);
    }

    @Override
    public List<InstanceView> list(String orchestrator, String idPrefix, int limit) {
        return driver.listInstances(orchestrator, idPrefix, limit).stream()
                .map(DriverOrchestrations::view)
                .toList();
    }

    /** The live ones only, as Azure's store filters by status: not every instance the target ever had. */
    @Override
    public List<InstanceView> listLive(String orchestrator, String idPrefix) {
        return driver.listLive(orchestrator, idPrefix).stream().map(DriverOrchestrations::view).toList();
    }

    @Override
    public List<InstanceView> listCreatedSince(String orchestrator, String idPrefix, java.time.Instant from) {
        return driver.listCreatedSince(orchestrator, idPrefix, from).stream().map(DriverOrchestrations::view).toList();
    }

    @Override
    public <P> void raiseEvent(String instanceId, Event<P> event, P payload) {
        driver.raiseEvent(instanceId, event.name(), converter.serialize(payload));
    }

    @Override
    public void terminate(String instanceId, String reason) {
        driver.terminate(instanceId, reason);
    }

    static InstanceView view(InstanceState s) {
        return new InstanceView(s.instanceId(), s.name(), RuntimeStates.of(s.runtimeStatus()), Optional.ofNullable(s.customStatusJson()),
                Optional.ofNullable(s.inputJson()), Optional.ofNullable(s.outputJson()),
                Optional.ofNullable(s.failure()).map(FailureInfo::describe), s.createdAt(), s.lastUpdatedAt());
    }
}
