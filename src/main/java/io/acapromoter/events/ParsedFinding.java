package io.acapromoter.events;

import io.acapromoter.domain.Finding;

/**
 * What one sub-assessment of a delivered payload turned out to be. A legacy sub-assessment that
 * lists several CVEs gives one {@link Found} per CVE.
 */
public sealed interface ParsedFinding {

    /** The sub-assessment id (its ARM id when known, else its name), or {@code "?"} when it has none. */
    String id();

    /** An unresolved vulnerability on an image digest. */
    record Found(Finding finding) implements ParsedFinding {
        @Override
        public String id() {
            return finding.id();
        }
    }

    /** A well-formed container registry sub-assessment that is not a finding: healthy, not applicable, removed. */
    record Skipped(String id, String reason) implements ParsedFinding {
    }

    /** Not a readable container registry sub-assessment: unknown shape, missing field, bad digest… {@code problem} says which. */
    record Unreadable(String id, String problem) implements ParsedFinding {
    }
}
