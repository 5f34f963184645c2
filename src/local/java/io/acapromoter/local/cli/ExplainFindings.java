package io.acapromoter.local.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acapromoter.domain.Digest;
import io.acapromoter.domain.Finding;
import io.acapromoter.events.FindingParser;
import io.acapromoter.events.ParsedFinding;
import io.acapromoter.orchestration.RebuildInput;
import io.acapromoter.policy.Placement;
import io.acapromoter.policy.PromotionFile;
import io.acapromoter.policy.RebuildDecision;
import io.acapromoter.policy.RebuildHistory;
import io.acapromoter.policy.RebuildOutcome;
import io.acapromoter.policy.RebuildPlan;
import io.acapromoter.policy.RebuildPlanner;
import io.acapromoter.policy.RunningImages;
import io.acapromoter.policy.Target;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The findings half of {@code explain-event}: one JSON line per record (sub-assessment or individual
 * recommendation) and target with {@code decision},
 * {@code reason}, {@code target}, {@code cve}, {@code digest} and the rebuild {@code instanceId}. Offline there
 * is no Azure to ask what runs where, so each finding's digest is assumed to run in production of every target
 * of its repository, and the reason says so. Nothing has been rebuilt before, as far as this command knows.
 */
final class ExplainFindings {

    static final String ASSUMED = "; assumed running (offline): explain-event cannot see what runs in Azure";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PromotionFile file;
    private final PrintStream out;

    ExplainFindings(PromotionFile file, PrintStream out) {
        this.file = file;
        this.out = out;
    }

    void explain(String name, String body, Instant now) {
        List<ParsedFinding> parsed = FindingParser.parse(body, this::loginServerFromFile);
        List<Finding> findings = parsed.stream().filter(p -> p instanceof ParsedFinding.Found)
                .map(p -> ((ParsedFinding.Found) p).finding()).toList();
        RebuildPlan plan = new RebuildPlanner(file).plan(findings, assumeRunning(findings), RebuildHistory.none(), now);
        List<RebuildDecision> decisions = plan.decisions();
        int next = 0;
        for (ParsedFinding p : parsed) {
            if (p instanceof ParsedFinding.Found found) {
                // One decision per target that runs the digest, in input order.
                do {
                    print(name, decisions.get(next++), now);
                } while (next < decisions.size() && decisions.get(next).finding() == found.finding());
            } else if (p instanceof ParsedFinding.Skipped skipped) {
                printOther(name, skipped.id(), "ignore", skipped.reason());
            } else if (p instanceof ParsedFinding.Scanned scanned) {
                printOther(name, scanned.id(), "ignore", scanned.reason());
            } else {
                ParsedFinding.Unreadable bad = (ParsedFinding.Unreadable) p;
                printOther(name, bad.id(), "refuse", bad.problem());
            }
        }
    }

    /**
     * Offline there is no ARM to read a registry's login server from: a registry the promotion file names by its ARM
     * id ({@code rebuild.registryResourceId}) resolves to the host of the target that names it.
     */
    private Optional<String> loginServerFromFile(String registryResourceId) {
        return file.targets().stream()
                .filter(t -> t.rebuild().map(r -> r.registryResourceId().equalsIgnoreCase(registryResourceId)).orElse(false))
                .map(Target::registry).findFirst();
    }

    /** Every digest runs in production of every target that takes its repository: the offline assumption. */
    private RunningImages assumeRunning(List<Finding> findings) {
        Map<Digest, Set<Placement>> running = new HashMap<>();
        for (Finding f : findings) {
            for (Target t : file.targetsFor(f.registry(), f.repository())) {
                running.computeIfAbsent(f.digest(), d -> new LinkedHashSet<>()).add(new Placement(t.name(), Placement.Place.PRODUCTION));
            }
        }
        Map<Digest, List<Placement>> lists = new HashMap<>();
        running.forEach((digest, places) -> lists.put(digest, new ArrayList<>(places)));
        return new RunningImages(lists);
    }

    private void print(String name, RebuildDecision decision, Instant now) {
        Finding f = decision.finding();
        boolean assumed = decision.outcome() != RebuildOutcome.NO_POLICY;
        ObjectNode line = JSON.createObjectNode();
        line.put("file", name);
        line.put("findingId", f.id());
        line.put("decision", decision.outcome().label());
        line.put("reason", decision.reason() + (assumed ? ASSUMED : ""));
        line.put("target", decision.target().orElse(null));
        line.put("cve", f.cve());
        line.put("severity", f.severity().name());
        line.put("fixable", f.fixable());
        line.put("digest", f.digest().toString());
        line.put("image", f.registry() + "/" + f.repository() + "@" + f.digest());
        line.put("instanceId", decision.rebuild().map(r -> RebuildInput.of(r, now).rebuildId()).orElse(null));
        out.println(line);
    }

    private void printOther(String name, String id, String decision, String reason) {
        ObjectNode line = JSON.createObjectNode();
        line.put("file", name);
        line.put("findingId", id);
        line.put("decision", decision);
        line.put("reason", reason);
        line.putNull("target");
        line.putNull("cve");
        line.putNull("digest");
        line.putNull("instanceId");
        out.println(line);
    }
}
