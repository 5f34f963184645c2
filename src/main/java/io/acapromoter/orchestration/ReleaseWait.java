package io.acapromoter.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.durabletask.Task;
import com.microsoft.durabletask.TaskOrchestrationContext;
import io.acapromoter.domain.Phase;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.policy.RolloutWindows;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Holds an approved promotion back while its target is frozen and until its next rollout window
 * opens, on durable timers: the window is computed from the orchestration clock (deterministic), the
 * freeze read by {@code CheckRelease}. An unfreeze raises {@link Names#UNFROZEN_EVENT} so a waiting
 * promotion goes on at once; without it the freeze is read again every {@link #FREEZE_POLL}. The
 * approval deadline does not apply any more (the decision is made), and the claim on production
 * starts only once this lets the promotion go.
 */
final class ReleaseWait {

    /** How often a frozen target is looked at again when no unfreeze event arrives. */
    static final Duration FREEZE_POLL = Duration.ofMinutes(30);
    /** Longest single timer: a far window is reached in steps (and the freeze is read on each). */
    static final Duration LONGEST_TIMER = Duration.ofDays(1);

    private final TaskOrchestrationContext ctx;
    private final Plan plan;
    private final PromotionRef promotion;
    private final StatusTracker status;
    private final Task<JsonNode> cancelled;

    ReleaseWait(TaskOrchestrationContext ctx, Plan plan, PromotionRef promotion, StatusTracker status, Task<JsonNode> cancelled) {
        this.ctx = ctx;
        this.plan = plan;
        this.promotion = promotion;
        this.status = status;
        this.cancelled = cancelled;
    }

    /** Null once the promotion may roll out; else why it stops (cancelled, or windows that never open). */
    String await() {
        Optional<RolloutWindows> windows = plan.windows();
        Task<JsonNode> unfrozen = null;
        String shown = null;
        while (true) {
            if (cancelled.isDone()) {
                return Operator.cancelledBy(cancelled.await());
            }
            Check gate = Activities.CHECK_RELEASE.call(ctx, promotion, Retries.AZURE).await();
            Instant now = ctx.getCurrentInstant();
            String why;
            Duration wait;
            if (!gate.passed()) {
                why = PromotionStatus.RELEASE_WAIT + ": " + gate.detail();
                wait = FREEZE_POLL;
            } else if (windows.isEmpty()) {
                return null;
            } else {
                Optional<Instant> opens = windows.get().nextOpening(now);
                if (opens.isEmpty()) {
                    return "approved, but no rollout window opens within a year: " + windows.get().describe();
                }
                if (!opens.get().isAfter(now)) {
                    return null;
                }
                why = PromotionStatus.RELEASE_WAIT + " for the rollout window until " + opens.get() + " (" + windows.get().describe() + ")";
                wait = Duration.between(now, opens.get());
            }
            if (!why.equals(shown)) {
                status.move(Phase.AWAITING_APPROVAL, why);
                shown = why;
            }
            if (unfrozen == null) {
                unfrozen = ctx.waitForExternalEvent(Names.UNFROZEN_EVENT, JsonNode.class);
            }
            ctx.anyOf(ctx.createTimer(wait.compareTo(LONGEST_TIMER) > 0 ? LONGEST_TIMER : wait), cancelled, unfrozen).await();
            if (unfrozen.isDone()) {
                unfrozen = null;
            }
        }
    }
}
