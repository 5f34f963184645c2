package io.acapromoter.activities;

import io.acapromoter.orchestration.Check;
import io.acapromoter.orchestration.Deployment;
import io.acapromoter.orchestration.Names;
import io.acapromoter.orchestration.Plan;
import io.acapromoter.orchestration.PromotionRef;
import io.acapromoter.orchestration.Recheck;
import io.acapromoter.orchestration.ReleaseStep;
import io.acapromoter.orchestration.StagingStep;
import io.acapromoter.orchestration.Verification;
import io.acapromoter.ports.Orchestrations;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.ports.AuditRecord;
import io.acapromoter.ports.Notifier;

import java.util.List;

/**
 * The activities of {@code PromotionOrchestrator}, one method each, named as in {@link Names}.
 * The Functions entry points and the in-memory driver both call these. Azure faults that retrying
 * cannot fix leave as {@link io.acapromoter.orchestration.NonRetriableFault} (see {@code Faults}).
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

    public Plan loadPlan(PromotionRef request) {
        return Faults.classified(() -> Plan.of(Targets.require(ports.file(), request.target())));
    }

    public Verification verifyCandidate(PromotionRef request) {
        return Faults.classified(() -> verifier.verify(request));
    }

    public Verification recheckCandidate(Recheck request) {
        return Faults.classified(() -> verifier.recheck(request));
    }

    public Deployment deployStaging(PromotionRef request) {
        return Faults.classified(() -> staging.deploy(request));
    }

    public Check checkStaging(StagingStep request) {
        return Faults.classified(() -> staging.check(request));
    }

    public Check runSmokeTests(StagingStep request) {
        return Faults.classified(() -> staging.smoke(request));
    }

    public Check cleanUpStaging(StagingStep request) {
        return Faults.classified(() -> staging.cleanUp(request));
    }

    /** After verification: supersede older verified candidates of the target, or FAILED when a newer one supersedes this. */
    public Check supersedeOlder(PromotionRef request, Orchestrations orchestrations) {
        return Supersession.apply(request, orchestrations);
    }

    /** PASSED when no other promotion of the target is rolling out or monitoring production, else WAITING. */
    public Check claimRollout(PromotionRef request, Orchestrations orchestrations) {
        return Faults.classified(() -> RolloutClaim.check(request, orchestrations));
    }

    public Deployment rollOut(ReleaseStep request) {
        return Faults.classified(() -> production.rollOut(request));
    }

    public Check checkProduction(ReleaseStep request) {
        return Faults.classified(() -> production.check(request));
    }

    public Check rollBack(ReleaseStep request) {
        return Faults.classified(() -> production.rollBack(request));
    }

    public Check finishRollout(ReleaseStep request) {
        return Faults.classified(() -> production.finish(request));
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
