package io.acapromoter.orchestration;

import io.acapromoter.domain.PromotionStatus.ProbeOutcome;

import java.util.List;
import java.util.Objects;

/**
 * The answer of a step that looks at something: readiness, smoke tests, the rollout claim,
 * production health, a rollback, the clean-ups. {@link Status#FAILED} is a verdict (never
 * retried); technical faults are thrown instead, so that Durable retries them.
 *
 * @param status where it stands
 * @param detail what was found, for the timeline
 * @param probes probe results, for smoke tests and production checks
 */
public record Check(Status status, String detail, List<ProbeOutcome> probes) {

    /** Passed (or ready); not yet, look again later; a verdict against the candidate. */
    public enum Status {
        PASSED, WAITING, FAILED
    }

    public Check {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        probes = probes == null ? List.of() : List.copyOf(probes);
    }

    public static Check passed(String detail) {
        return new Check(Status.PASSED, detail, List.of());
    }

    public static Check waiting(String detail) {
        return new Check(Status.WAITING, detail, List.of());
    }

    public static Check failed(String detail) {
        return new Check(Status.FAILED, detail, List.of());
    }

    public Check withProbes(List<ProbeOutcome> results) {
        return new Check(status, detail, results);
    }

    public boolean passed() {
        return status == Status.PASSED;
    }
}
