package io.acapromoter.pipeline;

/** Function, orchestrator, activity and event names: one place, used by bindings and callers alike. */
public final class Names {

    public static final String ON_IMAGE_PUSHED = "OnImagePushed";
    public static final String ON_VULNERABILITY_FINDING = "OnVulnerabilityFinding";
    public static final String VULNERABILITY_SWEEP = "VulnerabilitySweep";
    public static final String PROMOTION_ORCHESTRATOR = "PromotionOrchestrator";
    public static final String REBUILD_ORCHESTRATOR = "RebuildOrchestrator";

    /** External event carrying a {@link DecisionEvent}. */
    public static final String APPROVAL_DECISION_EVENT = "ApprovalDecision";
    /** External event telling an older promotion of the same target that a newer candidate exists. */
    public static final String SUPERSEDED_EVENT = "Superseded";

    private Names() {
    }
}
