package io.acapromoter.orchestration;

import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.policy.AnalysisVerdict;
import io.acapromoter.ports.AuditRecord;
import io.acapromoter.ports.Notifier;

import java.util.List;

/**
 * Every activity of both orchestrators, with its payload types: the one table that the bindings
 * ({@code functions}) and the local driver's registration are derived from or checked against.
 */
public final class Activities {

    public static final Activity<PromotionRef, Plan> LOAD_PLAN =
            new Activity<>(Names.LOAD_PLAN, PromotionRef.class, Plan.class);
    public static final Activity<PromotionRef, Verification> VERIFY_CANDIDATE =
            new Activity<>(Names.VERIFY_CANDIDATE, PromotionRef.class, Verification.class);
    public static final Activity<Recheck, Verification> RECHECK_CANDIDATE =
            new Activity<>(Names.RECHECK_CANDIDATE, Recheck.class, Verification.class);
    public static final Activity<StagingOrder, Deployment> DEPLOY_STAGING =
            new Activity<>(Names.DEPLOY_STAGING, StagingOrder.class, Deployment.class);
    public static final Activity<StagingStep, Check> CHECK_STAGING =
            new Activity<>(Names.CHECK_STAGING, StagingStep.class, Check.class);
    public static final Activity<StagingStep, Check> RUN_SMOKE_TESTS =
            new Activity<>(Names.RUN_SMOKE_TESTS, StagingStep.class, Check.class);
    public static final Activity<StagingStep, Check> CLEAN_UP_STAGING =
            new Activity<>(Names.CLEAN_UP_STAGING, StagingStep.class, Check.class);
    public static final Activity<PromotionRef, Check> SUPERSEDE_OLDER =
            new Activity<>(Names.SUPERSEDE_OLDER, PromotionRef.class, Check.class);
    public static final Activity<PromotionRef, Check> CLAIM_ROLLOUT =
            new Activity<>(Names.CLAIM_ROLLOUT, PromotionRef.class, Check.class);
    public static final Activity<ReleaseStep, Deployment> ROLL_OUT =
            new Activity<>(Names.ROLL_OUT, ReleaseStep.class, Deployment.class);
    public static final Activity<ReleaseStep, Check> CHECK_PRODUCTION =
            new Activity<>(Names.CHECK_PRODUCTION, ReleaseStep.class, Check.class);
    public static final Activity<AnalysisRequest, AnalysisVerdict> ANALYZE_TRAFFIC =
            new Activity<>(Names.ANALYZE_TRAFFIC, AnalysisRequest.class, AnalysisVerdict.class);
    public static final Activity<ReleaseStep, Check> ROLL_BACK =
            new Activity<>(Names.ROLL_BACK, ReleaseStep.class, Check.class);
    public static final Activity<ReleaseStep, Check> FINISH_ROLLOUT =
            new Activity<>(Names.FINISH_ROLLOUT, ReleaseStep.class, Check.class);
    public static final Activity<PromotionStatus, Notifier.Delivery[]> REQUEST_APPROVAL =
            new Activity<>(Names.REQUEST_APPROVAL, PromotionStatus.class, Notifier.Delivery[].class);
    public static final Activity<PromotionStatus, Notifier.Delivery[]> SEND_REMINDER =
            new Activity<>(Names.SEND_REMINDER, PromotionStatus.class, Notifier.Delivery[].class);
    public static final Activity<PromotionStatus, Notifier.Delivery[]> ANNOUNCE_OUTCOME =
            new Activity<>(Names.ANNOUNCE_OUTCOME, PromotionStatus.class, Notifier.Delivery[].class);
    /** PASSED when nothing holds an approved promotion back (a freeze of its target), else WAITING with why. */
    public static final Activity<PromotionRef, Check> CHECK_RELEASE =
            new Activity<>(Names.CHECK_RELEASE, PromotionRef.class, Check.class);
    public static final Activity<AuditRecord, Void> RECORD_AUDIT =
            new Activity<>(Names.RECORD_AUDIT, AuditRecord.class, Void.class);

    public static final Activity<RebuildInput, String> SCHEDULE_REBUILD =
            new Activity<>(Names.SCHEDULE_REBUILD, RebuildInput.class, String.class);
    public static final Activity<RebuildRunRef, RebuildRun> CHECK_REBUILD =
            new Activity<>(Names.CHECK_REBUILD, RebuildRunRef.class, RebuildRun.class);
    public static final Activity<RebuildStatus, Void> REPORT_REBUILD =
            new Activity<>(Names.REPORT_REBUILD, RebuildStatus.class, Void.class);

    /** All of them, promotion activities first. */
    public static final List<Activity<?, ?>> ALL = List.of(LOAD_PLAN, VERIFY_CANDIDATE, RECHECK_CANDIDATE, DEPLOY_STAGING, CHECK_STAGING,
            RUN_SMOKE_TESTS, CLEAN_UP_STAGING, SUPERSEDE_OLDER, CLAIM_ROLLOUT, ROLL_OUT, CHECK_PRODUCTION, ANALYZE_TRAFFIC, ROLL_BACK, FINISH_ROLLOUT,
            REQUEST_APPROVAL, SEND_REMINDER, ANNOUNCE_OUTCOME, CHECK_RELEASE, RECORD_AUDIT, SCHEDULE_REBUILD, CHECK_REBUILD,
            REPORT_REBUILD);

    private Activities() {
    }
}
