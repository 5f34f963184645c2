package io.acapromoter.activities;

import io.acapromoter.orchestration.ReleaseStep;
import io.acapromoter.policy.RolloutStrategy;
import io.acapromoter.policy.Target;
import io.acapromoter.ports.ContainerApp;
import io.acapromoter.ports.Job;

import java.util.Optional;

/**
 * What {@code RollOut} checks on production, read right before it writes, when asked to
 * ({@link ReleaseStep#checkProduction()}): production still serves what {@code VerifyCandidate} saw (another release or
 * a change by hand since then means the candidate must be checked again: never-older-push, already running), it is
 * still in the revision mode the strategy needs, and it still pulls the registry the way the target requires. The
 * answer is why not, or empty. A revision's template never changes, so the same serving revision means the same image.
 */
final class ProductionGuard {

    private ProductionGuard() {
    }

    static Optional<String> app(Target target, ReleaseStep request, ContainerApp app) {
        Optional<String> serving = CandidateVerifier.servingRevision(app);
        if (serving.isEmpty()) {
            // No traffic to tell (a worker without ingress): the template is the serving revision's in single-revision mode.
            String running = app.images().get(target.container());
            if (target.rollout().strategy() != RolloutStrategy.REPLACE) {
                return Optional.of("cannot tell from " + app.name() + "'s traffic which revision serves production");
            }
            if (running == null || !running.equals(request.previousImage())) {
                return Optional.of(app.name() + " runs " + running + ", not " + request.previousImage()
                        + " as when the candidate was verified");
            }
        } else if (!serving.get().equals(request.previousRevision()) && !serving.get().equals(request.revision())) {
            // (The candidate's own revision serving means an earlier try of this same rollout wrote it.)
            return Optional.of(app.name() + " serves " + serving.get() + ", not " + request.previousRevision()
                    + " as when the candidate was verified");
        }
        if (!app.multipleRevisions() && target.rollout().strategy() != RolloutStrategy.REPLACE) {
            return Optional.of(app.name() + " was switched to single-revision mode");
        }
        return new RegistryPull("production app " + app.name(), app.registries())
                .refusal(target.registryAuth(), request.promotion().image().registry());
    }

    static Optional<String> job(Target target, ReleaseStep request, Job job) {
        String running = job.images().get(target.container());
        if (running == null || !running.equals(request.previousImage())) {
            return Optional.of("production job " + job.name() + " runs " + running + ", not " + request.previousImage()
                    + " as when the candidate was verified");
        }
        return new RegistryPull("production job " + job.name(), job.registries())
                .refusal(target.registryAuth(), request.promotion().image().registry());
    }
}
