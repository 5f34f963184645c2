package io.acapromoter.azure;

import io.acapromoter.ports.Orchestrations.Event;
import io.acapromoter.ports.Orchestrations.Orchestrator;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.durabletask.DurableTaskClient;
import com.microsoft.durabletask.NewOrchestrationInstanceOptions;
import com.microsoft.durabletask.OrchestrationMetadata;
import com.microsoft.durabletask.OrchestrationRuntimeStatus;
import com.microsoft.durabletask.OrchestrationStatusQuery;
import com.microsoft.durabletask.OrchestrationStatusQueryResult;
import io.acapromoter.orchestration.RuntimeStates;
import io.acapromoter.ports.InstanceView;
import io.acapromoter.ports.Orchestrations;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@link Orchestrations} on the Durable Functions client bound to one function invocation.
 * A start checks for an existing instance first; two deliveries racing in the same instant may
 * both reach {@code scheduleNewOrchestrationInstance}, where the Durable backend refuses the
 * second one for a running instance.
 */
public final class DurableOrchestrations implements Orchestrations {

    static final int PAGE = 100;

    private final DurableTaskClient client;

    public DurableOrchestrations(DurableTaskClient client) {
        this.client = client;
    }

    @Override
    public <I> StartResult startIfAbsent(Orchestrator<I> orchestrator, String instanceId, I input) {
        OrchestrationMetadata existing = client.getInstanceMetadata(instanceId, false);
        if (existing != null && existing.isInstanceFound()) {
            return StartResult.ALREADY_EXISTS;
        }
        client.scheduleNewOrchestrationInstance(orchestrator.name(),
                new NewOrchestrationInstanceOptions().setInstanceId(instanceId).setInput(input));
        return StartResult.STARTED;
    }

    @Override
    public Optional<InstanceView> get(String instanceId) {
        OrchestrationMetadata metadata = client.getInstanceMetadata(instanceId, true);
        if (metadata == null || !metadata.isInstanceFound()) {
            return Optional.empty();
        }
        return Optional.of(view(metadata));
    }

    @Override
    public List<InstanceView> list(String orchestrator, String idPrefix, int limit) {
        List<InstanceView> found = read(orchestrator, idPrefix, null, List.of(), limit);
        return found.stream().sorted(Comparator.comparing(InstanceView::createdAt).reversed()).limit(limit).toList();
    }

    @Override
    public List<InstanceView> listCreatedSince(String orchestrator, String idPrefix, java.time.Instant from) {
        return read(orchestrator, idPrefix, from, List.of(), Integer.MAX_VALUE);
    }

    /** Filtered by runtime status in the store and read to the last page (Azure answers in pages). */
    @Override
    public List<InstanceView> listLive(String orchestrator, String idPrefix) {
        return read(orchestrator, idPrefix, null, List.of(OrchestrationRuntimeStatus.PENDING, OrchestrationRuntimeStatus.RUNNING,
                OrchestrationRuntimeStatus.CONTINUED_AS_NEW, OrchestrationRuntimeStatus.SUSPENDED), Integer.MAX_VALUE);
    }

    /**
     * Reads page after page (following the continuation token until the store gives none, or the same
     * one again) until {@code atMost} instances of {@code orchestrator} were found.
     */
    private List<InstanceView> read(String orchestrator, String idPrefix, java.time.Instant createdFrom,
                                    List<OrchestrationRuntimeStatus> statuses, int atMost) {
        List<InstanceView> out = new java.util.ArrayList<>();
        String continuation = null;
        do {
            OrchestrationStatusQuery query = new OrchestrationStatusQuery().setFetchInputsAndOutputs(true)
                    .setMaxInstanceCount(PAGE).setContinuationToken(continuation);
            if (!statuses.isEmpty()) {
                query.setRuntimeStatusList(statuses);
            }
            if (createdFrom != null) {
                query.setCreatedTimeFrom(createdFrom);
            }
            if (idPrefix != null && !idPrefix.isEmpty()) {
                query.setInstanceIdPrefix(idPrefix);
            }
            OrchestrationStatusQueryResult page = client.queryInstances(query);
            page.getOrchestrationState().stream().filter(m -> orchestrator.equals(m.getName()))
                    .map(DurableOrchestrations::view).forEach(out::add);
            String next = page.getContinuationToken();
            continuation = next == null || next.isEmpty() || next.equals(continuation) ? null : next;
        } while (continuation != null && out.size() < atMost);
        return out;
    }

    @Override
    public <P> void raiseEvent(String instanceId, Event<P> event, P payload) {
        client.raiseEvent(instanceId, event.name(), payload);
    }

    @Override
    public void terminate(String instanceId, String reason) {
        client.terminate(instanceId, reason);
    }

    static InstanceView view(OrchestrationMetadata m) {
        Optional<String> status = Optional.empty();
        if (m.isCustomStatusFetched()) {
            JsonNode node = m.readCustomStatusAs(JsonNode.class);
            status = Optional.ofNullable(node).map(JsonNode::toString);
        }
        return new InstanceView(m.getInstanceId(), m.getName(), RuntimeStates.of(m.getRuntimeStatus()), status,
                Optional.ofNullable(m.getSerializedInput()), Optional.ofNullable(m.getSerializedOutput()),
                Optional.ofNullable(m.getFailureDetails()).map(f -> f.getErrorType() + ": " + f.getErrorMessage()),
                m.getCreatedAt(), m.getLastUpdatedAt());
    }
}
