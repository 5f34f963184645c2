package io.acapromoter.pipeline;

import io.acapromoter.domain.PromotionStatus;

import java.util.List;

/**
 * The output of a promotion activity. {@code ok=false} is a verdict (never retried); technical
 * faults are thrown instead, so that Durable retries them.
 *
 * @param ok               whether the step passed
 * @param state            for readiness checks: {@code READY}, {@code WAITING} or {@code FAILED}
 * @param detail           what happened, for the timeline
 * @param revision         the revision (or execution) the step created or found
 * @param url              a URL the step found (staging URL)
 * @param productionImage  what production runs, when the step read it
 * @param previousRevision the revision production ran before, when the step read it
 * @param probes           probe results, for smoke tests and monitoring
 * @param warnings         things people should know
 */
public record StepResult(boolean ok, String state, String detail, String revision, String url, String productionImage,
                         String previousRevision, List<PromotionStatus.ProbeOutcome> probes, List<String> warnings) {

    public StepResult {
        probes = probes == null ? List.of() : List.copyOf(probes);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    static StepResult passed(String detail) {
        return new StepResult(true, "READY", detail, null, null, null, null, List.of(), List.of());
    }

    static StepResult failed(String detail) {
        return new StepResult(false, "FAILED", detail, null, null, null, null, List.of(), List.of());
    }

    static StepResult waiting(String detail) {
        return new StepResult(false, "WAITING", detail, null, null, null, null, List.of(), List.of());
    }

    StepResult withRevision(String r) {
        return new StepResult(ok, state, detail, r, url, productionImage, previousRevision, probes, warnings);
    }

    StepResult withUrl(String u) {
        return new StepResult(ok, state, detail, revision, u, productionImage, previousRevision, probes, warnings);
    }

    StepResult withProduction(String image, String previous) {
        return new StepResult(ok, state, detail, revision, url, image, previous, probes, warnings);
    }

    StepResult withProbes(List<PromotionStatus.ProbeOutcome> p) {
        return new StepResult(ok, state, detail, revision, url, productionImage, previousRevision, p, warnings);
    }

    StepResult withWarnings(List<String> w) {
        return new StepResult(ok, state, detail, revision, url, productionImage, previousRevision, probes, w);
    }
}
