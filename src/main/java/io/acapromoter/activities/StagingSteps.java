package io.acapromoter.activities;

import io.acapromoter.orchestration.StepRequest;
import io.acapromoter.orchestration.StepResult;
import io.acapromoter.domain.ProbeResult;
import io.acapromoter.domain.PromotionStatus.ProbeOutcome;
import io.acapromoter.domain.PinnedImage;
import io.acapromoter.policy.StagingStrategy;
import io.acapromoter.policy.Target;
import io.acapromoter.ports.ContainerApp;
import io.acapromoter.ports.JobExecution;
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
        String suffix = Targets.revisionSuffix(image);
        return switch (target.staging().strategy()) {
            case LABEL -> {
                String app = target.productionResourceId();
                String revision = ports.containerApps().deployLabelledRevision(app, target.container(), image, suffix,
                        target.staging().label());
                String url = ports.containerApps().getApp(app).labelUrl(target.staging().label());
                yield StepResult.passed("revision " + revision + " labelled " + target.staging().label())
                        .withRevision(revision).withUrl(url);
            }
            case APP -> {
                String app = target.staging().resourceId().orElseThrow();
                String revision = ports.containerApps().deployImage(app, target.container(), image, suffix);
                String url = ports.containerApps().getApp(app).fqdn().map(f -> "https://" + f).orElse(null);
                yield StepResult.passed("staging app runs revision " + revision).withRevision(revision).withUrl(url);
            }
            case JOB -> {
                String job = target.staging().resourceId().orElseThrow();
                ports.containerApps().updateJobImage(job, target.container(), image);
                String execution = ports.containerApps().startJob(job);
                yield StepResult.passed("staging job execution " + execution + " started").withRevision(execution);
            }
        };
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
        return readiness(ports.containerApps().getRevision(app, request.revision()));
    }

    static StepResult readiness(Revision r) {
        String state = "revision " + r.name() + ": provisioning " + r.provisioning() + ", running " + r.running()
                + ", health " + r.health();
        if (r.provisioning() == Revision.Provisioning.FAILED) {
            return StepResult.failed("revision " + r.name() + " failed to provision");
        }
        if ("Failed".equalsIgnoreCase(r.running())) {
            return StepResult.failed("revision " + r.name() + " failed to run");
        }
        return r.isReady() ? StepResult.passed(state) : StepResult.waiting(state);
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
