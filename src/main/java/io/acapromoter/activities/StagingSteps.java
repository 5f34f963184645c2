package io.acapromoter.activities;

import io.acapromoter.orchestration.StepRequest;
import io.acapromoter.orchestration.StepResult;
import io.acapromoter.domain.ProbeResult;
import io.acapromoter.domain.PromotionStatus.ProbeOutcome;
import io.acapromoter.domain.PinnedImage;
import io.acapromoter.policy.StagingStrategy;
import io.acapromoter.policy.Target;
import io.acapromoter.ports.ContainerApp;
import io.acapromoter.ports.Deployment;
import io.acapromoter.ports.JobExecution;
import io.acapromoter.ports.OperationStatus;
import io.acapromoter.ports.PendingOperation;
import io.acapromoter.ports.Revision;
import io.acapromoter.ports.TrafficSplit;

import java.util.List;

/** {@code DeployStaging}, {@code CheckStaging}, {@code RunSmokeTests} and {@code CleanUpStaging}. */
final class StagingSteps {

    private final PipelinePorts ports;

    StagingSteps(PipelinePorts ports) {
        this.ports = ports;
    }

    StepResult deploy(StepRequest request) {
        Target target = Targets.require(ports.file(), request.target());
        PinnedImage image = PinnedImage.parse(request.image());
        String suffix = Targets.revisionSuffix("sha", image, request.attempt());
        return switch (target.staging().strategy()) {
            case LABEL -> {
                Deployment d = ports.containerApps().beginLabelledRevision(target.productionResourceId(), target.container(),
                        image, suffix, target.staging().label());
                yield started(d, "revision " + d.revision() + " labelled " + target.staging().label());
            }
            case APP -> {
                Deployment d = ports.containerApps().beginDeployImage(target.staging().resourceId().orElseThrow(),
                        target.container(), image, suffix);
                yield started(d, "staging app runs revision " + d.revision());
            }
            case JOB -> {
                String job = target.staging().resourceId().orElseThrow();
                ports.containerApps().updateJobImage(job, target.container(), image);
                String execution = ports.containerApps().startJob(job);
                yield StepResult.passed("staging job execution " + execution + " started").withRevision(execution);
            }
        };
    }

    private static StepResult started(Deployment d, String detail) {
        return StepResult.passed(detail + d.operation().map(o -> " (deployment started)").orElse(""))
                .withRevision(d.revision()).withUrl(d.url().orElse(null))
                .withOperation(d.operation().map(PendingOperation::toString).orElse(null));
    }

    StepResult check(StepRequest request) {
        Target target = Targets.require(ports.file(), request.target());
        if (target.staging().strategy() == StagingStrategy.JOB) {
            JobExecution execution = ports.containerApps().getJobExecution(target.staging().resourceId().orElseThrow(),
                    request.revision());
            if (!execution.isFinished()) {
                return StepResult.waiting("execution " + execution.name() + " is " + execution.status());
            }
            return execution.succeeded() ? StepResult.passed("execution " + execution.name() + " succeeded")
                    : StepResult.failed("staging job execution " + execution.name() + " ended " + execution.status());
        }
        String app = target.staging().strategy() == StagingStrategy.LABEL ? target.productionResourceId()
                : target.staging().resourceId().orElseThrow();
        return deployed(ports, app, request);
    }

    /**
     * Whether a deployment is done: its ARM operation first (a failure there carries Azure's error),
     * then the revision. While the operation runs, the revision is read only when the orchestrator
     * asks (it does every few polls, so a revision that fails early is seen early).
     */
    static StepResult deployed(PipelinePorts ports, String appId, StepRequest request) {
        String operation = request.operation();
        if (operation != null) {
            OperationStatus status = ports.containerApps().getOperation(appId, PendingOperation.parse(operation));
            if (status.state() == OperationStatus.State.FAILED) {
                return StepResult.failed("the deployment of " + request.revision() + " failed in Azure: "
                        + status.error().orElse("no error given"));
            }
            if (status.state() == OperationStatus.State.IN_PROGRESS && request.operationOnly()) {
                return StepResult.waiting("the deployment of " + request.revision() + " is in progress").withOperation(operation);
            }
            operation = status.state() == OperationStatus.State.SUCCEEDED ? null : operation;
        }
        return readiness(ports.containerApps().getRevision(appId, request.revision())).withOperation(operation);
    }

    static StepResult readiness(Revision r) {
        return switch (r.readiness()) {
            case READY -> StepResult.passed(r.describe());
            case FAILED -> StepResult.failed(r.describe());
            case WAITING -> StepResult.waiting(r.describe());
        };
    }

    StepResult smoke(StepRequest request) {
        Target target = Targets.require(ports.file(), request.target());
        if (target.staging().strategy() == StagingStrategy.JOB) {
            return StepResult.passed("staging job execution " + request.revision() + " succeeded");
        }
        if (target.smoke().isEmpty()) {
            return StepResult.passed("no probes configured");
        }
        if (request.url() == null) {
            return StepResult.failed("staging has no ingress URL, so the " + target.smoke().size() + " probes cannot run");
        }
        List<ProbeResult> results = ports.smokeTester().run(request.url(), target.smoke());
        List<ProbeOutcome> outcomes = results.stream().map(ProbeOutcome::of).toList();
        List<String> failed = results.stream().filter(r -> !r.passed())
                .map(r -> r.probe() + ": " + r.failure().orElse("failed")).toList();
        return (failed.isEmpty() ? StepResult.passed(results.size() + " probes passed")
                : StepResult.failed("smoke tests failed: " + String.join("; ", failed))).withProbes(outcomes);
    }

    /** Removes what this promotion staged: the staging label's traffic entry and the revision it created. */
    StepResult cleanUp(StepRequest request) {
        Target target = Targets.require(ports.file(), request.target());
        if (target.staging().strategy() != StagingStrategy.LABEL || request.revision() == null) {
            return StepResult.passed("nothing to clean up for " + target.staging().strategy().key() + " staging");
        }
        String appId = target.productionResourceId();
        ContainerApp app = ports.containerApps().getApp(appId);
        List<TrafficSplit> kept = app.traffic().stream().filter(t -> !t.revision().equals(request.revision())).toList();
        if (kept.size() != app.traffic().size() && !kept.isEmpty()) {
            ports.containerApps().setTraffic(appId, kept);
        }
        if (app.revision(request.revision()).map(Revision::active).orElse(false)
                && kept.stream().noneMatch(t -> t.revision().equals(request.revision()))) {
            ports.containerApps().deactivateRevision(appId, request.revision());
        }
        return StepResult.passed("staging revision " + request.revision() + " removed");
    }
}
