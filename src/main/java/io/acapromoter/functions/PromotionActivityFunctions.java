package io.acapromoter.functions;

import com.microsoft.azure.functions.ExecutionContext;
import io.acapromoter.logging.Log;
import io.acapromoter.activities.PromotionActivities;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.durabletask.azurefunctions.DurableActivityTrigger;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import com.microsoft.durabletask.azurefunctions.DurableClientInput;
import io.acapromoter.azure.DurableOrchestrations;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.orchestration.Names;
import io.acapromoter.orchestration.Plan;
import io.acapromoter.orchestration.AnalysisRequest;
import io.acapromoter.orchestration.Check;
import io.acapromoter.policy.AnalysisVerdict;
import io.acapromoter.orchestration.Deployment;
import io.acapromoter.orchestration.PromotionRef;
import io.acapromoter.orchestration.Recheck;
import io.acapromoter.orchestration.ReleaseStep;
import io.acapromoter.orchestration.StagingOrder;
import io.acapromoter.orchestration.StagingStep;
import io.acapromoter.orchestration.Verification;
import io.acapromoter.ports.AuditRecord;
import io.acapromoter.ports.Notifier;

import java.util.List;

/** The activities of {@code PromotionOrchestrator}: bind, call {@code PromotionActivities}, return. */
public final class PromotionActivityFunctions {

    @FunctionName(Names.LOAD_PLAN)
    public Plan loadPlan(@DurableActivityTrigger(name = "request") PromotionRef request,
            ExecutionContext context) {
        return Log.during(context.getLogger(), () -> Promoter.get().activities().loadPlan(request));
    }

    @FunctionName(Names.VERIFY_CANDIDATE)
    public Verification verifyCandidate(@DurableActivityTrigger(name = "request") PromotionRef request,
            ExecutionContext context) {
        return Log.during(context.getLogger(), () -> Promoter.get().activities().verifyCandidate(request));
    }

    @FunctionName(Names.RECHECK_CANDIDATE)
    public Verification recheckCandidate(@DurableActivityTrigger(name = "request") Recheck request,
            ExecutionContext context) {
        return Log.during(context.getLogger(), () -> Promoter.get().activities().recheckCandidate(request));
    }

    @FunctionName(Names.DEPLOY_STAGING)
    public Deployment deployStaging(@DurableActivityTrigger(name = "request") StagingOrder request,
            ExecutionContext context) {
        return Log.during(context.getLogger(), () -> Promoter.get().activities().deployStaging(request));
    }

    @FunctionName(Names.CHECK_STAGING)
    public Check checkStaging(@DurableActivityTrigger(name = "request") StagingStep request,
            ExecutionContext context) {
        return Log.during(context.getLogger(), () -> Promoter.get().activities().checkStaging(request));
    }

    @FunctionName(Names.RUN_SMOKE_TESTS)
    public Check runSmokeTests(@DurableActivityTrigger(name = "request") StagingStep request,
            ExecutionContext context) {
        return Log.during(context.getLogger(), () -> Promoter.get().activities().runSmokeTests(request));
    }

    @FunctionName(Names.CLEAN_UP_STAGING)
    public Check cleanUpStaging(@DurableActivityTrigger(name = "request") StagingStep request,
            ExecutionContext context) {
        return Log.during(context.getLogger(), () -> Promoter.get().activities().cleanUpStaging(request));
    }

    @FunctionName(Names.SUPERSEDE_OLDER)
    public Check supersedeOlder(@DurableActivityTrigger(name = "request") PromotionRef request,
                                     @DurableClientInput(name = "durableContext") DurableClientContext durable) {
        return Promoter.get().activities().supersedeOlder(request, new DurableOrchestrations(durable.getClient()));
    }

    @FunctionName(Names.CLAIM_ROLLOUT)
    public Check claimRollout(@DurableActivityTrigger(name = "request") PromotionRef request,
                                   @DurableClientInput(name = "durableContext") DurableClientContext durable,
            ExecutionContext context) {
        return Log.during(context.getLogger(), () -> Promoter.get().activities().claimRollout(request, new DurableOrchestrations(durable.getClient())));
    }

    @FunctionName(Names.ROLL_OUT)
    public Deployment rollOut(@DurableActivityTrigger(name = "request") ReleaseStep request,
                              @DurableClientInput(name = "durableContext") DurableClientContext durable,
            ExecutionContext context) {
        return Log.during(context.getLogger(), () -> Promoter.get().activities().rollOut(request,
                new DurableOrchestrations(durable.getClient())));
    }

    @FunctionName(Names.CHECK_PRODUCTION)
    public Check checkProduction(@DurableActivityTrigger(name = "request") ReleaseStep request,
            ExecutionContext context) {
        return Log.during(context.getLogger(), () -> Promoter.get().activities().checkProduction(request));
    }

    @FunctionName(Names.ANALYZE_TRAFFIC)
    public AnalysisVerdict analyzeTraffic(@DurableActivityTrigger(name = "request") AnalysisRequest request,
            ExecutionContext context) {
        return Log.during(context.getLogger(), () -> Promoter.get().activities().analyzeTraffic(request));
    }

    @FunctionName(Names.ROLL_BACK)
    public Check rollBack(@DurableActivityTrigger(name = "request") ReleaseStep request,
            ExecutionContext context) {
        return Log.during(context.getLogger(), () -> Promoter.get().activities().rollBack(request));
    }

    @FunctionName(Names.FINISH_ROLLOUT)
    public Check finishRollout(@DurableActivityTrigger(name = "request") ReleaseStep request,
            ExecutionContext context) {
        return Log.during(context.getLogger(), () -> Promoter.get().activities().finishRollout(request));
    }

    @FunctionName(Names.REQUEST_APPROVAL)
    public List<Notifier.Delivery> requestApproval(@DurableActivityTrigger(name = "status") PromotionStatus status,
            ExecutionContext context) {
        return Log.during(context.getLogger(), () -> Promoter.get().activities().requestApproval(status));
    }

    @FunctionName(Names.SEND_REMINDER)
    public List<Notifier.Delivery> sendReminder(@DurableActivityTrigger(name = "status") PromotionStatus status,
            ExecutionContext context) {
        return Log.during(context.getLogger(), () -> Promoter.get().activities().sendReminder(status));
    }

    @FunctionName(Names.ANNOUNCE_OUTCOME)
    public List<Notifier.Delivery> announceOutcome(@DurableActivityTrigger(name = "status") PromotionStatus status,
            ExecutionContext context) {
        return Log.during(context.getLogger(), () -> Promoter.get().activities().announceOutcome(status));
    }

    @FunctionName(Names.CHECK_RELEASE)
    public Check checkRelease(@DurableActivityTrigger(name = "request") PromotionRef request,
            ExecutionContext context) {
        return Log.during(context.getLogger(), () -> Promoter.get().activities().checkRelease(request));
    }

    @FunctionName(Names.RECORD_AUDIT)
    public void recordAudit(@DurableActivityTrigger(name = "record") AuditRecord record,
            ExecutionContext context) {
        Log.during(context.getLogger(), () -> {
            Promoter.get().activities().recordAudit(record);
        });
    }
}
