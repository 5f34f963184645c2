package io.acapromoter.activities;

import io.acapromoter.orchestration.Check;
import io.acapromoter.orchestration.Deployment;
import io.acapromoter.orchestration.PromotionRef;
import io.acapromoter.orchestration.StagingOrder;
import io.acapromoter.orchestration.StagingStep;
import io.acapromoter.orchestration.Verification;
import io.acapromoter.domain.ProbeResult;
import io.acapromoter.domain.PromotionStatus.ProbeOutcome;
import io.acapromoter.domain.PinnedImage;
import io.acapromoter.policy.StagingStrategy;
import io.acapromoter.policy.Target;
import io.acapromoter.ports.ContainerApp;
import io.acapromoter.ports.JobExecution;
import io.acapromoter.ports.OperationStatus;
import io.acapromoter.ports.PendingOperation;
import io.acapromoter.ports.StartedExecution;
import io.acapromoter.ports.StartedRevision;
import io.acapromoter.ports.Revision;
import io.acapromoter.ports.TrafficSplit;
import io.acapromoter.ports.WriteRefused;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** {@code DeployStaging}, {@code CheckStaging}, {@code RunSmokeTests} and {@code CleanUpStaging}. */
final class StagingSteps {

    private final PipelinePorts ports;
    private final CandidateVerifier verifier;

    StagingSteps(PipelinePorts ports, CandidateVerifier verifier) {
        this.ports = ports;
        this.verifier = verifier;
    }

    /**
     * Deploys the candidate to staging. A separate staging app or job is checked right before it is written, from the
     * read the write needs anyway: it must pull the candidate's registry the way the target requires
     * ({@code registryAuth}); otherwise nothing is written and the answer says why ({@link Deployment#notMade()}).
     * Label staging writes to the production app, and its read right before the write is the verification's production
     * check ({@link CandidateVerifier#production}): the answer carries it ({@link Deployment#production()}); when
     * production refuses the candidate (or already runs it) nothing is written.
     */
    Deployment deploy(StagingOrder order) {
        PromotionRef request = order.promotion();
        Target target = Targets.require(ports.file(), request.target());
        PinnedImage image = request.image();
        String suffix = Targets.revisionSuffix("sha", image, request.attempt());
        List<String> pulls = new java.util.ArrayList<>();
        Verification[] production = new Verification[1];
        try {
            return switch (target.staging().strategy()) {
                case LABEL -> {
                    Function<ContainerApp, Optional<String>> refuse = !order.checkProduction() ? app -> Optional.empty() : app -> {
                        production[0] = verifier.production(request, app, pushedAt(order));
                        return production[0].verdict() == Verification.Verdict.VERIFIED ? Optional.empty()
                                : Optional.of(production[0].detail());
                    };
                    StartedRevision d = ports.containerApps().beginLabelledRevision(target.productionResourceId(), target.container(),
                            image, suffix, target.staging().label(), refuse);
                    yield started(d, "revision " + d.revision() + " labelled " + target.staging().label())
                            .withProduction(production[0]);
                }
                case APP -> {
                    StartedRevision d = ports.containerApps().beginDeployImage(target.staging().resourceId().orElseThrow(),
                            target.container(), image, suffix, app -> pulls(target, image,
                                    new RegistryPull("staging app " + app.name(), app.registries()), pulls));
                    yield started(d, "staging app runs revision " + d.revision() + described(pulls));
                }
                case JOB -> {
                    String job = target.staging().resourceId().orElseThrow();
                    String startKey = request.promotionId() + "@" + request.attempt();
                    StartedExecution started = ports.containerApps().startJobImage(job, target.container(), image, startKey,
                            j -> pulls(target, image, new RegistryPull("staging job " + j.name(), j.registries()), pulls),
                            new AuditedJobStart(ports.auditLog(), ports.clock(), request, job, startKey));
                    yield Deployment.of(started.execution(), null, "staging job execution " + started.execution() + " started"
                            + started.jobUpdated().map(why -> " after updating the job to the candidate (" + why + ")")
                                    .orElse(" with the candidate (the job itself unchanged)")
                            + described(pulls));
                }
            };
        } catch (WriteRefused refused) {
            return Deployment.notMade(refused.reason()).withProduction(production[0]);
        }
    }

    private static Optional<Instant> pushedAt(StagingOrder order) {
        return Optional.ofNullable(order.candidatePushedAt()).map(Instant::parse);
    }

    /** Why {@code puller} may not pull the candidate (the target's registryAuth), else empty; what it uses lands in {@code out}. */
    private static Optional<String> pulls(Target target, PinnedImage image, RegistryPull puller, List<String> out) {
        out.add(puller.describe(image.registry()));
        return puller.refusal(target.registryAuth(), image.registry());
    }

    private static String described(List<String> pulls) {
        return pulls.isEmpty() ? "" : " (" + String.join("; ", pulls) + ")";
    }

    static Deployment started(StartedRevision d, String detail) {
        return Deployment.of(d.revision(), d.url().orElse(null), detail + d.operation().map(o -> " (deployment started)").orElse(""))
                .withOperation(d.operation().map(PendingOperation::toString).orElse(null));
    }

    Check check(StagingStep request) {
        Target target = Targets.require(ports.file(), request.promotion().target());
        if (target.staging().strategy() == StagingStrategy.JOB) {
            JobExecution execution = ports.containerApps().getJobExecution(target.staging().resourceId().orElseThrow(),
                    request.revision());
            String candidate = request.promotion().image().toString();
            String ran = execution.images().get(target.container());
            if (!candidate.equals(ran)) {
                return Check.failed("staging job execution " + execution.name() + (ran == null
                        ? " does not say what its container '" + target.container() + "' runs"
                        : " runs " + ran + " in container '" + target.container() + "', not the candidate " + candidate));
            }
            if (!execution.isFinished()) {
                return Check.waiting("execution " + execution.name() + " is " + execution.status());
            }
            return execution.succeeded() ? Check.passed("execution " + execution.name() + " succeeded")
                    : Check.failed("staging job execution " + execution.name() + " ended " + execution.status());
        }
        String app = target.staging().strategy() == StagingStrategy.LABEL ? target.productionResourceId()
                : target.staging().resourceId().orElseThrow();
        return deployed(ports, app, request.revision(), request.operation(), request.operationOnly());
    }

    /**
     * Whether a deployment is done: its ARM operation first (a failure there carries Azure's error),
     * then the revision. While the operation runs, the revision is read only when the orchestrator
     * asks (every few polls, so a revision that fails early is seen early).
     */
    static Check deployed(PipelinePorts ports, String appId, String revision, String operation, boolean operationOnly) {
        return operationVerdict(ports, appId, revision, operation, operationOnly)
                .orElseGet(() -> readiness(ports.containerApps().getRevision(appId, revision)));
    }

    /**
     * What the deployment's ARM operation alone says: failed (with Azure's error), or still running
     * when only the operation is to be read; empty when the revision itself must be read.
     */
    static Optional<Check> operationVerdict(PipelinePorts ports, String appId, String revision, String operation,
                                            boolean operationOnly) {
        if (operation == null) {
            return Optional.empty();
        }
        OperationStatus status = ports.containerApps().getOperation(appId, PendingOperation.parse(operation));
        if (status.state() == OperationStatus.State.FAILED) {
            return Optional.of(Check.failed("the deployment of " + revision + " failed in Azure: "
                    + status.error().orElse("no error given")));
        }
        if (status.state() == OperationStatus.State.IN_PROGRESS && operationOnly) {
            return Optional.of(Check.waiting("the deployment of " + revision + " is in progress"));
        }
        return Optional.empty();
    }

    static Check readiness(Revision r) {
        return switch (r.readiness()) {
            case READY -> Check.passed(r.describe());
            case FAILED -> Check.failed(r.describe());
            case WAITING -> Check.waiting(r.describe());
        };
    }

    Check smoke(StagingStep request) {
        Target target = Targets.require(ports.file(), request.promotion().target());
        if (target.staging().strategy() == StagingStrategy.JOB) {
            return Check.passed("staging job execution " + request.revision() + " succeeded");
        }
        if (target.smoke().isEmpty()) {
            return Check.passed("no probes configured");
        }
        if (request.url() == null) {
            return Check.failed("staging has no ingress URL, so the " + target.smoke().size() + " probes cannot run");
        }
        List<ProbeResult> results = ports.smokeTester().run(request.url(), target.smoke());
        List<ProbeOutcome> outcomes = results.stream().map(ProbeOutcome::of).toList();
        List<String> failed = results.stream().filter(r -> !r.passed())
                .map(r -> r.probe() + ": " + r.failure().orElse("failed")).toList();
        return (failed.isEmpty() ? Check.passed(results.size() + " probes passed")
                : Check.failed("smoke tests failed: " + String.join("; ", failed))).withProbes(outcomes);
    }

    /** Removes what this promotion staged: the staging label's traffic entry and the revision it created. */
    Check cleanUp(StagingStep request) {
        Target target = Targets.require(ports.file(), request.promotion().target());
        if (target.staging().strategy() != StagingStrategy.LABEL) {
            return Check.passed("nothing to clean up for " + target.staging().strategy().key() + " staging");
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
        return Check.passed("staging revision " + request.revision() + " removed");
    }
}
