package io.acapromoter.policy;

import io.acapromoter.domain.Candidate;

import java.util.Optional;

/** What intake does with one event for one target (or for no target at all). Every outcome has a reason. */
public sealed interface IntakeDecision {

    String eventId();

    String reason();

    Optional<String> target();

    /** {@code promote}, {@code ignore} or {@code refuse}, as written in logs and by {@code explain-event}. */
    String outcome();

    /** Start (or find) the promotion of {@code candidate}. */
    record Promote(Candidate candidate, String reason) implements IntakeDecision {
        @Override
        public String eventId() {
            return candidate.eventId();
        }

        @Override
        public Optional<String> target() {
            return Optional.of(candidate.target());
        }

        @Override
        public String outcome() {
            return "promote";
        }
    }

    /** Nothing to do; normal for deletes, signatures, other tags, other repositories. */
    record Ignore(String eventId, Optional<String> target, String reason) implements IntakeDecision {
        @Override
        public String outcome() {
            return "ignore";
        }
    }

    /** Not acceptable: unreadable, or from a registry that is not allowed (a security event). */
    record Refuse(String eventId, String reason, boolean securityEvent) implements IntakeDecision {
        @Override
        public Optional<String> target() {
            return Optional.empty();
        }

        @Override
        public String outcome() {
            return "refuse";
        }
    }
}
