package io.acapromoter.policy;

import io.acapromoter.domain.Digest;
import io.acapromoter.domain.Finding;
import io.acapromoter.domain.PinnedImage;
import io.acapromoter.domain.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides, as a pure function, which vulnerability findings start a rebuild. Per finding and per target that
 * takes its repository with a rebuild policy and runs its digest now (the same digest may run in several targets,
 * or under two repositories): the finding must meet that target's severity and fix requirements. Qualifying
 * findings are then grouped by target and digest: at most one rebuild per target and digest per window (Defender
 * repeats its findings daily), none while one runs, and at most {@code maxConcurrent} rebuilds running at once per
 * registry, most severe first; the rest are deferred for a later sweep. The time is passed in.
 */
public final class RebuildPlanner {

    private final PromotionFile file;

    public RebuildPlanner(PromotionFile file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** A target and a digest it runs: what one rebuild replaces. */
    private record Key(String target, Digest digest) {
    }

    public RebuildPlan plan(Collection<Finding> findings, RunningImages running, RebuildHistory history, Instant now) {
        List<Finding> input = List.copyOf(findings);
        // Slots in input order: one per finding and target that runs it, one for a finding no target runs.
        List<RebuildDecision> slots = new ArrayList<>();
        Map<Key, List<Integer>> qualifying = new LinkedHashMap<>();
        Map<Key, Target> targetOf = new HashMap<>();
        Map<Integer, Finding> findingOf = new HashMap<>();
        for (Finding finding : input) {
            List<Target> targets = targetsRunning(finding, running);
            if (targets.isEmpty()) {
                slots.add(unqualified(finding, running));
                continue;
            }
            for (Target target : targets) {
                Optional<RebuildDecision> refused = checkPolicy(finding, target);
                if (refused.isPresent()) {
                    slots.add(refused.get());
                    continue;
                }
                Key key = new Key(target.name(), finding.digest());
                targetOf.putIfAbsent(key, target);
                findingOf.put(slots.size(), finding);
                qualifying.computeIfAbsent(key, k -> new ArrayList<>()).add(slots.size());
                slots.add(null);
            }
        }
        // When the cap bites, the digests with the most severe findings get the free slots first.
        List<Map.Entry<Key, List<Integer>>> groups = new ArrayList<>(qualifying.entrySet());
        groups.sort(Comparator.comparing((Map.Entry<Key, List<Integer>> g) -> g.getValue().stream()
                .map(i -> findingOf.get(i).severity()).max(Comparator.naturalOrder()).orElseThrow()).reversed());
        Map<String, Integer> startedNow = new HashMap<>();
        for (Map.Entry<Key, List<Integer>> group : groups) {
            List<Finding> onDigest = group.getValue().stream().map(findingOf::get).toList();
            Target target = targetOf.get(group.getKey());
            List<RebuildDecision> decided = decideDigest(onDigest, target, running, history, startedNow, now);
            for (int k = 0; k < decided.size(); k++) {
                slots.set(group.getValue().get(k), decided.get(k));
            }
        }
        return new RebuildPlan(slots);
    }

    /** Every target (file order) that takes the finding's repository, has a rebuild policy and runs the digest. */
    private List<Target> targetsRunning(Finding finding, RunningImages running) {
        return file.targetsFor(finding.registry(), finding.repository()).stream()
                .filter(t -> t.rebuild().isPresent())
                .filter(t -> running.runsIn(finding.digest(), t.name()))
                .toList();
    }

    private RebuildDecision unqualified(Finding finding, RunningImages running) {
        String image = finding.registry() + "/" + finding.repository();
        List<Target> targets = file.targetsFor(finding.registry(), finding.repository());
        if (targets.isEmpty()) {
            return decision(finding, RebuildOutcome.NO_POLICY, null, "no target takes " + image);
        }
        List<String> withPolicy = targets.stream().filter(t -> t.rebuild().isPresent()).map(Target::name).toList();
        if (withPolicy.isEmpty()) {
            return decision(finding, RebuildOutcome.NO_POLICY, targets.get(0).name(), "target "
                    + names(targets.stream().map(Target::name).toList()) + " has no rebuild policy for " + image);
        }
        List<Placement> elsewhere = running.placementsOf(finding.digest());
        return decision(finding, RebuildOutcome.NOT_RUNNING, withPolicy.get(0), finding.digest().shortHex()
                + " runs in neither production nor staging of " + names(withPolicy)
                + (elsewhere.isEmpty() ? "" : " (it runs in " + elsewhere.stream().map(Placement::toString).toList() + ")"));
    }

    private static Optional<RebuildDecision> checkPolicy(Finding finding, Target target) {
        RebuildPolicy policy = target.rebuild().orElseThrow();
        if (!finding.severity().atLeast(policy.minSeverity())) {
            return Optional.of(decision(finding, RebuildOutcome.BELOW_THRESHOLD, target.name(), finding.cve() + " is "
                    + label(finding.severity()) + ", below the rebuild threshold " + label(policy.minSeverity())
                    + " of " + target.name()));
        }
        if (policy.onlyFixable() && !finding.fixable()) {
            return Optional.of(decision(finding, RebuildOutcome.NOT_FIXABLE, target.name(), "no fix available for "
                    + finding.cve() + " and " + target.name() + " rebuilds only for fixable findings"));
        }
        return Optional.empty();
    }

    private static List<RebuildDecision> decideDigest(List<Finding> onDigest, Target target, RunningImages running,
                                                      RebuildHistory history, Map<String, Integer> startedNow, Instant now) {
        RebuildPolicy policy = target.rebuild().orElseThrow();
        Digest digest = onDigest.get(0).digest();
        String registryKey = policy.registryResourceId().toLowerCase(Locale.ROOT);
        RebuildOutcome outcome;
        String reason;
        RebuildRequest request = null;
        Instant last = history.lastRebuilt(target.name(), digest);
        int busy = history.runningIn(policy.registryResourceId()) + startedNow.getOrDefault(registryKey, 0);
        if (history.isRebuilding(target.name(), digest)) {
            outcome = RebuildOutcome.ALREADY_REBUILDING;
            reason = "a rebuild of " + digest.shortHex() + " for " + target.name() + " is already running";
        } else if (last != null && now.isBefore(last.plus(policy.window()))) {
            outcome = RebuildOutcome.RECENTLY_REBUILT;
            reason = digest.shortHex() + " was rebuilt at " + last + ", within the " + human(policy.window())
                    + " window of " + target.name() + " (next rebuild possible from " + last.plus(policy.window()) + ")";
        } else if (busy >= policy.maxConcurrent()) {
            outcome = RebuildOutcome.DEFERRED;
            reason = "deferred: " + busy + " rebuilds already running for registry " + ResourceIds.nameOf(policy.registryResourceId())
                    + " (max " + policy.maxConcurrent() + ")";
        } else {
            startedNow.merge(registryKey, 1, Integer::sum);
            List<String> cves = onDigest.stream()
                    .sorted(Comparator.comparing(Finding::severity, Comparator.reverseOrder()).thenComparing(Finding::cve))
                    .map(Finding::cve).distinct().toList();
            Finding first = onDigest.get(0);
            request = new RebuildRequest(target.name(), policy.registryResourceId(), policy.task(), policy.arguments(),
                    new PinnedImage(first.registry(), first.repository(), digest), cves, windowStart(now, policy.window()));
            outcome = RebuildOutcome.REBUILD;
            reason = "rebuild " + digest.shortHex() + " of " + target.name() + " with task " + policy.task() + " for "
                    + String.join(", ", cves) + "; it runs in " + running.placementsOf(digest).stream()
                    .filter(p -> p.target().equals(target.name())).map(p -> p.place().name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(" and "));
        }
        List<RebuildDecision> out = new ArrayList<>();
        for (Finding finding : onDigest) {
            out.add(new RebuildDecision(finding, outcome, Optional.of(target.name()), reason, Optional.ofNullable(request)));
        }
        return out;
    }

    /** Windows are aligned on the epoch, so every finding in one window names the same rebuild instance. */
    static Instant windowStart(Instant now, Duration window) {
        long size = window.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), size) * size);
    }

    private static RebuildDecision decision(Finding finding, RebuildOutcome outcome, String target, String reason) {
        return new RebuildDecision(finding, outcome, Optional.ofNullable(target), reason, Optional.empty());
    }

    private static String names(List<String> names) {
        return String.join(", ", names);
    }

    private static String label(Severity severity) {
        String name = severity.name();
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }

    private static String human(Duration d) {
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + "d";
        }
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + "h";
        }
        return d.toMinutes() + "m";
    }
}
