package io.acapromoter.local.fuzz;

import io.acapromoter.ports.Orchestrations.Event;
import io.acapromoter.ports.Orchestrations.Orchestrator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acapromoter.activities.PipelinePorts;
import java.util.Collection;
import io.acapromoter.domain.Digest;
import io.acapromoter.domain.ScanReport;
import io.acapromoter.ports.Findings;
import io.acapromoter.approval.Response;
import io.acapromoter.intake.FindingIntake;
import io.acapromoter.intake.Intake;
import io.acapromoter.local.DemoWorld;
import io.acapromoter.local.LocalHttp;
import io.acapromoter.local.MemoryAuditLog;
import io.acapromoter.local.server.LocalServer;
import io.acapromoter.orchestration.Names;
import io.acapromoter.policy.PromotionFile;
import io.acapromoter.policy.PromotionFileLoader;
import io.acapromoter.ports.ContainerApps;
import io.acapromoter.ports.InstanceView;
import io.acapromoter.ports.Orchestrations;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The entry points that read event payloads, on the demo configuration, offline: the Event Grid webhook
 * of {@code OnImagePushed} and {@code OnVulnerabilityFinding} (the same collaborators the Functions
 * call, behind the local route with its {@code aeg-event-type} handling). Orchestrations are a map;
 * Azure reads fail (nothing runs anywhere), so findings end at the planner.
 */
public final class FuzzTargets {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger SILENT = silent();

    private FuzzTargets() {
    }

    public static PromotionFile demoFile() {
        return PromotionFileLoader.parse(DemoWorld.demoConfig(), "demo-promotion.yaml");
    }

    public static List<EventFuzzer.Target> functions() {
        PromotionFile file = demoFile();
        Intake intake = new Intake(file);
        Clock clock = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
        ContainerApps offline = (ContainerApps) Proxy.newProxyInstance(FuzzTargets.class.getClassLoader(),
                new Class<?>[]{ContainerApps.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("offline: no Azure to ask");
                });
        // Defender offline too: nothing scanned, no registry's login server readable (such records are refused).
        Findings defender = new Findings() {
            @Override
            public ScanReport forDigests(Collection<Digest> digests) {
                return ScanReport.of(List.of(), List.of());
            }

            @Override
            public Optional<String> loginServer(String registryResourceId) {
                return Optional.empty();
            }
        };
        PipelinePorts ports = new PipelinePorts(file, offline, null, defender, null, null, null, new MemoryAuditLog(), clock);
        FindingIntake findings = new FindingIntake(ports);
        Orchestrations store = new MapOrchestrations();
        return List.of(
                new EventFuzzer.Target(Names.ON_IMAGE_PUSHED, body -> refusals(LocalHttp.eventGrid(
                        post(Names.ON_IMAGE_PUSHED, body), intake, findings, store, SILENT))),
                new EventFuzzer.Target(Names.ON_VULNERABILITY_FINDING, body -> refusals(LocalHttp.eventGrid(
                        post(Names.ON_VULNERABILITY_FINDING, body), intake, findings, store, SILENT))));
    }

    private static LocalServer.Request post(String function, String body) {
        return new LocalServer.Request("POST", "", Map.of("functionName", function),
                Map.of("aeg-event-type", "Notification", "content-type", "application/json"), body, "127.0.0.1");
    }

    /** The refusal reasons in a webhook answer: the body of a 4xx, or each {@code refuse} line. */
    static List<String> refusals(Response response) {
        if (response.status() >= 400) {
            return List.of(response.status() + " " + response.body());
        }
        if (response.status() != 200) {
            throw new IllegalStateException("webhook answered " + response.status() + ": " + response.body());
        }
        List<String> out = new ArrayList<>();
        try {
            for (JsonNode line : JSON.readTree(response.body())) {
                if ("refuse".equals(line.path("decision").asText())) {
                    out.add(line.path("reason").asText());
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("webhook answer is not JSON: " + response.body(), e);
        }
        return out;
    }

    private static Logger silent() {
        Logger log = Logger.getAnonymousLogger();
        log.setUseParentHandlers(false);
        log.setLevel(java.util.logging.Level.OFF);
        return log;
    }

    /** Starts are remembered, nothing runs. */
    private static final class MapOrchestrations implements Orchestrations {
        private final Map<String, InstanceView> instances = new ConcurrentHashMap<>();

        @Override
        public <I> StartResult startIfAbsent(Orchestrator<I> orchestrator, String instanceId, I input) {
            InstanceView view = new InstanceView(instanceId, orchestrator.name(), InstanceView.RuntimeState.PENDING, Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Instant.EPOCH, Instant.EPOCH);
            return instances.putIfAbsent(instanceId, view) == null ? StartResult.STARTED : StartResult.ALREADY_EXISTS;
        }

        @Override
        public Optional<InstanceView> get(String instanceId) {
            return Optional.ofNullable(instances.get(instanceId));
        }

        @Override
        public List<InstanceView> list(String orchestrator, String idPrefix, int limit) {
            return instances.values().stream().filter(v -> v.name().equals(orchestrator) && v.instanceId().startsWith(idPrefix))
                    .limit(limit).toList();
        }

        @Override
        public <P> void raiseEvent(String instanceId, Event<P> event, P payload) {
        }

        @Override
        public void terminate(String instanceId, String reason) {
        }
    }
}
