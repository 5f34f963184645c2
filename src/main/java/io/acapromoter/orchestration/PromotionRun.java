package io.acapromoter.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.durabletask.Task;
import com.microsoft.durabletask.TaskFailedException;
import com.microsoft.durabletask.TaskOptions;
import com.microsoft.durabletask.TaskOrchestrationContext;
import io.acapromoter.domain.Phase;
import io.acapromoter.domain.PromotionStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One execution of the promotion chain: verify → staging → smoke tests → approval → rollout →
 * monitor → (roll back). Deterministic: time from the orchestration clock, all I/O in activities.
 * Verdicts come back as {@link StepResult}s and end the promotion {@code FAILED}; faults are
 * thrown by activities, retried by {@link Retries}, and end it {@code ERRORED}.
 */
final class PromotionRun {

    /** How long an approved promotion waits for another rollout of its target to finish. */
    static final Duration CLAIM_TIMEOUT = Duration.ofHours(6);

    private final TaskOrchestrationContext ctx;
    private final PromotionInput input;
    private final StatusTracker status;
    private final Task<JsonNode> superseded;
    private StepRequest step;
    private Plan plan;
    private boolean stagingDeployed;
    private boolean productionChanged;

    PromotionRun(TaskOrchestrationContext ctx) {
        this.ctx = ctx;
        this.input = ctx.getInput(PromotionInput.class);
        this.status = new StatusTracker(ctx, input);
        this.superseded = ctx.waitForExternalEvent(Names.SUPERSEDED_EVENT, JsonNode.class);
        this.step = StepRequest.of(input);
    }

    PromotionStatus execute() {
        try {
            return chain();
        } catch (TaskFailedException e) {
            return fault(e);
        }
    }

    private PromotionStatus chain() {
        plan = ctx.callActivity(Names.LOAD_PLAN, step, Retries.NOTIFY, Plan.class).await();
        status.approvalPolicy(plan.approvalsRequired(), plan.approvers());

        status.move(Phase.VERIFYING, "checking that " + input.image() + " exists, is signed if required and passes the gate");
        StepResult verified = call(Names.VERIFY_CANDIDATE, step, Retries.AZURE);
        step = step.withPrevious(verified.previousRevision(), verified.productionImage());
        status.production(verified.productionImage());
        status.warn(verified.warnings());
        if (verified.state() == StepResult.State.CURRENT) {
            return end(Phase.SUCCEEDED, verified.detail() + "; nothing to do");
        }
        if (!verified.ok()) {
            return end(Phase.FAILED, verified.detail());
        }
        // Verified: only now may this candidate supersede others (the status shows it verified while it looks).
        status.move(Phase.STAGING, "deploying " + input.image() + " to staging (" + plan.stagingStrategy() + ")");
        StepResult contest = call(Names.SUPERSEDE_OLDER, step, Retries.AZURE);
        if (!contest.ok()) {
            return end(Phase.SUPERSEDED, contest.detail());
        }
        if (superseded.isDone()) {
            return end(Phase.SUPERSEDED, supersededBy());
        }

        StepResult deployed = call(Names.DEPLOY_STAGING, step, Retries.AZURE);
        stagingDeployed = true;
        step = step.withRevision(deployed.revision()).withUrl(deployed.url());
        status.staging(deployed.revision(), deployed.url());
        status.warn(deployed.warnings());
        StepResult ready = waitUntilReady(Names.CHECK_STAGING, Duration.ofSeconds(plan.readyTimeoutSeconds()), "staging");
        if (!ready.ok()) {
            return end(Phase.FAILED, ready.detail());
        }
        if (superseded.isDone()) {
            return end(Phase.SUPERSEDED, supersededBy());
        }

        status.move(Phase.SMOKE_TESTING, "probing " + (step.url() == null ? "the staging run" : step.url()));
        StepResult smoke = call(Names.RUN_SMOKE_TESTS, step, Retries.AZURE);
        status.smoke(smoke.probes());
        if (!smoke.ok()) {
            return end(Phase.FAILED, smoke.detail());
        }

        ApprovalWait.Outcome approval = new ApprovalWait(ctx, plan, input, status, superseded).await();
        if (approval.phase() != Phase.ROLLING_OUT) {
            return end(approval.phase(), approval.detail());
        }

        return rollOutAndMonitor();
    }

    private PromotionStatus rollOutAndMonitor() {
        Instant giveUp = ctx.getCurrentInstant().plus(CLAIM_TIMEOUT);
        while (true) {
            StepResult claim = call(Names.CLAIM_ROLLOUT, step, Retries.AZURE);
            if (claim.ok()) {
                break;
            }
            if (!ctx.getCurrentInstant().isBefore(giveUp)) {
                return end(Phase.FAILED, "approved, but production stayed busy for " + CLAIM_TIMEOUT.toHours() + " h: "
                        + claim.detail());
            }
            if (!status.current().detail().equals("approved; " + claim.detail())) {
                status.move(Phase.AWAITING_APPROVAL, "approved; " + claim.detail());
            }
            ctx.createTimer(Duration.ofMinutes(1)).await();
        }
        // Production may have changed since the first check (another release, a manual change): look again.
        StepResult current = call(Names.VERIFY_CANDIDATE, step, Retries.AZURE);
        if (current.state() == StepResult.State.CURRENT) {
            return end(Phase.SUCCEEDED, current.detail() + "; nothing to do");
        }
        if (!current.ok()) {
            return end(Phase.FAILED, current.detail());
        }
        step = step.withPrevious(current.previousRevision(), current.productionImage());
        status.production(current.productionImage());
        status.move(Phase.ROLLING_OUT, "releasing " + input.image() + " to production (" + plan.rolloutStrategy() + ")");
        productionChanged = true;
        if (plan.rolloutStrategy().equals("canary")) {
            for (int weight : plan.canarySteps()) {
                StepResult moved = call(Names.ROLL_OUT, step.withWeight(weight), Retries.AZURE);
                step = step.withRevision(moved.revision());
                status.move(Phase.ROLLING_OUT, moved.detail());
                if (weight < 100) {
                    ctx.createTimer(Duration.ofSeconds(plan.stepPauseSeconds())).await();
                    StepResult check = call(Names.CHECK_PRODUCTION, step, Retries.AZURE);
                    if (!check.ok()) {
                        return rollBack("canary step " + weight + "% failed: " + check.detail());
                    }
                }
            }
        } else {
            StepResult released = call(Names.ROLL_OUT, step.withWeight(100), Retries.AZURE);
            step = step.withRevision(released.revision());
            status.warn(released.warnings());
            if (plan.rolloutStrategy().equals("replace")) {
                StepResult ready = waitUntilReady(Names.CHECK_PRODUCTION, Duration.ofSeconds(plan.readyTimeoutSeconds()),
                        "production");
                if (!ready.ok()) {
                    return rollBack(ready.detail());
                }
            }
        }

        if (!plan.kind().equals("JOB") && plan.monitorWindowSeconds() > 0) {
            Instant until = ctx.getCurrentInstant().plusSeconds(plan.monitorWindowSeconds());
            status.move(Phase.MONITORING, "watching " + step.revision() + " until " + until);
            while (ctx.getCurrentInstant().isBefore(until)) {
                Duration left = Duration.between(ctx.getCurrentInstant(), until);
                Duration interval = Duration.ofSeconds(plan.monitorIntervalSeconds());
                ctx.createTimer(left.compareTo(interval) < 0 ? left : interval).await();
                StepResult check = call(Names.CHECK_PRODUCTION, step, Retries.AZURE);
                if (!check.ok()) {
                    return rollBack(check.detail());
                }
            }
        }
        StepResult finished = call(Names.FINISH_ROLLOUT, step, Retries.AZURE);
        return end(Phase.SUCCEEDED, finished.detail());
    }

    /** Polls a readiness check with durable timers and backoff, bounded by {@code timeout}. */
    private StepResult waitUntilReady(String activity, Duration timeout, String what) {
        Instant deadline = ctx.getCurrentInstant().plus(timeout);
        Duration delay = Duration.ofSeconds(5);
        while (true) {
            StepResult check = call(activity, step, Retries.AZURE);
            if (check.state() != StepResult.State.WAITING) {
                return check;
            }
            if (!ctx.getCurrentInstant().plus(delay).isBefore(deadline)) {
                return StepResult.failed(what + " did not become ready within " + timeout.toMinutes() + " min: "
                        + check.detail());
            }
            ctx.createTimer(delay).await();
            delay = Retries.nextPoll(delay);
        }
    }

    private PromotionStatus rollBack(String why) {
        StepResult restored = ctx.callActivity(Names.ROLL_BACK, step, Retries.ROLLBACK, StepResult.class).await();
        return end(Phase.ROLLED_BACK, why + "; " + restored.detail());
    }

    /** A fault that outlived its retries. Production is restored if this promotion changed it. */
    private PromotionStatus fault(TaskFailedException e) {
        String detail = e.getTaskName() + " failed after retries: " + e.getErrorDetails().getErrorMessage();
        if (productionChanged) {
            try {
                StepResult restored = ctx.callActivity(Names.ROLL_BACK, step, Retries.ROLLBACK, StepResult.class).await();
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
        if (stagingDeployed && !productionChanged && phase != Phase.SUCCEEDED) {
            try {
                ctx.callActivity(Names.CLEAN_UP_STAGING, step, Retries.AZURE, StepResult.class).await();
            } catch (TaskFailedException cleanupFault) {
                status.warn(java.util.List.of("staging clean-up failed: " + cleanupFault.getErrorDetails().getErrorMessage()));
            }
        }
        PromotionStatus last = status.current();
        try {
            ctx.callActivity(Names.RECORD_AUDIT, new io.acapromoter.ports.AuditRecord(last.promotionId(),
                    ctx.getCurrentInstant().toString(), "outcome", "system", phase.name() + ": " + detail,
                    Map.of("phase", phase.name(), "image", last.image())), Retries.NOTIFY).await();
            ctx.callActivity(Names.ANNOUNCE_OUTCOME, last, Retries.NOTIFY).await();
        } catch (TaskFailedException notifyFault) {
            status.warn(java.util.List.of("outcome notice failed: " + notifyFault.getErrorDetails().getErrorMessage()));
        }
        return status.current();
    }

    private StepResult call(String activity, StepRequest request, TaskOptions options) {
        return ctx.callActivity(activity, request, options, StepResult.class).await();
    }

    private String supersededBy() {
        return describeSupersede(superseded.await());
    }

    static String describeSupersede(JsonNode payload) {
        String by = payload == null ? "?" : payload.isTextual() ? payload.asText() : payload.path("image").asText(payload.toString());
        return "superseded by a newer candidate: " + by;
    }
}
