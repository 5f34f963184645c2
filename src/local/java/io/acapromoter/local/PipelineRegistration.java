package io.acapromoter.local;

import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.local.durable.DriverOrchestrations;
import io.acapromoter.local.durable.DurableDriver;
import io.acapromoter.orchestration.Names;
import io.acapromoter.activities.PromotionActivities;
import io.acapromoter.orchestration.PromotionOrchestration;
import io.acapromoter.activities.RebuildActivities;
import io.acapromoter.orchestration.RebuildInput;
import io.acapromoter.orchestration.RebuildOrchestration;
import io.acapromoter.orchestration.RebuildRun;
import io.acapromoter.orchestration.RebuildStatus;
import io.acapromoter.orchestration.StepRequest;
import io.acapromoter.ports.AuditRecord;

/**
 * Registers the project's orchestrators and activities on the in-memory driver under the same
 * names as the Functions entry points, binding inputs with Gson as the Functions worker does.
 */
public final class PipelineRegistration {

    private PipelineRegistration() {
    }

    public static DurableDriver register(DurableDriver driver, PromotionActivities promotion, RebuildActivities rebuild) {
        driver.registerOrchestrator(Names.PROMOTION_ORCHESTRATOR, ctx -> new PromotionOrchestration().run(ctx));
        driver.registerOrchestrator(Names.REBUILD_ORCHESTRATOR, ctx -> new RebuildOrchestration().run(ctx));
        driver.registerActivity(Names.LOAD_PLAN, StepRequest.class, promotion::loadPlan);
        driver.registerActivity(Names.VERIFY_CANDIDATE, StepRequest.class, promotion::verifyCandidate);
        driver.registerActivity(Names.DEPLOY_STAGING, StepRequest.class, promotion::deployStaging);
        driver.registerActivity(Names.CHECK_STAGING, StepRequest.class, promotion::checkStaging);
        driver.registerActivity(Names.RUN_SMOKE_TESTS, StepRequest.class, promotion::runSmokeTests);
        driver.registerActivity(Names.CLEAN_UP_STAGING, StepRequest.class, promotion::cleanUpStaging);
        DriverOrchestrations orchestrations = new DriverOrchestrations(driver);
        driver.registerActivity(Names.SUPERSEDE_OLDER, StepRequest.class, r -> promotion.supersedeOlder(r, orchestrations));
        driver.registerActivity(Names.CLAIM_ROLLOUT, StepRequest.class, r -> promotion.claimRollout(r, orchestrations));
        driver.registerActivity(Names.ROLL_OUT, StepRequest.class, promotion::rollOut);
        driver.registerActivity(Names.CHECK_PRODUCTION, StepRequest.class, promotion::checkProduction);
        driver.registerActivity(Names.ROLL_BACK, StepRequest.class, promotion::rollBack);
        driver.registerActivity(Names.FINISH_ROLLOUT, StepRequest.class, promotion::finishRollout);
        driver.registerActivity(Names.REQUEST_APPROVAL, PromotionStatus.class, promotion::requestApproval);
        driver.registerActivity(Names.SEND_REMINDER, PromotionStatus.class, promotion::sendReminder);
        driver.registerActivity(Names.ANNOUNCE_OUTCOME, PromotionStatus.class, promotion::announceOutcome);
        driver.registerActivity(Names.RECORD_AUDIT, AuditRecord.class, record -> {
            promotion.recordAudit(record);
            return null;
        });
        driver.registerActivity(Names.SCHEDULE_REBUILD, RebuildInput.class, rebuild::scheduleRebuild);
        driver.registerActivity(Names.CHECK_REBUILD, RebuildRun.class, rebuild::checkRebuild);
        driver.registerActivity(Names.REPORT_REBUILD, RebuildStatus.class, status -> {
            rebuild.reportRebuild(status);
            return null;
        });
        return driver;
    }
}
