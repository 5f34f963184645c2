package io.acapromoter.orchestration;

import io.acapromoter.domain.PromotionStatus;

import java.util.List;

/**
 * The output of a promotion activity. A {@link State#FAILED} result is a verdict (never retried);
 * technical faults are thrown instead, so that Durable retries them.
 *
 * @param state            where the step stands
 * @param detail           what happened, for the timeline
 * @param revision         the revision (or execution) the step created or found
 * @param url              a URL the step found (staging URL)
 * @param productionImage  what production runs, when the step read it
 * @param previousRevision the revision production ran before, when the step read it
 * @param probes           probe results, for smoke tests and monitoring
 * @param warnings         things people should know
 * @param operation        the ARM operation the step started and did not wait for (text form), or null
 */
public record StepResult(State state, String detail, String revision, String url, String productionImage,
                         String previousRevision, List<PromotionStatus.ProbeOutcome> probes, List<String> warnings,
                         String operation) {

    /** Passed (or ready); still waiting; a verdict against the candidate; production already runs it. */
    public enum State {
        READY, WAITING, FAILED, CURRENT
    }

    public StepResult {
        probes = probes == null ? List.of() : List.copyOf(probes);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** Whether the step passed. */
    public boolean ok() {
        return state == State.READY;
    }

    public static StepResult passed(String detail) {
        return new StepResult(State.READY, detail, null, null, null, null, List.of(), List.of(), null);
    }

    public static StepResult failed(String detail) {
        return new StepResult(State.FAILED, detail, null, null, null, null, List.of(), List.of(), null);
    }

    public static StepResult waiting(String detail) {
        return new StepResult(State.WAITING, detail, null, null, null, null, List.of(), List.of(), null);
    }

    public StepResult withRevision(String r) {
        return new StepResult(state, detail, r, url, productionImage, previousRevision, probes, warnings, operation);
    }

    public StepResult withUrl(String u) {
        return new StepResult(state, detail, revision, u, productionImage, previousRevision, probes, warnings, operation);
    }

    public StepResult withProduction(String image, String previous) {
        return new StepResult(state, detail, revision, url, image, previous, probes, warnings, operation);
    }

    public StepResult withProbes(List<PromotionStatus.ProbeOutcome> p) {
        return new StepResult(state, detail, revision, url, productionImage, previousRevision, p, warnings, operation);
    }

    public StepResult withOperation(String op) {
        return new StepResult(state, detail, revision, url, productionImage, previousRevision, probes, warnings, op);
    }

    public StepResult withWarnings(List<String> w) {
        return new StepResult(state, detail, revision, url, productionImage, previousRevision, probes, w, operation);
    }
}
