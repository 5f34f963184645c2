package io.acapromoter.intake;

import io.acapromoter.orchestration.Orchestrators;
import io.acapromoter.orchestration.RebuildInput;
import io.acapromoter.orchestration.InstanceJson;
import io.acapromoter.orchestration.Names;
import io.acapromoter.activities.PipelinePorts;
import io.acapromoter.logging.LogLine;
import io.acapromoter.domain.Digest;
import io.acapromoter.domain.Finding;
import io.acapromoter.domain.FindingSets;
import io.acapromoter.events.FindingParser;
import io.acapromoter.events.ParsedFinding;
import io.acapromoter.policy.RebuildDecision;
import io.acapromoter.policy.RebuildHistory;
import io.acapromoter.policy.RebuildPlan;
import io.acapromoter.policy.RebuildPlanner;
import io.acapromoter.policy.RebuildRequest;
import io.acapromoter.policy.RunningImages;
import io.acapromoter.ports.InstanceView;
import io.acapromoter.ports.Orchestrations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Vulnerability findings → rebuilds. {@code OnVulnerabilityFinding} hands it Defender's events,
 * {@code VulnerabilitySweep} asks Resource Graph about what runs now; both end in the same
 * planner, so a finding seen by both paths starts one rebuild (instance ids are per target,
 * digest and window). Every finding gets a logged decision.
 */
public final class FindingIntake {

    private final PipelinePorts ports;

    public FindingIntake(PipelinePorts ports) {
        this.ports = ports;
    }

    /** Parses a delivered payload, plans and starts rebuilds; returns the decisions. */
    public List<RebuildDecision> handle(String body, Orchestrations orchestrations, Logger log) {
        return handleDelivery(body, orchestrations, log).decisions();
    }

    /** What one delivery gave: rebuild decisions for the findings, and the elements refused as unreadable. */
    public record Delivery(List<RebuildDecision> decisions, List<ParsedFinding.Unreadable> refused) {
        public Delivery {
            decisions = List.copyOf(decisions);
            refused = List.copyOf(refused);
        }
    }

    /** {@link #handle}, also reporting what was refused, for routes that answer the sender. */
    public Delivery handleDelivery(String body, Orchestrations orchestrations, Logger log) {
        List<ParsedFinding.Unreadable> refused = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (ParsedFinding parsed : FindingParser.parse(body, ports.findings()::loginServer)) {
            if (parsed instanceof ParsedFinding.Found found) {
                findings.add(found.finding());
            } else if (parsed instanceof ParsedFinding.Unreadable bad) {
                refused.add(bad);
                log.warning(LogLine.of("finding.refused").with("finding", bad.id()).with("outcome", "refuse")
                        .with("reason", bad.problem()).toString());
            } else if (parsed instanceof ParsedFinding.Skipped skipped) {
                log.info(LogLine.of("finding.decision").with("finding", skipped.id()).with("outcome", "ignore")
                        .with("reason", skipped.reason()).toString());
            } else if (parsed instanceof ParsedFinding.Scanned scanned) {
                log.info(LogLine.of("finding.decision").with("finding", scanned.id()).with("digest", scanned.digest())
                        .with("outcome", "ignore").with("reason", scanned.reason()).toString());
            }
        }
        return new Delivery(plan(FindingSets.distinct(findings), orchestrations, log), refused);
    }

    /** The safety net: findings on the digests the targets run now, from the Findings port. */
    public List<RebuildDecision> sweep(Orchestrations orchestrations, Logger log) {
        RunningImages running = RunningImagesReader.read(ports.file(), ports.containerApps());
        List<Digest> digests = List.copyOf(running.byDigest().keySet());
        List<Finding> findings = ports.findings().forDigests(digests).findings();
        log.info(LogLine.of("sweep.started").with("digests", digests.size()).with("findings", findings.size()).toString());
        return plan(findings, running, orchestrations, log);
    }

    private List<RebuildDecision> plan(List<Finding> findings, Orchestrations orchestrations, Logger log) {
        if (findings.isEmpty()) {
            return List.of();
        }
        return plan(findings, RunningImagesReader.read(ports.file(), ports.containerApps()), orchestrations, log);
    }

    private List<RebuildDecision> plan(List<Finding> findings, RunningImages running, Orchestrations orchestrations,
                                       Logger log) {
        Instant now = ports.clock().instant();
        RebuildPlan plan = new RebuildPlanner(ports.file()).plan(findings, running, history(orchestrations, ports.file(), now), now);
        for (RebuildRequest request : plan.rebuilds()) {
            RebuildInput input = RebuildInput.of(request, now);
            Orchestrations.StartResult started = orchestrations.startIfAbsent(Orchestrators.REBUILD, input.rebuildId(), input);
            log.info(LogLine.of("rebuild.requested").with("rebuild", input.rebuildId()).with("target", input.target())
                    .with("digest", input.replacesDigest()).with("started", started == Orchestrations.StartResult.STARTED)
                    .with("cves", String.join(",", input.cves())).toString());
        }
        for (RebuildDecision d : plan.decisions()) {
            log.log(Level.INFO, LogLine.of("finding.decision").with("finding", d.finding().id()).with("cve", d.finding().cve())
                    .with("digest", d.finding().digest()).with("target", d.target().orElse(null))
                    .with("outcome", d.outcome().label()).with("reason", d.reason()).toString());
        }
        return plan.decisions();
    }

    /**
     * Rebuilds running now and those started within the longest rebuild window of any target, from the
     * orchestration store: both read exactly, page by page (the running ones by status, the recent ones
     * by creation time), so however much history the store holds none of them is missed.
     */
    static RebuildHistory history(Orchestrations orchestrations, io.acapromoter.policy.PromotionFile file, Instant now) {
        java.time.Duration longest = file.targets().stream().flatMap(t -> t.rebuild().stream())
                .map(io.acapromoter.policy.RebuildPolicy::window).max(java.util.Comparator.naturalOrder())
                .orElse(java.time.Duration.ZERO);
        Map<RebuildHistory.Rebuild, Instant> last = new HashMap<>();
        Set<RebuildHistory.Rebuild> rebuilding = new HashSet<>();
        Map<String, Integer> perRegistry = new HashMap<>();
        Map<String, InstanceView> relevant = new java.util.LinkedHashMap<>();
        for (InstanceView v : orchestrations.listLive(Names.REBUILD_ORCHESTRATOR, "rebuild-")) {
            relevant.put(v.instanceId(), v);
        }
        for (InstanceView v : orchestrations.listCreatedSince(Names.REBUILD_ORCHESTRATOR, "rebuild-", now.minus(longest))) {
            relevant.putIfAbsent(v.instanceId(), v);
        }
        for (InstanceView v : relevant.values()) {
            RebuildInput input = InstanceJson.read(v.instanceId(), v.input(), RebuildInput.class).orElse(null);
            if (input == null) {
                continue;
            }
            RebuildHistory.Rebuild rebuild = new RebuildHistory.Rebuild(input.target(), Digest.parse(input.replacesDigest()));
            if (v.state().isFinished()) {
                last.merge(rebuild, v.createdAt(), (a, b) -> a.isAfter(b) ? a : b);
            } else {
                rebuilding.add(rebuild);
                perRegistry.merge(input.registryResourceId().toLowerCase(Locale.ROOT), 1, Integer::sum);
            }
        }
        return new RebuildHistory(last, rebuilding, perRegistry);
    }
}
