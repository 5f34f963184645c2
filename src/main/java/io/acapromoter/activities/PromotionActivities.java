package io.acapromoter.activities;

import io.acapromoter.logging.Log;
import io.acapromoter.logging.LogLine;
import java.util.LinkedHashMap;
import java.util.Map;

import io.acapromoter.orchestration.AnalysisRequest;
import io.acapromoter.orchestration.Check;
import io.acapromoter.policy.AnalysisVerdict;
import io.acapromoter.orchestration.Deployment;
import io.acapromoter.orchestration.Names;
import io.acapromoter.orchestration.Plan;
import io.acapromoter.orchestration.PromotionRef;
import io.acapromoter.orchestration.Recheck;
import io.acapromoter.orchestration.ReleaseStep;
import io.acapromoter.orchestration.StagingOrder;
import io.acapromoter.orchestration.StagingStep;
import io.acapromoter.orchestration.Verification;
import io.acapromoter.ports.Orchestrations;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.ports.AuditKind;
import io.acapromoter.ports.AuditRecord;
import io.acapromoter.ports.Notifier;
import io.acapromoter.operations.TargetFreeze;

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
    private final TrafficAnalysis analysis;

    public PromotionActivities(PipelinePorts ports) {
        this.ports = ports;
        this.verifier = new CandidateVerifier(ports);
        this.staging = new StagingSteps(ports, verifier);
        this.production = new ProductionSteps(ports);
        this.analysis = new TrafficAnalysis(ports);
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

    public Deployment deployStaging(StagingOrder request) {
        Deployment d = Faults.classified(() -> staging.deploy(request));
        if (d.notMade() == null) {
            changed(request.promotion(), "deploy staging", d.detail(), d.revision(), d.operation());
        }
        return d;
    }

    public Check checkStaging(StagingStep request) {
        return Faults.classified(() -> staging.check(request));
    }

    public Check runSmokeTests(StagingStep request) {
        return Faults.classified(() -> staging.smoke(request));
    }

    public Check cleanUpStaging(StagingStep request) {
        Check c = Faults.classified(() -> staging.cleanUp(request));
        changed(request.promotion(), "clean up staging", c.detail(), request.revision(), null);
        return c;
    }

    /** After verification: supersede older verified candidates of the target, or FAILED when a newer one supersedes this. */
    public Check supersedeOlder(PromotionRef request, Orchestrations orchestrations) {
        return Supersession.apply(request, orchestrations);
    }

    /** PASSED when no other promotion of the target is rolling out or monitoring production, else WAITING. */
    public Check claimRollout(PromotionRef request, Orchestrations orchestrations) {
        return Faults.classified(() -> RolloutClaim.check(request, orchestrations));
    }

    public Deployment rollOut(ReleaseStep request, Orchestrations orchestrations) {
        Deployment d = Faults.classified(() -> production.rollOut(request, orchestrations));
        if (d.notMade() == null) {
            changed(request.promotion(), "roll out (" + request.weight() + "%)", d.detail(), d.revision(), d.operation());
        }
        return d;
    }

    public Check checkProduction(ReleaseStep request) {
        return Faults.classified(() -> production.check(request));
    }

    /** Judges the released revision's traffic over the request's span against the target's analysis thresholds. */
    public AnalysisVerdict analyzeTraffic(AnalysisRequest request) {
        return Faults.classified(() -> analysis.analyze(request));
    }

    public Check rollBack(ReleaseStep request) {
        Check c = Faults.classified(() -> production.rollBack(request));
        changed(request.promotion(), "roll back", c.detail(), request.previousRevision(), null);
        return c;
    }

    public Check finishRollout(ReleaseStep request) {
        Check c = Faults.classified(() -> production.finish(request));
        changed(request.promotion(), "finish rollout", c.detail(), request.revision(), null);
        return c;
    }

    /**
     * What an activity changed in Azure, in the promotion's audit trail (kind {@link AuditKind#AZURE_CHANGE}), for its
     * page. The change is made: a trail that cannot be written is logged, never a reason to make it again.
     */
    private void changed(PromotionRef promotion, String action, String detail, String revision, String operation) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("action", action);
        if (revision != null) {
            fields.put("revision", revision);
        }
        if (operation != null) {
            fields.put("operation", operation);
        }
        try {
            ports.auditLog().append(new AuditRecord(promotion.promotionId(), ports.clock().instant().toString(), AuditKind.AZURE_CHANGE,
                    "system", detail, fields));
        } catch (RuntimeException e) {
            Log.of(PromotionActivities.class).warning(LogLine.of("audit.dropped").with("promotion", promotion.promotionId())
                    .with("target", promotion.target()).with("reason", action + " was done but not recorded: " + e.getMessage()).toString());
        }
    }

    /** WAITING while the target is frozen by an operator, else PASSED. */
    public Check checkRelease(PromotionRef request) {
        return Faults.classified(() -> TargetFreeze.current(ports.auditLog(), request.target())
                .map(f -> Check.waiting("target " + request.target() + " is frozen by " + f.by() + " since " + f.at()
                        + (f.reason().isBlank() ? "" : ": " + f.reason())))
                .orElseGet(() -> Check.passed("target " + request.target() + " is not frozen")));
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
