package io.acapromoter.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.durabletask.Task;
import com.microsoft.durabletask.TaskFailedException;
import com.microsoft.durabletask.TaskOptions;
import com.microsoft.durabletask.TaskOrchestrationContext;
import io.acapromoter.domain.Phase;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.policy.ResourceKind;
import io.acapromoter.policy.RolloutStrategy;
import io.acapromoter.policy.StagingStrategy;
import io.acapromoter.ports.AuditKind;
import io.acapromoter.ports.AuditRecord;
import io.acapromoter.ports.ProductionRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code PromotionOrchestrator}, one instance per execution of the promotion chain: verify → staging → smoke tests → approval → rollout →
 * monitor → (roll back). Deterministic: time from the orchestration clock, all I/O in activities.
 * Verdicts come back as values ({@link Verification}, {@link Check}) and end the promotion
 * {@code FAILED}; faults are thrown by activities, retried by {@link Retries}, and end it {@code ERRORED}.
 */
public final class PromotionOrchestrator {

    /** How long an approved promotion waits for another rollout of its target to finish. */
    static final Duration CLAIM_TIMEOUT = Duration.ofHours(6);
    /** Readiness is polled this often through the time a revision usually takes to get ready, then less often. */
    static final Duration READY_POLL = Duration.ofSeconds(5);
    static final Duration EXPECTED_PROVISIONING = Duration.ofMinutes(3);
    static final Duration READY_POLL_MAX = Duration.ofSeconds(30);
    /** While a deployment's operation runs, every this many polls also reads the revision (to fail fast). */
    static final int REVISION_READ_EVERY = 6;

    private final TaskOrchestrationContext ctx;
    private final PromotionInput input;
    private final PromotionRef promotion;
    private final StatusTracker status;
    private final Task<JsonNode> superseded;
    /** An operator's cancel ({@link Names#CANCEL_EVENT}): checked between steps and raced against the long waits. */
    private final Task<JsonNode> cancelled;
    private Plan plan;
    /** What {@code VerifyCandidate} found before staging: after approval only what can have changed is asked again. */
    private Verification verified;
    /** When Defender said the candidate was scanned and passes the gate (orchestration time), or null. */
    private Instant defenderAnsweredAt;
    /** What staging runs, once {@code DeployStaging} answered. */
    private StagingStep staged;
    /** What is being released, once production was read again after approval. */
    private ReleaseStep release;
    private boolean productionChanged;
    /** When the rollout to production began (orchestration time), once it did. */
    private String releasedAt;
    private TrafficWatch trafficWatch;

    /** Runs one execution of {@code PromotionOrchestrator}: the Functions binding and the local driver both call this. */
    public static PromotionStatus run(TaskOrchestrationContext ctx) {
        return new PromotionOrchestrator(ctx).execute();
    }

    private PromotionOrchestrator(TaskOrchestrationContext ctx) {
        this.ctx = ctx;
        this.input = ctx.getInput(PromotionInput.class);
        this.status = new StatusTracker(ctx, input);
        this.superseded = ctx.waitForExternalEvent(Names.SUPERSEDED_EVENT, JsonNode.class);
        this.cancelled = ctx.waitForExternalEvent(Names.CANCEL_EVENT, JsonNode.class);
        this.promotion = PromotionRef.of(input, ctx.getCurrentInstant());
    }

    private PromotionStatus execute() {
        try {
            return chain();
        } catch (TaskFailedException e) {
            return fault(e);
        }
    }

    private PromotionStatus chain() {
        plan = call(Activities.LOAD_PLAN, promotion, Retries.NOTIFY);
        status.approvalPolicy(plan.approvalsRequired(), plan.approvers());

        status.move(Phase.VERIFYING, "checking that " + input.image() + " exists, is signed if required and passes the gate");
        verified = waitForScan(waitForSignature(call(Activities.VERIFY_CANDIDATE, promotion, Retries.AZURE)));
        PromotionStatus stop = unlessGoingOn(verified);
        if (stop != null) {
            return stop;
        }
        status.move(Phase.STAGING, "deploying " + input.image() + " to staging (" + plan.stagingStrategy().key() + ")");
        // Only a verified candidate supersedes others. Label staging checks production on the read its write needs
        // (verification checked only the candidate), so there it is verified, and contests, once staging answered:
        // a new tag on what production runs ends with nothing to do and supersedes nobody.
        boolean verifiedAtStaging = plan.stagingStrategy() == StagingStrategy.LABEL;
        if (!verifiedAtStaging) {
            stop = contest();
            if (stop != null) {
                return stop;
            }
        }

        Deployment deployed = call(Activities.DEPLOY_STAGING, StagingOrder.of(promotion, verified), Retries.AZURE);
        if (deployed.production() != null) {
            verified = verified.withProduction(deployed.production());
            stop = unlessGoingOn(verified);
            if (stop != null) {
                return stop;
            }
        }
        if (deployed.notMade() != null) {
            return end(Phase.FAILED, deployed.notMade());
        }
        staged = new StagingStep(promotion, deployed.revision(), deployed.url(), deployed.operation(), false);
        if (verifiedAtStaging) {
            stop = contest(); // superseded now, the staging revision just made is cleaned up as the promotion ends
            if (stop != null) {
                return stop;
            }
        }
        status.staging(deployed.revision(), deployed.url());
        status.warn(deployed.warnings());
        Check ready = plan.stagingStrategy() == StagingStrategy.JOB ? waitForExecution()
                : waitUntilReady(Activities.CHECK_STAGING, staged.operation(), staged::watching, "staging");
        staged = staged.watching(null, false);
        if (!ready.passed()) {
            return end(Phase.FAILED, ready.detail());
        }
        if (superseded.isDone()) {
            return end(Phase.SUPERSEDED, supersededBy());
        }
        if (cancelled.isDone()) {
            return end(Phase.CANCELLED, Operator.cancelledBy(cancelled.await()));
        }

        status.move(Phase.SMOKE_TESTING, "probing " + (staged.url() == null ? "the staging run" : staged.url()));
        Check smoke = call(Activities.RUN_SMOKE_TESTS, staged, Retries.AZURE);
        status.smoke(smoke.probes());
        if (!smoke.passed()) {
            return end(Phase.FAILED, smoke.detail());
        }

        ApprovalWait.Outcome approval = input.operatorRollback() ? Operator.ordered(ctx, input, status)
                : new ApprovalWait(ctx, plan, input, status, superseded).operable(cancelled, this::rerunSmoke).await();
        if (approval.phase() != Phase.ROLLING_OUT) {
            return end(approval.phase(), approval.detail());
        }
        if (!input.operatorRollback()) {
            String held = new ReleaseWait(ctx, plan, promotion, status, cancelled).await();
            if (held != null) {
                return end(cancelled.isDone() ? Phase.CANCELLED : Phase.FAILED, held);
            }
        }
        return rollOutAndMonitor();
    }

    /**
     * Supersedes the target's older candidates, or is superseded by a newer verified one (the status shows this one
     * verified while it looks); null when the promotion goes on. An operator's rollback restores what ran before: it
     * neither supersedes candidates nor is superseded.
     */
    private PromotionStatus contest() {
        Check contest = input.operatorRollback() ? Check.passed("operator rollback")
                : call(Activities.SUPERSEDE_OLDER, promotion, Retries.AZURE);
        if (contest.status() == Check.Status.FAILED) {
            return end(Phase.SUPERSEDED, contest.detail());
        }
        if (cancelled.isDone()) {
            return end(Phase.CANCELLED, Operator.cancelledBy(cancelled.await()));
        }
        if (superseded.isDone()) {
            return end(Phase.SUPERSEDED, supersededBy());
        }
        return null;
    }

    /**
     * Shows what a verification found (production, warnings, facts for approvers); null when the candidate goes on,
     * else how the promotion ends (production already runs it, or it was rejected).
     */
    private PromotionStatus unlessGoingOn(Verification found) {
        status.production(found.productionImage());
        status.warn(found.warnings());
        status.verification(found.facts());
        if (found.verdict() == Verification.Verdict.ALREADY_RUNNING) {
            return end(Phase.SUCCEEDED, found.detail() + "; nothing to do");
        }
        if (found.verdict() == Verification.Verdict.REJECTED) {
            return end(Phase.FAILED, found.detail());
        }
        return null;
    }

    /**
     * While Defender has not scanned the candidate yet (NOT_SCANNED), asks again on durable timers up to
     * the gate's scan wait, then applies {@code vulnerabilityGate.unscanned}: a block ends the promotion
     * {@code FAILED}, allow-with-warning lets it go on and says so to approvers.
     */
    private Verification waitForScan(Verification first) {
        Verification verified = first;
        Duration wait = Duration.ofSeconds(plan.scanWaitSeconds());
        Instant giveUp = ctx.getCurrentInstant().plus(wait);
        boolean announced = false;
        while (verified.verdict() == Verification.Verdict.NOT_SCANNED) {
            Instant now = ctx.getCurrentInstant();
            if (!now.isBefore(giveUp)) {
                String after = wait.isZero() ? "" : " after waiting " + human(wait);
                if (!plan.allowsUnscanned()) {
                    return new Verification(Verification.Verdict.REJECTED, verified.detail() + after
                            + "; vulnerabilityGate.unscanned is block", verified.productionImage(),
                            verified.productionRevision(), verified.warnings(), verified.facts(), verified.scanned());
                }
                status.vulnerabilityScan("NOT scanned by Defender" + after + ": allowed with a warning");
                status.warn(List.of("vulnerability gate: " + verified.detail() + after
                        + "; allowed with a warning (vulnerabilityGate.unscanned: allow-with-warning)"));
                return new Verification(Verification.Verdict.VERIFIED, verified.detail(), verified.productionImage(),
                        verified.productionRevision(), verified.warnings(), verified.facts(), verified.scanned(),
                        verified.candidatePushedAt());
            }
            if (!announced) {
                status.move(Phase.VERIFYING, "waiting for Defender to scan " + input.image() + " (" + verified.detail()
                        + "); up to " + human(wait) + ", until " + giveUp);
                announced = true;
            }
            Duration remaining = Duration.between(now, giveUp);
            ctx.createTimer(remaining.compareTo(SCAN_POLL) < 0 ? remaining : SCAN_POLL).await();
            verified = call(Activities.VERIFY_CANDIDATE, promotion, Retries.AZURE);
        }
        if (plan.hasGate() && verified.verdict() == Verification.Verdict.VERIFIED) {
            status.vulnerabilityScan(verified.detail());
            defenderAnsweredAt = ctx.getCurrentInstant();
        }
        return verified;
    }

    /** The smoke tests again, on an operator's request while approval is awaited. */
    private Check rerunSmoke() {
        Check smoke = call(Activities.RUN_SMOKE_TESTS, staged, Retries.AZURE);
        status.smoke(smoke.probes());
        return smoke;
    }

    /** How often a promotion asks whether Defender has scanned the candidate yet. */
    static final Duration SCAN_POLL = Duration.ofMinutes(15);

    private static String human(Duration d) {
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + " h";
        }
        if (d.toMinutes() > 0 && d.equals(Duration.ofMinutes(d.toMinutes()))) {
            return d.toMinutes() + " min";
        }
        return d.toSeconds() + " s";
    }

    private PromotionStatus rollOutAndMonitor() {
        Check claim = claimProduction();
        if (cancelled.isDone()) {
            return end(Phase.CANCELLED, Operator.cancelledBy(cancelled.await()));
        }
        if (!claim.passed()) {
            return end(Phase.FAILED, "approved, but production stayed busy for " + CLAIM_TIMEOUT.toHours() + " h: "
                    + claim.detail());
        }
        // Defender may have found something new since the first check: ask it again, unless its answer is younger than
        // vulnerabilityGate.recheckAfter (Defender rescans about daily; a finding after the rollout starts a rebuild).
        // Production may have changed too (another release, a manual change): the rollout's own read right before its
        // write checks that, and writes nothing when production is not what was verified; then production is checked
        // in full and the rollout tried again.
        Verification current = verified;
        if (plan.hasGate() && !defenderAnswerStands()) {
            current = call(Activities.RECHECK_CANDIDATE, Recheck.findings(promotion, verified), Retries.AZURE);
            PromotionStatus stop = unlessVerified(current);
            if (stop != null) {
                return stop;
            }
        }
        Deployment first = null;
        for (int tries = 0; first == null; tries++) {
            release = new ReleaseStep(promotion, staged.revision(), current.productionRevision(), current.productionImage(), 100,
                    null, false, true, null, null);
            status.production(current.productionImage());
            status.move(Phase.ROLLING_OUT, "releasing " + input.image() + " to production (" + plan.rolloutStrategy().key() + ")");
            productionChanged = true;
            releasedAt = ctx.getCurrentInstant().toString();
            int weight = plan.rolloutStrategy() == RolloutStrategy.CANARY ? plan.canarySteps().get(0) : 100;
            Deployment d = call(Activities.ROLL_OUT, release.withWeight(weight), Retries.AZURE);
            if (d.notMade() == null) {
                first = d;
                break;
            }
            productionChanged = false;
            releasedAt = null;
            if (tries > 0) {
                return end(Phase.FAILED, "production changed again while this candidate was being released: " + d.notMade());
            }
            status.move(Phase.ROLLING_OUT, "production changed since verification (" + d.notMade() + "): checking again");
            current = call(Activities.RECHECK_CANDIDATE, Recheck.of(promotion, verified), Retries.AZURE);
            if (current.verdict() == Verification.Verdict.ALREADY_RUNNING) {
                // Production runs exactly this approved candidate now: an earlier try of this rollout whose write landed
                // (a job's write cannot tell itself from one by hand) or a change by hand. Either way it is production
                // from now on, so the target's history says so (and a rollback from it goes back to what ran before).
                releasedAt = ctx.getCurrentInstant().toString();
            }
            PromotionStatus stop = unlessVerified(current);
            if (stop != null) {
                return stop;
            }
        }
        release = release.checkingProduction(false);
        String failed = plan.rolloutStrategy() == RolloutStrategy.CANARY ? releaseInSteps(first) : releaseAtOnce(first);
        if (failed != null) {
            return rollBack(failed);
        }
        failed = monitor();
        if (failed != null) {
            return rollBack(failed);
        }
        Check finished = call(Activities.FINISH_ROLLOUT, release, Retries.AZURE);
        return end(Phase.SUCCEEDED, finished.detail());
    }

    /** Whether Defender's "scanned" answer at verification is younger than {@code vulnerabilityGate.recheckAfter}. */
    private boolean defenderAnswerStands() {
        return defenderAnsweredAt != null
                && ctx.getCurrentInstant().isBefore(defenderAnsweredAt.plusSeconds(plan.recheckAfterSeconds()));
    }

    /** Null when a re-check after approval lets the candidate go on, else how the promotion ends. */
    private PromotionStatus unlessVerified(Verification current) {
        if (current.verdict() == Verification.Verdict.NOT_SCANNED && !plan.allowsUnscanned()) {
            // Defender's record of the candidate went away since the first check: no gate is passed unscanned.
            return end(Phase.FAILED, current.detail() + "; vulnerabilityGate.unscanned is block");
        }
        if (current.verdict() == Verification.Verdict.ALREADY_RUNNING) {
            return end(Phase.SUCCEEDED, current.detail() + "; nothing to do");
        }
        if (current.verdict() == Verification.Verdict.NOT_SCANNED) {
            // Still unscanned, and the gate allows that with a warning (approvers saw it): go on.
            status.warn(List.of("vulnerability gate after approval: " + current.detail()
                    + "; allowed with a warning (vulnerabilityGate.unscanned: allow-with-warning)"));
            return null;
        }
        if (current.verdict() != Verification.Verdict.VERIFIED) {
            return end(Phase.FAILED, current.detail());
        }
        return null;
    }

    /** Waits (up to {@link #CLAIM_TIMEOUT}) until no other promotion of the target holds production. */
    private Check claimProduction() {
        Instant giveUp = ctx.getCurrentInstant().plus(CLAIM_TIMEOUT);
        while (true) {
            Check claim = call(Activities.CLAIM_ROLLOUT, promotion, Retries.AZURE);
            if (claim.passed() || !ctx.getCurrentInstant().isBefore(giveUp)) {
                return claim;
            }
            if (!status.current().detail().equals("approved; " + claim.detail())) {
                status.move(Phase.AWAITING_APPROVAL, "approved; " + claim.detail());
            }
            ctx.createTimer(Duration.ofMinutes(1)).await();
        }
    }

    /**
     * Canary: traffic moves step by step, production checked between steps; {@code first} is the first step's move,
     * already made. Null, or why it failed.
     */
    private String releaseInSteps(Deployment first) {
        List<Integer> steps = plan.canarySteps();
        for (int i = 0; i < steps.size(); i++) {
            int weight = steps.get(i);
            Deployment moved = i == 0 ? first : call(Activities.ROLL_OUT, release.withWeight(weight), Retries.AZURE);
            release = release.released(moved);
            status.move(Phase.ROLLING_OUT, moved.detail());
            if (weight < 100) {
                Duration pause = Duration.ofSeconds(plan.stepPauseSeconds());
                String step = "canary step " + weight + "%";
                String failed = watch().watch(release, pause, pause, step);
                if (failed != null) {
                    // An analysis verdict names its step already; a failed health check does not.
                    return failed.startsWith(step + ":") ? failed : step + " failed: " + failed;
                }
            }
        }
        return null;
    }

    /** Blue-green, replace, job: one update ({@code released}; replace waits for the new revision). Null, or why it failed. */
    private String releaseAtOnce(Deployment released) {
        release = release.released(released);
        status.warn(released.warnings());
        if (plan.rolloutStrategy() == RolloutStrategy.REPLACE) {
            Check ready = waitUntilReady(Activities.CHECK_PRODUCTION, released.operation(),
                    (op, only) -> release.watching(op, only), "production");
            release = release.watching(null, false);
            if (!ready.passed()) {
                return ready.detail();
            }
        }
        return null;
    }

    /** Watches production for the monitor window (not jobs). Null, or why it failed. */
    private String monitor() {
        if (plan.kind() == ResourceKind.JOB || plan.monitorWindowSeconds() <= 0) {
            return null;
        }
        Instant until = ctx.getCurrentInstant().plusSeconds(plan.monitorWindowSeconds());
        status.move(Phase.MONITORING, "watching " + release.revision() + " until " + until);
        // Health, restarts and probes every interval: each check lists the revision's replicas (one read).
        return watch().watch(release, Duration.ofSeconds(plan.monitorWindowSeconds()),
                Duration.ofSeconds(plan.monitorIntervalSeconds()), "monitor window");
    }

    /** Health checks, and the canary analysis where the target has one, through a step or the monitor window. */
    private TrafficWatch watch() {
        if (trafficWatch == null) {
            trafficWatch = new TrafficWatch(ctx, plan.analysis(), status,
                    step -> call(Activities.CHECK_PRODUCTION, step, Retries.AZURE),
                    span -> call(Activities.ANALYZE_TRAFFIC, span, Retries.AZURE),
                    audit -> {
                        try {
                            call(Activities.RECORD_AUDIT, audit, Retries.NOTIFY);
                        } catch (TaskFailedException auditFault) {
                            // The audit trail is a record, not a gate: production is not rolled back for it.
                            status.warn(List.of("analysis audit record failed: " + auditFault.getErrorDetails().getErrorMessage()));
                        }
                    });
        }
        return trafficWatch;
    }

    /**
     * Signing follows the push (the rebuild's ACR Task signs right after it pushes; so does a CI
     * pipeline): while the required signature is not attached, verification is repeated with
     * durable timers, up to the target's {@code signature.waitFor}.
     */
    private Verification waitForSignature(Verification first) {
        Verification verified = first;
        Instant deadline = ctx.getCurrentInstant().plusSeconds(plan.signatureWaitSeconds());
        Duration delay = Duration.ofSeconds(10);
        boolean announced = false;
        while (verified.verdict() == Verification.Verdict.AWAITING_SIGNATURE) {
            if (!ctx.getCurrentInstant().plus(delay).isBefore(deadline)) {
                String source = input.rebuildOf() == null ? "" : " (this image is a rebuild: its ACR Task's sign step did "
                        + "not attach a signature; see the task run's log)";
                return new Verification(Verification.Verdict.REJECTED, "no signature appeared within "
                        + Duration.ofSeconds(plan.signatureWaitSeconds()).toMinutes() + " min: " + verified.detail() + source,
                        verified.productionImage(), verified.productionRevision(), verified.warnings());
            }
            if (!announced) {
                status.move(Phase.VERIFYING, "waiting for the signature: " + verified.detail());
                announced = true;
            }
            ctx.createTimer(delay).await();
            delay = Retries.nextPoll(delay);
            verified = call(Activities.VERIFY_CANDIDATE, promotion, Retries.AZURE);
        }
        return verified;
    }

    /**
     * Polls a readiness check on durable timers, bounded by the plan's ready timeout: every
     * {@link #READY_POLL} through the time a revision usually takes, then backing off to
     * {@link #READY_POLL_MAX}; the last check is at the deadline. While the deployment's ARM operation
     * runs, most polls read only the operation (its failure carries Azure's error).
     */
    private <I> Check waitUntilReady(Activity<I, Check> activity, String operation,
                                     java.util.function.BiFunction<String, Boolean, I> request, String what) {
        Duration timeout = Duration.ofSeconds(plan.readyTimeoutSeconds());
        Instant start = ctx.getCurrentInstant();
        Instant deadline = start.plus(timeout);
        Duration delay = READY_POLL;
        for (int poll = 0; ; poll++) {
            Instant now = ctx.getCurrentInstant();
            boolean operationOnly = poll % REVISION_READ_EVERY != REVISION_READ_EVERY - 1 && now.isBefore(deadline);
            Check check = call(activity, request.apply(operation, operationOnly), Retries.AZURE);
            if (check.status() != Check.Status.WAITING) {
                return check;
            }
            if (!now.isBefore(deadline)) {
                return Check.failed(what + " did not become ready within " + timeout.toMinutes() + " min: " + check.detail());
            }
            if (!now.isBefore(start.plus(EXPECTED_PROVISIONING))) {
                delay = delay.multipliedBy(2).compareTo(READY_POLL_MAX) > 0 ? READY_POLL_MAX : delay.multipliedBy(2);
            }
            Instant next = now.plus(delay).isAfter(deadline) ? deadline : now.plus(delay);
            ctx.createTimer(Duration.between(now, next)).await();
        }
    }

    /**
     * Job staging: the execution runs as long as the job does (minutes, often), so it is first read one
     * {@link #READY_POLL} after the start, then on a backoff up to {@link #READY_POLL_MAX}; the last read
     * is at the ready timeout.
     */
    private Check waitForExecution() {
        Duration timeout = Duration.ofSeconds(plan.readyTimeoutSeconds());
        Instant deadline = ctx.getCurrentInstant().plus(timeout);
        Duration delay = READY_POLL;
        while (true) {
            Instant now = ctx.getCurrentInstant();
            ctx.createTimer(now.plus(delay).isAfter(deadline) ? Duration.between(now, deadline) : delay).await();
            Check check = call(Activities.CHECK_STAGING, staged, Retries.AZURE);
            if (check.status() != Check.Status.WAITING) {
                return check;
            }
            if (!ctx.getCurrentInstant().isBefore(deadline)) {
                return Check.failed("the staging job did not finish within " + timeout.toMinutes() + " min: " + check.detail());
            }
            delay = delay.multipliedBy(2).compareTo(READY_POLL_MAX) > 0 ? READY_POLL_MAX : delay.multipliedBy(2);
        }
    }

    private PromotionStatus rollBack(String why) {
        Check restored = call(Activities.ROLL_BACK, release, Retries.ROLLBACK);
        return end(Phase.ROLLED_BACK, why + "; " + restored.detail());
    }

    /** A fault that outlived its retries. Production is restored if this promotion changed it. */
    private PromotionStatus fault(TaskFailedException e) {
        String detail = Retries.describe(e);
        if (productionChanged) {
            try {
                Check restored = call(Activities.ROLL_BACK, release, Retries.ROLLBACK);
                return end(Phase.ROLLED_BACK, detail + "; " + restored.detail());
            } catch (TaskFailedException rollbackFault) {
                return end(Phase.ERRORED, detail + "; ROLLBACK FAILED, production needs attention: "
                        + rollbackFault.getErrorDetails().getErrorMessage());
            }
        }
        return end(Phase.ERRORED, detail);
    }

    private PromotionStatus end(Phase phase, String detail) {
        status.move(phase, detail);
        if (staged != null && !productionChanged && phase != Phase.SUCCEEDED) {
            try {
                call(Activities.CLEAN_UP_STAGING, staged, Retries.AZURE);
            } catch (TaskFailedException cleanupFault) {
                status.warn(List.of("staging clean-up failed: " + cleanupFault.getErrorDetails().getErrorMessage()));
            }
        }
        PromotionStatus last = status.current();
        try {
            call(Activities.RECORD_AUDIT, new AuditRecord(last.promotionId(), ctx.getCurrentInstant().toString(),
                    AuditKind.OUTCOME, "system", phase.name() + ": " + detail,
                    Map.of("phase", phase.name(), "image", last.image())), Retries.NOTIFY);
            if (releasedAt != null) {
                call(Activities.RECORD_AUDIT, production(last, phase).toAudit(), Retries.NOTIFY);
            }
            call(Activities.ANNOUNCE_OUTCOME, last, Retries.NOTIFY);
        } catch (TaskFailedException notifyFault) {
            status.warn(List.of("outcome notice failed: " + notifyFault.getErrorDetails().getErrorMessage()));
        }
        return status.current();
    }

    /**
     * What this promotion did to production, for the target's history: released at {@link #releasedAt}; a
     * rollback ended it now, otherwise it serves until a newer production replaces it.
     */
    private ProductionRecord production(PromotionStatus last, Phase phase) {
        // An operator's rollback has no approvers: the operator who ordered it stands for them.
        List<String> approvers = input.operatorRollback() && input.orderedBy() != null ? List.of(input.orderedBy())
                : last.decisions().stream().filter(d -> d.decision() == io.acapromoter.domain.Decision.APPROVE)
                .map(PromotionStatus.DecisionEntry::approver).toList();
        return new ProductionRecord(last.target(), last.promotionId(), last.image(), releasedAt,
                phase == Phase.ROLLED_BACK ? ctx.getCurrentInstant().toString() : null, approvers, phase.name(),
                last.productionImage());
    }

    private <I, O> O call(Activity<I, O> activity, I request, TaskOptions options) {
        return activity.call(ctx, request, options).await();
    }

    private String supersededBy() {
        return describeSupersede(superseded.await());
    }

    /** Names the newer candidate a {@link SupersededBy} payload (or an older string one) carries. */
    static String describeSupersede(JsonNode payload) {
        String by = payload == null ? "?" : payload.isTextual() ? payload.asText()
                : InstanceJson.convert(payload, SupersededBy.class).map(s -> s.image().toString())
                .orElseGet(() -> payload.path("image").asText(payload.toString()));
        return "superseded by a newer candidate: " + by;
    }
}
