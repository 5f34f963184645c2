package io.acapromoter.activities;

import io.acapromoter.orchestration.Names;
import io.acapromoter.orchestration.StepRequest;
import io.acapromoter.orchestration.Plan;
import io.acapromoter.orchestration.StepResult;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.ports.AuditRecord;
import io.acapromoter.ports.Notifier;

import java.util.List;

/**
 * The activities of {@code PromotionOrchestrator}, one method each, named as in {@link Names}.
 * The Functions entry points and the in-memory driver both call these.
 */
public final class PromotionActivities {

    private final PipelinePorts ports;
    private final CandidateVerifier verifier;
    private final StagingSteps staging;
    private final ProductionSteps production;

    public PromotionActivities(PipelinePorts ports) {
        this.ports = ports;
        this.verifier = new CandidateVerifier(ports);
        this.staging = new StagingSteps(ports);
        this.production = new ProductionSteps(ports);
    }

    public Plan loadPlan(StepRequest request) {
        return Plan.of(Targets.require(ports.file(), request.target()));
    }

    public StepResult verifyCandidate(StepRequest request) {
        return verifier.verify(request);
    }

    public StepResult deployStaging(StepRequest request) {
        return staging.deploy(request);
    }

    public StepResult checkStaging(StepRequest request) {
        return staging.check(request);
    }

    public StepResult runSmokeTests(StepRequest request) {
        return staging.smoke(request);
    }

    public StepResult cleanUpStaging(StepRequest request) {
        return staging.cleanUp(request);
    }

    /** READY when no other promotion of the target is rolling out or monitoring production, else WAITING. */
    /** After verification: supersede older verified candidates of the target, or learn that a newer one supersedes this. */
    public StepResult supersedeOlder(StepRequest request, io.acapromoter.ports.Orchestrations orchestrations) {
        return Supersession.apply(request, orchestrations);
    }

    public StepResult claimRollout(StepRequest request, io.acapromoter.ports.Orchestrations orchestrations) {
        return RolloutClaim.check(request, orchestrations);
    }

    public StepResult rollOut(StepRequest request) {
        return production.rollOut(request);
    }

    public StepResult checkProduction(StepRequest request) {
        return production.check(request);
    }

    public StepResult rollBack(StepRequest request) {
        return production.rollBack(request);
    }

    public StepResult finishRollout(StepRequest request) {
        return production.finish(request);
    }

    public List<Notifier.Delivery> requestApproval(PromotionStatus status) {
        return ports.notifier().requestApproval(status);
    }

    public List<Notifier.Delivery> sendReminder(PromotionStatus status) {
        return ports.notifier().remind(status);
    }

    public List<Notifier.Delivery> announceOutcome(PromotionStatus status) {
        return ports.notifier().announceOutcome(status);
    }

    public void recordAudit(AuditRecord record) {
        ports.auditLog().append(record);
    }
}
