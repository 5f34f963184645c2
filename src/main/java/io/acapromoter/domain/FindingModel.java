package io.acapromoter.domain;

/**
 * Which of Defender for Cloud's recommendation models a finding came from. Defender is moving from
 * grouped recommendations (one sub-assessment per image and vulnerability under a registry-wide
 * recommendation) to individual recommendations (one assessment per finding); both exist side by
 * side during the transition.
 */
public enum FindingModel {
    /** Grouped sub-assessment, MDVM shape (assessment key {@code c0b7cfc6-…}). */
    GROUPED_CURRENT("grouped (MDVM)"),
    /** Grouped sub-assessment, retired Qualys shape (assessment key {@code dbd0cb49-…}). */
    GROUPED_LEGACY("grouped (Qualys, legacy)"),
    /** Individual recommendation: one {@code Microsoft.Security/assessments} per finding. */
    INDIVIDUAL("individual");

    private final String label;

    FindingModel(String label) {
        this.label = label;
    }

    /** How logs and {@code explain-event} name the model. */
    public String label() {
        return label;
    }
}
