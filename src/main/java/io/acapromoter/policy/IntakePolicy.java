package io.acapromoter.policy;

import io.acapromoter.domain.Candidate;
import io.acapromoter.domain.MediaTypes;
import io.acapromoter.domain.PinnedImage;
import io.acapromoter.domain.RegistryEvent;
import io.acapromoter.domain.RegistryEventType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides, as a pure function, what a registry event means for the promotion file: one
 * {@code promote} per matching target, else one {@code ignore} or {@code refuse} with the reason.
 */
public final class IntakePolicy {

    private final PromotionFile file;

    public IntakePolicy(PromotionFile file) {
        this.file = file;
    }

    public List<IntakeDecision> decide(RegistryEvent event) {
        String id = event.eventId();
        if (!file.allows(event.registry())) {
            return List.of(new IntakeDecision.Refuse(id, "registry host '" + event.registry()
                    + "' is not on the allow-list", true));
        }
        if (event.type() != RegistryEventType.IMAGE_PUSHED) {
            return List.of(new IntakeDecision.Ignore(id, Optional.empty(),
                    event.type().eventType() + " never starts a promotion"));
        }
        if (!MediaTypes.isImage(event.mediaType().orElse(null))) {
            return List.of(new IntakeDecision.Ignore(id, Optional.empty(), "not an image manifest (mediaType "
                    + event.mediaType().orElse("missing") + ")"));
        }
        if (event.tag().isEmpty()) {
            return List.of(new IntakeDecision.Ignore(id, Optional.empty(),
                    "pushed by digest without a tag (a signature, SBOM or image index entry)"));
        }
        List<Target> targets = file.targetsFor(event.registry(), event.repository());
        if (targets.isEmpty()) {
            return List.of(new IntakeDecision.Ignore(id, Optional.empty(),
                    "no target for repository " + event.registry() + "/" + event.repository()));
        }
        String tag = event.tag().get();
        PinnedImage image = new PinnedImage(event.registry().toLowerCase(java.util.Locale.ROOT), event.repository(),
                event.digest().orElseThrow());
        List<IntakeDecision> decisions = new ArrayList<>();
        for (Target target : targets) {
            if (target.tagMatches(tag)) {
                Candidate candidate = new Candidate(target.name(), image, tag, event.timestamp(), event.actor(), id);
                decisions.add(new IntakeDecision.Promote(candidate, "tag '" + tag + "' matches " + target.tags().pattern()));
            } else {
                decisions.add(new IntakeDecision.Ignore(id, Optional.of(target.name()),
                        "tag '" + tag + "' does not match " + target.tags().pattern()));
            }
        }
        return decisions;
    }
}
