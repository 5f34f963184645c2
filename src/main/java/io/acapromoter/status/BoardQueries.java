package io.acapromoter.status;

import io.acapromoter.domain.Phase;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.operations.TargetFreeze;
import io.acapromoter.orchestration.InstanceJson;
import io.acapromoter.orchestration.Names;
import io.acapromoter.orchestration.RebuildStatus;
import io.acapromoter.policy.PromotionFile;
import io.acapromoter.policy.RolloutStrategy;
import io.acapromoter.policy.Target;
import io.acapromoter.ports.AuditRecord;
import io.acapromoter.ports.InstanceView;
import io.acapromoter.ports.Orchestrations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts the board together: per target, production as Azure reports it (through the cached
 * {@link ProductionReader}), the promotions and rebuilds of the orchestration store, and the
 * production history of the audit trail. One store query per kind per target, nothing per row.
 */
public final class BoardQueries {

    /** How many of a target's newest promotions are looked at. */
    static final int SCAN = 50;
    static final int OUTCOMES = 5;
    static final int HISTORY = 5;
    static final int REBUILDS = 20;
    static final int ACTIONS = 5;

    private final PromotionFile file;
    private final Orchestrations orchestrations;
    private final ProductionReader production;
    private final TargetHistory history;
    private final Clock clock;

    public BoardQueries(PromotionFile file, Orchestrations orchestrations, ProductionReader production,
                        TargetHistory history, Clock clock) {
        this.file = file;
        this.orchestrations = orchestrations;
        this.production = production;
        this.history = history;
        this.clock = clock;
    }

    public Board board() {
        Instant now = clock.instant();
        return new Board(now.toString(), file.targets().stream().map(t -> build(t, now)).toList());
    }

    /** The board of one target (a board with that target only). */
    public Optional<Board> target(String name) {
        Instant now = clock.instant();
        return file.target(name).map(t -> new Board(now.toString(), List.of(build(t, now))));
    }

    public boolean knows(String target) {
        return file.target(target).isPresent();
    }

    TargetBoard build(Target target, Instant now) {
        List<PromotionView> promotions = orchestrations.list(Names.PROMOTION_ORCHESTRATOR, target.name() + "-", SCAN).stream()
                .map(PromotionQueries::view).filter(v -> target.name().equals(v.promotion().target())).toList();
        TargetBoard.Production read = production.read(target);
        List<ProductionRun> past = history(target);
        Optional<ProductionRun> current = read.image() == null ? Optional.empty()
                : past.stream().filter(p -> read.image().equals(p.image()) && p.to() == null).findFirst();
        TargetBoard.Production runs = read;
        if (current.isPresent()) {
            runs = new TargetBoard.Production(runs.image(), runs.digest(), current.get().from(), current.get().promotion(),
                    runs.traffic(), runs.readAt(), runs.problem());
        }
        List<TargetBoard.Candidate> candidates = new ArrayList<>();
        List<TargetBoard.Outcome> outcomes = new ArrayList<>();
        for (PromotionView v : promotions) {
            PromotionStatus p = v.promotion();
            if (p.phase() != null && p.phase().isTerminal()) {
                if (outcomes.size() < OUTCOMES) {
                    String at = p.timeline().isEmpty() ? v.lastUpdatedAt() : p.timeline().get(p.timeline().size() - 1).at();
                    outcomes.add(new TargetBoard.Outcome(v.id(), p.image(), p.phase(), at, p.detail()));
                }
            } else if (!"FAILED".equals(v.runtimeState()) && !"TERMINATED".equals(v.runtimeState())) {
                candidates.add(candidate(p, runs, now));
            }
        }
        List<TargetBoard.Notice> notices = new ArrayList<>();
        if (runs.problem() != null) {
            notices.add(new TargetBoard.Notice("error", runs.problem()));
        }
        List<AuditRecord> operated = operated(target, notices);
        notices.addAll(holds(target, operated, now));
        if (target.rollout().strategy() == RolloutStrategy.REPLACE) {
            notices.add(new TargetBoard.Notice("warning", "single-revision worker: during a rollout the old and the new "
                    + "revision may both consume messages until the old one stops"));
        }
        if (!outcomes.isEmpty() && outcomes.get(0).phase() == Phase.ROLLED_BACK) {
            TargetBoard.Outcome last = outcomes.get(0);
            notices.add(new TargetBoard.Notice("rolled-back", "the last promotion (" + last.image() + ") was rolled back at "
                    + last.at() + ": " + last.detail()));
        }
        List<TargetBoard.OperatorAction> actions = new ArrayList<>();
        for (int i = operated.size() - 1; i >= 0 && actions.size() < ACTIONS; i--) {
            AuditRecord r = operated.get(i);
            actions.add(new TargetBoard.OperatorAction(r.at(), r.actor(), r.kind().wire(), r.detail(), r.fields().getOrDefault("reason", "")));
        }
        return new TargetBoard(target.name(), target.kind() == io.acapromoter.policy.ResourceKind.JOB ? "job" : "app",
                target.rollout().strategy().key(), runs, candidates, rebuilds(target), outcomes, past, notices, actions);
    }

    /**
     * What holds the target's rollouts back: an operator's freeze (who, since when, why) and its rollout
     * windows (open now, or when the next one opens). A freeze that cannot be read is said so, not hidden.
     */
    private List<TargetBoard.Notice> holds(Target target, List<AuditRecord> operated, Instant now) {
        List<TargetBoard.Notice> out = new ArrayList<>();
        TargetFreeze.current(operated).ifPresent(f -> out.add(new TargetBoard.Notice("frozen",
                "frozen by " + f.by() + " since " + f.at() + (f.reason().isBlank() ? "" : ": " + f.reason())
                        + "; approved promotions wait, nothing new reaches production")));
        target.rolloutWindows().ifPresent(w -> {
            Optional<Instant> opens = w.nextOpening(now);
            out.add(new TargetBoard.Notice("windows", "rollouts start only inside the rollout windows (" + w.describe() + "): "
                    + opens.map(at -> at.isAfter(now) ? "closed now, the next one opens at " + at : "open now")
                    .orElse("none opens within a year")));
        });
        return out;
    }

    /**
     * The target's audit partition (operators' actions and its freeze), oldest first; one read per target.
     * A read that fails is said on the card (whether it is frozen is then unknown), not hidden.
     */
    private List<AuditRecord> operated(Target target, List<TargetBoard.Notice> notices) {
        try {
            return history.audit().history(TargetFreeze.partition(target.name()));
        } catch (RuntimeException e) {
            notices.add(new TargetBoard.Notice("error", "the operators' actions on " + target.name()
                    + " (and whether it is frozen) could not be read: " + e.getMessage()));
            return List.of();
        }
    }

    private List<ProductionRun> history(Target target) {
        return history.page(target.name(), HISTORY, Optional.empty()).productions();
    }

    private List<TargetBoard.Rebuild> rebuilds(Target target) {
        List<TargetBoard.Rebuild> out = new ArrayList<>();
        for (InstanceView v : orchestrations.list(Names.REBUILD_ORCHESTRATOR, "rebuild-" + target.name() + "-", REBUILDS)) {
            if (v.state().isFinished()) {
                continue;
            }
            InstanceJson.read(v.instanceId(), v.customStatus(), RebuildStatus.class)
                    .filter(r -> target.name().equals(r.target()))
                    .filter(r -> r.state() == RebuildStatus.State.SCHEDULING || r.state() == RebuildStatus.State.RUNNING)
                    .ifPresent(r -> out.add(new TargetBoard.Rebuild(r.rebuildId(), r.replacesDigest(), r.cves(),
                            r.state().name(), r.detail())));
        }
        return out;
    }

    static TargetBoard.Candidate candidate(PromotionStatus p, TargetBoard.Production runs, Instant now) {
        Phase phase = p.phase() == null ? Phase.PENDING : p.phase();
        // Approved but held back (a freeze, a rollout window): approval is done, the rollout waits.
        String waiting = p.releaseWait().orElse(null);
        Step step = waiting != null ? Step.ROLLOUT : Step.of(phase).orElse(Step.VERIFY);
        String since = null;
        for (int i = p.timeline().size() - 1; i >= 0; i--) {
            PromotionStatus.TimelineEntry entry = p.timeline().get(i);
            boolean same = waiting != null ? entry.phase() == Phase.AWAITING_APPROVAL && entry.detail() != null
                    && entry.detail().startsWith(PromotionStatus.RELEASE_WAIT)
                    : Step.of(entry.phase()).orElse(null) == step;
            if (!same) {
                break;
            }
            since = entry.at();
        }
        long seconds = 0;
        if (since != null) {
            try {
                seconds = Math.max(0, Duration.between(Instant.parse(since), now).toSeconds());
            } catch (DateTimeParseException e) {
                since = null;
            }
        }
        Integer weight = null;
        if (waiting == null && (step == Step.ROLLOUT || step == Step.MONITOR) && p.stagingRevision() != null) {
            weight = runs.traffic().stream().filter(s -> p.stagingRevision().equals(s.revision()))
                    .map(TargetBoard.Share::weight).reduce(Integer::sum).orElse(null);
        }
        List<String> warnings = new ArrayList<>(p.warnings());
        if (p.vulnerabilityScan() != null && p.vulnerabilityScan().contains("NOT scanned")
                && warnings.stream().noneMatch(w -> w.contains("NOT scanned") || w.contains("not scanned"))) {
            warnings.add(p.vulnerabilityScan());
        }
        return new TargetBoard.Candidate(p.promotionId(), p.image(), p.tag(), phase, step, since, seconds, p.detail(), weight,
                step == Step.APPROVAL ? p.deadline() : null, warnings, p.fixes(), waiting);
    }
}
