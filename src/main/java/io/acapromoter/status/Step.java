package io.acapromoter.status;

import io.acapromoter.domain.Phase;

import java.util.Locale;
import java.util.Optional;

/** The steps of the board's step bar, in order: what a promotion in flight has done and what is left. */
public enum Step {
    VERIFY, STAGING, SMOKE, APPROVAL, ROLLOUT, MONITOR;

    /** The step a phase belongs to; none for terminal phases. */
    public static Optional<Step> of(Phase phase) {
        if (phase == null) {
            return Optional.empty();
        }
        return switch (phase) {
            case PENDING, VERIFYING -> Optional.of(VERIFY);
            case STAGING -> Optional.of(STAGING);
            case SMOKE_TESTING -> Optional.of(SMOKE);
            case AWAITING_APPROVAL -> Optional.of(APPROVAL);
            case ROLLING_OUT -> Optional.of(ROLLOUT);
            case MONITORING -> Optional.of(MONITOR);
            default -> Optional.empty();
        };
    }

    /** Lower-case name, as shown and as the {@code data-step} attribute. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
