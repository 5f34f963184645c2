package io.acapromoter.activities;

import io.acapromoter.orchestration.StepRequest;
import io.acapromoter.orchestration.StepResult;
import io.acapromoter.domain.MediaTypes;
import io.acapromoter.domain.PinnedImage;
import io.acapromoter.policy.GateVerdict;
import io.acapromoter.policy.ResourceKind;
import io.acapromoter.policy.RolloutStrategy;
import io.acapromoter.policy.Target;
import io.acapromoter.policy.VulnerabilityGateCheck;
import io.acapromoter.ports.ContainerApp;
import io.acapromoter.ports.Revision;
import io.acapromoter.ports.TrafficSplit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code VerifyCandidate}: the digest exists in an allowed registry, carries a signature when the
 * target requires one, passes the vulnerability gate; and what production runs now.
 */
final class CandidateVerifier {

    private final PipelinePorts ports;

    CandidateVerifier(PipelinePorts ports) {
        this.ports = ports;
    }

    StepResult verify(StepRequest request) {
        Target target = Targets.require(ports.file(), request.target());
        PinnedImage image = PinnedImage.parse(request.image());
        String productionImage;
        String previousRevision = null;
        List<String> warnings = new ArrayList<>();
        if (target.kind() == ResourceKind.JOB) {
            productionImage = ports.containerApps().getJob(target.productionResourceId()).images().get(target.container());
        } else {
            ContainerApp app = ports.containerApps().getApp(target.productionResourceId());
            previousRevision = servingRevision(app).orElse(null);
            // The app's template follows the newest revision (a staging revision too): ask the serving one.
            productionImage = app.revision(String.valueOf(previousRevision)).map(r -> r.images().get(target.container()))
                    .orElse(app.images().get(target.container()));
            if (!app.multipleRevisions() && target.rollout().strategy() != RolloutStrategy.REPLACE) {
                return StepResult.failed(target.productionResourceId() + " is in single-revision mode; "
                        + target.rollout().strategy().key() + " needs multiple-revision mode (or use rollout 'replace')")
                        .withProduction(productionImage, previousRevision);
            }
            if (target.rollout().strategy() == RolloutStrategy.REPLACE) {
                warnings.add("single-revision app: while the new revision starts, the old and the new one may both "
                        + "consume messages");
            }
        }
        StepResult verdict = check(target, image).withProduction(productionImage, previousRevision).withWarnings(warnings);
        Optional<String> newer = verdict.ok() ? newerInProduction(image, productionImage) : Optional.empty();
        if (newer.isPresent()) {
            return StepResult.failed(newer.get()).withProduction(productionImage, previousRevision);
        }
        if (verdict.ok() && image.toString().equals(productionImage)) {
            return new StepResult(StepResult.State.CURRENT, "production already runs " + image, null, null, productionImage,
                    previousRevision, List.of(), List.of(), null);
        }
        return verdict;
    }

    private StepResult check(Target target, PinnedImage image) {
        if (!ports.file().allows(image.registry())) {
            return StepResult.failed("registry " + image.registry() + " is not on the allow-list");
        }
        Optional<String> mediaType = ports.registry().manifestMediaType(image);
        if (mediaType.isEmpty()) {
            return StepResult.failed(image + " does not exist in the registry");
        }
        if (!MediaTypes.isImage(mediaType.get())) {
            return StepResult.failed(image + " is not an image (media type " + mediaType.get() + ")");
        }
        if (target.requireSignature() && ports.registry().referrers(image, MediaTypes.NOTATION_SIGNATURE).isEmpty()) {
            return StepResult.failed(image + " has no Notation signature attached; the target requires one");
        }
        if (target.gate().isPresent()) {
            GateVerdict gate = VulnerabilityGateCheck.check(target.gate().get(), image.digest(),
                    ports.findings().forDigests(List.of(image.digest())));
            if (!gate.passed()) {
                return StepResult.failed(gate.reason());
            }
        }
        return StepResult.passed(image + " verified");
    }

    /** Production must never go back to an older push of the same repository through a promotion. */
    private Optional<String> newerInProduction(PinnedImage candidate, String productionImage) {
        if (candidate.toString().equals(productionImage)) {
            return Optional.empty();
        }
        PinnedImage running = PinnedImage.tryParse(productionImage).orElse(null);
        if (running == null || !running.registry().equalsIgnoreCase(candidate.registry()) || !running.repository().equals(candidate.repository())) {
            return Optional.empty();
        }
        Optional<java.time.Instant> runningAt = ports.registry().pushedAt(running);
        Optional<java.time.Instant> candidateAt = ports.registry().pushedAt(candidate);
        if (runningAt.isPresent() && candidateAt.isPresent() && runningAt.get().isAfter(candidateAt.get())) {
            return Optional.of("production already runs a newer image: " + running + " (pushed " + runningAt.get()
                    + ") is newer than " + candidate + " (pushed " + candidateAt.get() + ")");
        }
        return Optional.empty();
    }

    /** The revision production traffic goes to now: the one labelled production, else the heaviest. */
    static Optional<String> servingRevision(ContainerApp app) {
        Optional<String> labelled = app.traffic().stream()
                .filter(t -> t.label().filter("production"::equals).isPresent() && t.weight() > 0)
                .map(TrafficSplit::revision).findFirst();
        if (labelled.isPresent()) {
            return labelled;
        }
        Optional<String> heaviest = app.traffic().stream().filter(t -> t.weight() > 0)
                .max(Comparator.comparingInt(TrafficSplit::weight)).map(TrafficSplit::revision);
        if (heaviest.isPresent()) {
            return heaviest;
        }
        return app.revisions().stream().filter(Revision::active).max(Comparator.comparing(Revision::createdAt))
                .map(Revision::name);
    }
}
