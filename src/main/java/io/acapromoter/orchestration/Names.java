package io.acapromoter.orchestration;

/** Function, orchestrator, activity and event names: one place, used by bindings and callers alike. */
public final class Names {

    public static final String ON_IMAGE_PUSHED = "OnImagePushed";
    public static final String ON_VULNERABILITY_FINDING = "OnVulnerabilityFinding";
    public static final String ON_DEFENDER_EXPORT = "OnDefenderExport";
    public static final String VULNERABILITY_SWEEP = "VulnerabilitySweep";
    public static final String PROMOTION_ORCHESTRATOR = "PromotionOrchestrator";
    public static final String REBUILD_ORCHESTRATOR = "RebuildOrchestrator";

    // Activities of PromotionOrchestrator.
    public static final String LOAD_PLAN = "LoadPlan";
    public static final String VERIFY_CANDIDATE = "VerifyCandidate";
    public static final String RECHECK_CANDIDATE = "RecheckCandidate";
    public static final String DEPLOY_STAGING = "DeployStaging";
    public static final String CHECK_STAGING = "CheckStaging";
    public static final String RUN_SMOKE_TESTS = "RunSmokeTests";
    public static final String REQUEST_APPROVAL = "RequestApproval";
    public static final String SEND_REMINDER = "SendReminder";
    public static final String RECORD_AUDIT = "RecordAudit";
    public static final String SUPERSEDE_OLDER = "SupersedeOlder";
    public static final String CLAIM_ROLLOUT = "ClaimRollout";
    public static final String ROLL_OUT = "RollOut";
    public static final String CHECK_PRODUCTION = "CheckProduction";
    public static final String ANALYZE_TRAFFIC = "AnalyzeTraffic";
    public static final String ROLL_BACK = "RollBack";
    public static final String FINISH_ROLLOUT = "FinishRollout";
    public static final String CLEAN_UP_STAGING = "CleanUpStaging";
    public static final String ANNOUNCE_OUTCOME = "AnnounceOutcome";
    public static final String CHECK_RELEASE = "CheckRelease";

    // Activities of RebuildOrchestrator.
    public static final String SCHEDULE_REBUILD = "ScheduleRebuild";
    public static final String CHECK_REBUILD = "CheckRebuild";
    public static final String REPORT_REBUILD = "ReportRebuild";

    /** External event carrying a {@link DecisionEvent}. */
    public static final String APPROVAL_DECISION_EVENT = "ApprovalDecision";
    /** External event telling an older promotion of the same target that a newer candidate exists. */
    public static final String SUPERSEDED_EVENT = "Superseded";
    /** External event: an operator cancels the promotion (payload: who and why); staging is cleaned up. */
    public static final String CANCEL_EVENT = "Cancel";
    /** External event: an operator re-runs the smoke tests of a promotion awaiting approval. */
    public static final String RERUN_SMOKE_EVENT = "RerunSmoke";
    /** External event: the target of an approved, waiting promotion was unfrozen (look again now). */
    public static final String UNFROZEN_EVENT = "Unfrozen";

    private Names() {
    }
}
