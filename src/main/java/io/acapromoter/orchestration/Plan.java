package io.acapromoter.orchestration;

import io.acapromoter.policy.Target;

import java.util.List;

/**
 * What the orchestrator needs from the target's configuration, read once by an activity so that
 * a configuration change during a promotion cannot make replays diverge. Flat: durations in seconds.
 *
 * @param target                 target name
 * @param kind                   {@code CONTAINER_APP} or {@code JOB}
 * @param stagingStrategy        {@code label}, {@code app} or {@code job}
 * @param rolloutStrategy        {@code blue-green}, {@code canary}, {@code replace} or {@code job}
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
 */
public record Plan(String target, String kind, String stagingStrategy, String rolloutStrategy,
                   long readyTimeoutSeconds, List<Integer> canarySteps, long stepPauseSeconds,
                   long monitorWindowSeconds, long monitorIntervalSeconds, int approvalsRequired,
                   List<String> approvers, long deadlineSeconds, long reminderSeconds,
                   long signatureWaitSeconds) {

    public Plan {
        canarySteps = canarySteps == null ? List.of() : List.copyOf(canarySteps);
        approvers = approvers == null ? List.of() : List.copyOf(approvers);
    }

    public static Plan of(Target t) {
        return new Plan(t.name(), t.kind().name(), t.staging().strategy().key(), t.rollout().strategy().key(),
                t.staging().readyTimeout().toSeconds(), t.rollout().canarySteps(), t.rollout().stepPause().toSeconds(),
                t.monitor().window().toSeconds(), t.monitor().interval().toSeconds(), t.approval().required(),
                t.approval().approvers(), t.approval().deadline().toSeconds(), t.approval().reminderEvery().toSeconds(),
                t.signature().map(sig -> sig.waitFor().toSeconds()).orElse(0L));
    }
}
