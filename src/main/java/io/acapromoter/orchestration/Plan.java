package io.acapromoter.orchestration;

import io.acapromoter.policy.ResourceKind;
import io.acapromoter.policy.RolloutStrategy;
import io.acapromoter.policy.RolloutWindows;
import io.acapromoter.policy.StagingStrategy;
import io.acapromoter.policy.Target;
import io.acapromoter.policy.UnscannedPolicy;
import io.acapromoter.policy.VulnerabilityGate;

import java.util.List;
import java.util.Objects;

/**
 * What the orchestrator needs from the target's configuration, read once by an activity so that
 * a configuration change during a promotion cannot make replays diverge. Durations in seconds
 * (Gson cannot read {@code java.time.Duration} on Java 17); enums travel by name.
 *
 * @param target                 target name
 * @param kind                   what the target deploys to
 * @param stagingStrategy        how the candidate is staged
 * @param rolloutStrategy        how it reaches production
 * @param readyTimeoutSeconds    how long staging may take to become ready
 * @param canarySteps            canary traffic steps
 * @param stepPauseSeconds       watch time per canary step
 * @param monitorWindowSeconds   production watch after the rollout
 * @param monitorIntervalSeconds time between production checks
 * @param approvalsRequired      approvals needed
 * @param approvers              who may decide
 * @param deadlineSeconds        how long approval may take
 * @param reminderSeconds        reminder interval
 * @param signatureWaitSeconds   how long a candidate may wait for its required signature (0: not required)
 * @param scanWaitSeconds        how long to wait for Defender's first scan of the candidate (vulnerability gate)
 * @param unscanned              what happens once the scan wait is over and Defender has not scanned the candidate;
 *                               null without a gate
 * @param windowZone             time zone of the rollout windows, or null when the target may roll out at any time
 * @param rolloutWindows         weekly rollout windows ({@code MON,TUE 09:00-17:00}), empty without windows
 * @param blackoutDates          ISO dates on which no window opens
 * @param analysis               canary analysis cadence, or null when the target has none
 * @param recheckAfterSeconds    how old Defender's "scanned" answer from verification may be at approval and still stand
 *                               ({@code vulnerabilityGate.recheckAfter}); 0 asks again every time, as plans recorded
 *                               before this field existed do
 */
public record Plan(String target, ResourceKind kind, StagingStrategy stagingStrategy, RolloutStrategy rolloutStrategy,
                   long readyTimeoutSeconds, List<Integer> canarySteps, long stepPauseSeconds,
                   long monitorWindowSeconds, long monitorIntervalSeconds, int approvalsRequired,
                   List<String> approvers, long deadlineSeconds, long reminderSeconds,
                   long signatureWaitSeconds, long scanWaitSeconds, UnscannedPolicy unscanned,
                   String windowZone, List<String> rolloutWindows, List<String> blackoutDates,
                   AnalysisPlan analysis, long recheckAfterSeconds) {

    public Plan {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(stagingStrategy, "stagingStrategy");
        Objects.requireNonNull(rolloutStrategy, "rolloutStrategy");
        canarySteps = canarySteps == null ? List.of() : List.copyOf(canarySteps);
        approvers = approvers == null ? List.of() : List.copyOf(approvers);
        rolloutWindows = rolloutWindows == null ? List.of() : List.copyOf(rolloutWindows);
        blackoutDates = blackoutDates == null ? List.of() : List.copyOf(blackoutDates);
    }

    public Plan(String target, ResourceKind kind, StagingStrategy stagingStrategy, RolloutStrategy rolloutStrategy,
                long readyTimeoutSeconds, List<Integer> canarySteps, long stepPauseSeconds,
                long monitorWindowSeconds, long monitorIntervalSeconds, int approvalsRequired,
                List<String> approvers, long deadlineSeconds, long reminderSeconds,
                long signatureWaitSeconds, long scanWaitSeconds, UnscannedPolicy unscanned,
                String windowZone, List<String> rolloutWindows, List<String> blackoutDates, AnalysisPlan analysis) {
        this(target, kind, stagingStrategy, rolloutStrategy, readyTimeoutSeconds, canarySteps, stepPauseSeconds,
                monitorWindowSeconds, monitorIntervalSeconds, approvalsRequired, approvers, deadlineSeconds, reminderSeconds,
                signatureWaitSeconds, scanWaitSeconds, unscanned, windowZone, rolloutWindows, blackoutDates, analysis, 0);
    }

    public static Plan of(Target t) {
        return new Plan(t.name(), t.kind(), t.staging().strategy(), t.rollout().strategy(),
                t.staging().readyTimeout().toSeconds(), t.rollout().canarySteps(), t.rollout().stepPause().toSeconds(),
                t.monitor().window().toSeconds(), t.monitor().interval().toSeconds(), t.approval().required(),
                t.approval().approvers(), t.approval().deadline().toSeconds(), t.approval().reminderEvery().toSeconds(),
                t.signature().map(sig -> sig.waitFor().toSeconds()).orElse(0L),
                t.gate().map(g -> g.scanWait().toSeconds()).orElse(0L),
                t.gate().map(VulnerabilityGate::unscanned).orElse(null),
                t.rolloutWindows().map(w -> w.zone().getId()).orElse(null),
                t.rolloutWindows().map(RolloutWindows::windowTexts).orElse(List.of()),
                t.rolloutWindows().map(RolloutWindows::blackoutTexts).orElse(List.of()),
                t.analysis().map(AnalysisPlan::of).orElse(null),
                t.gate().map(g -> g.recheckAfter().toSeconds()).orElse(0L));
    }

    /** The target's rollout windows, or empty when it may roll out at any time. */
    public java.util.Optional<RolloutWindows> windows() {
        return windowZone == null || rolloutWindows.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(RolloutWindows.parse(windowZone, rolloutWindows, blackoutDates));
    }

    /** Whether a candidate Defender has not scanned may go on (with a warning) once the scan wait is over. */
    public boolean allowsUnscanned() {
        return unscanned == UnscannedPolicy.ALLOW_WITH_WARNING;
    }

    /** Whether the target has a vulnerability gate. */
    public boolean hasGate() {
        return unscanned != null;
    }
}
