package io.acapromoter.activities;

import io.acapromoter.orchestration.Check;
import io.acapromoter.orchestration.Deployment;
import io.acapromoter.orchestration.ReleaseStep;
import io.acapromoter.domain.ProbeResult;
import io.acapromoter.domain.PromotionStatus.ProbeOutcome;
import io.acapromoter.domain.PinnedImage;
import io.acapromoter.policy.ResourceKind;
import io.acapromoter.policy.RolloutStrategy;
import io.acapromoter.policy.Target;
import io.acapromoter.ports.ContainerApp;
import io.acapromoter.ports.Orchestrations;
import io.acapromoter.ports.PendingOperation;
import io.acapromoter.ports.Revision;
import io.acapromoter.ports.StartedRevision;
import io.acapromoter.ports.TrafficSplit;
import io.acapromoter.ports.WriteRefused;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code RollOut}, {@code CheckProduction}, {@code RollBack} and {@code FinishRollout}. Traffic and
 * labels move in one update; the previous revision stays active at 0% until the monitor window
 * ends, and a rollback never lands on the revision that just failed.
 */
final class ProductionSteps {

    static final String PRODUCTION_LABEL = "production";

    private final PipelinePorts ports;

    ProductionSteps(PipelinePorts ports) {
        this.ports = ports;
    }

    /**
     * Moves production to the candidate. With {@link ReleaseStep#checkProduction()}, the read that the write needs anyway
     * (the app's traffic, the template, the job) first checks that production still serves what was verified; when it
     * does not, nothing is written and the answer says why ({@link Deployment#notMade()}).
     */
    Deployment rollOut(ReleaseStep request, Orchestrations orchestrations) {
        Target target = Targets.require(ports.file(), request.promotion().target());
        try {
            return write(target, request, orchestrations);
        } catch (WriteRefused refused) {
            return Deployment.notMade(refused.reason());
        }
    }

    private Deployment write(Target target, ReleaseStep request, Orchestrations orchestrations) {
        PinnedImage image = request.promotion().image();
        String prod = target.productionResourceId();
        return switch (target.rollout().strategy()) {
            case JOB -> {
                boolean written = ports.containerApps().updateJobImage(prod, target.container(), image,
                        job -> request.checkProduction() ? ProductionGuard.job(target, request, job) : Optional.empty());
                if (!written && request.checkProduction()) {
                    // By hand or by an earlier try of this step: either way there is nothing left to release.
                    yield Deployment.notMade("production job already runs " + image);
                }
                yield Deployment.of(null, null, "production job now runs " + image);
            }
            case REPLACE -> {
                String suffix = Targets.revisionSuffix("sha", image, request.promotion().attempt());
                StartedRevision d = ports.containerApps().beginDeployImage(prod, target.container(), image, suffix,
                        app -> request.checkProduction() ? ProductionGuard.app(target, request, app) : Optional.empty());
                if (d.operation().isEmpty() && request.checkProduction() && !d.revision().endsWith("--" + suffix)) {
                    // Not this promotion's revision (an earlier try of this step would have made that one): put there by hand.
                    yield Deployment.notMade("production already runs " + image + " as " + d.revision());
                }
                yield Deployment.of(d.revision(), d.revisionUrl().orElse(null), "revision " + d.revision() + " replaces "
                                + request.previousRevision())
                        .withOperation(d.operation().map(PendingOperation::toString).orElse(null))
                        .withWarnings(List.of("single-revision app: the old and the new revision "
                                + "may both consume messages while the switch happens"));
            }
            case BLUE_GREEN, CANARY -> {
                int weight = target.rollout().strategy() == RolloutStrategy.BLUE_GREEN ? 100 : request.weight();
                if (!request.checkProduction() && request.keptLabels() != null
                        && LivePromotions.aloneOn(ports.file(), orchestrations, target, request.promotion().promotionId())) {
                    // A later canary step with nothing else live on the app: no other promotion can have labelled (or
                    // cleaned up) a revision since the first write read the traffic, so its labels are written again
                    // without reading. A staging write begun meanwhile makes this one wait (Azure refuses it while
                    // that operation runs), and the step tried again finds that promotion live and reads.
                    List<TrafficSplit> traffic = new ArrayList<>(labels(request.keptLabels()));
                    traffic.addAll(split(request.revision(), request.previousRevision(), weight));
                    ports.containerApps().setTraffic(prod, traffic);
                    yield Deployment.of(request.revision(), request.url(), request.revision() + " takes " + weight
                            + "% of production traffic").withKeptLabels(request.keptLabels());
                }
                ContainerApp app = ports.containerApps().getAppWithoutRevisions(prod);
                if (request.checkProduction()) {
                    Optional<String> changed = ProductionGuard.app(target, request, app);
                    if (changed.isPresent()) {
                        yield Deployment.notMade(changed.get());
                    }
                }
                List<TrafficSplit> kept = otherLabels(app, request);
                List<TrafficSplit> traffic = new ArrayList<>(kept);
                traffic.addAll(split(request.revision(), request.previousRevision(), weight));
                ports.containerApps().setTraffic(prod, traffic);
                yield Deployment.of(request.revision(), app.revisionUrl(request.revision()).orElse(null), request.revision() + " takes " + weight
                        + "% of production traffic").withKeptLabels(kept.stream()
                        .collect(java.util.stream.Collectors.toMap(t -> t.label().orElseThrow(), TrafficSplit::revision, (a, b) -> a)));
            }
        };
    }

    /** New revision at {@code weight}; the previous one keeps the rest (and the label until the new one has all). */
    static List<TrafficSplit> split(String revision, String previous, int weight) {
        List<TrafficSplit> traffic = new ArrayList<>();
        if (previous == null || previous.equals(revision)) {
            traffic.add(new TrafficSplit(revision, 100, Optional.of(PRODUCTION_LABEL)));
            return traffic;
        }
        boolean complete = weight >= 100;
        traffic.add(new TrafficSplit(revision, weight, complete ? Optional.of(PRODUCTION_LABEL) : Optional.empty()));
        traffic.add(new TrafficSplit(previous, 100 - weight, complete ? Optional.empty() : Optional.of(PRODUCTION_LABEL)));
        return traffic;
    }

    /** The traffic entries of labels kept from an earlier read (label → revision), at weight 0. */
    static List<TrafficSplit> labels(Map<String, String> kept) {
        return kept.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new TrafficSplit(e.getValue(), 0, Optional.of(e.getKey()))).toList();
    }

    /** Labels other promotions put on revisions (e.g. a newer candidate's staging label) stay where they are. */
    static List<TrafficSplit> otherLabels(ContainerApp app, ReleaseStep request) {
        return app.traffic().stream()
                .filter(t -> t.weight() == 0 && t.label().isPresent() && !t.label().get().equals(PRODUCTION_LABEL))
                .filter(t -> !t.revision().equals(request.revision()) && !t.revision().equals(request.previousRevision()))
                .toList();
    }

    Check check(ReleaseStep request) {
        Target target = Targets.require(ports.file(), request.promotion().target());
        if (target.kind() == ResourceKind.JOB) {
            return Check.passed("jobs have no revision to watch");
        }
        String prod = target.productionResourceId();
        // While a replacement is deployed, its operation is asked first; the revision is read once either way.
        Optional<Check> deploying = StagingSteps.operationVerdict(ports, prod, request.revision(), request.operation(),
                request.operationOnly());
        if (deploying.isPresent()) {
            return deploying.get();
        }
        // One read when the replica list can answer (health and restarts together); the revision's own state otherwise.
        ReplicaHealth replicas = ReplicaHealth.of(ports.containerApps().listReplicas(prod, request.revision()));
        Optional<Revision> revision = Optional.empty();
        Check ready = Check.passed("revision " + request.revision() + ": " + replicas.detail());
        if (!replicas.healthy()) {
            revision = Optional.of(ports.containerApps().getRevision(prod, request.revision()));
            ready = StagingSteps.readiness(revision.get());
            if (!ready.passed()) {
                return new Check(ready.status(), ready.detail() + "; " + replicas.detail(), List.of());
            }
        }
        if (replicas.restarts() > target.monitor().maxRestarts()) {
            return Check.failed("revision " + request.revision() + " restarted " + replicas.restarts()
                    + " times (at most " + target.monitor().maxRestarts() + " allowed): " + replicas.detail());
        }
        if (target.smoke().isEmpty()) {
            return Check.passed(ready.detail());
        }
        // Probe the new revision itself: through the app URL a canary step would be checked by chance. RollOut gave its
        // URL; a step queued before it did reads the revision's host name.
        Optional<String> url = Optional.ofNullable(request.url());
        if (url.isEmpty()) {
            Revision read = revision.orElseGet(() -> ports.containerApps().getRevision(prod, request.revision()));
            url = read.fqdn().filter(f -> !f.isBlank())
                    .or(() -> ports.containerApps().getAppWithoutRevisions(prod).fqdn())
                    .map(f -> "https://" + f);
        }
        if (url.isEmpty()) {
            return Check.passed(ready.detail());
        }
        List<ProbeResult> results = ports.smokeTester().run(url.get(), target.smoke());
        List<String> failed = results.stream().filter(r -> !r.passed())
                .map(r -> r.probe() + ": " + r.failure().orElse("failed")).toList();
        Check verdict = failed.isEmpty() ? Check.passed("healthy, " + results.size() + " probes passed")
                : Check.failed("production probes failed: " + String.join("; ", failed));
        return verdict.withProbes(results.stream().map(ProbeOutcome::of).toList());
    }

    Check rollBack(ReleaseStep request) {
        Target target = Targets.require(ports.file(), request.promotion().target());
        String prod = target.productionResourceId();
        String failed = request.revision();
        String previous = request.previousRevision();
        switch (target.rollout().strategy()) {
            case JOB, REPLACE -> {
                Optional<PinnedImage> back = PinnedImage.tryParse(request.previousImage());
                if (back.isEmpty()) {
                    return Check.failed("cannot roll back: production ran " + request.previousImage()
                            + " before, which is not pinned to a digest");
                }
                if (target.rollout().strategy() == RolloutStrategy.JOB) {
                    ports.containerApps().updateJobImage(prod, target.container(), back.get());
                    return Check.passed("production job restored to " + back.get());
                }
                StartedRevision d = ports.containerApps().beginDeployImage(prod, target.container(), back.get(),
                        Targets.revisionSuffix("rb", back.get(), request.promotion().attempt()));
                return Check.passed("production is being restored to " + back.get() + " as " + d.revision());
            }
            default -> {
                if (previous == null || previous.equals(failed)) {
                    return Check.failed("no previous revision to return to; " + failed + " keeps serving");
                }
                if (!ports.containerApps().getRevision(prod, previous).active()) {
                    return Check.failed("previous revision " + previous + " is not active any more");
                }
                ports.containerApps().setTraffic(prod, List.of(
                        new TrafficSplit(previous, 100, Optional.of(PRODUCTION_LABEL)),
                        new TrafficSplit(failed, 0, Optional.empty())));
                ports.containerApps().deactivateRevision(prod, failed);
                return Check.passed("traffic back on " + previous + ", " + failed + " deactivated");
            }
        }
    }

    Check finish(ReleaseStep request) {
        Target target = Targets.require(ports.file(), request.promotion().target());
        String previous = request.previousRevision();
        boolean movesTraffic = target.rollout().strategy() == RolloutStrategy.BLUE_GREEN
                || target.rollout().strategy() == RolloutStrategy.CANARY;
        if (movesTraffic && previous != null && !previous.equals(request.revision())) {
            ports.containerApps().deactivateRevision(target.productionResourceId(), previous);
            return Check.passed("production runs " + request.promotion().image() + " (" + request.revision() + "); "
                    + previous + " deactivated");
        }
        return Check.passed("production runs " + request.promotion().image());
    }
}
