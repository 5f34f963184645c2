package io.acapromoter.events;

import io.acapromoter.domain.Digest;
import io.acapromoter.domain.Finding;

/**
 * What one record of a delivered payload (a sub-assessment or an individual recommendation) turned out to be.
 * A legacy sub-assessment that lists several CVEs gives one {@link Found} per CVE.
 */
public sealed interface ParsedFinding {

    /** The record's id (its ARM id when known, else its name), or {@code "?"} when it has none. */
    String id();

    /** An unresolved vulnerability on an image digest. */
    record Found(Finding finding) implements ParsedFinding {
        @Override
        public String id() {
            return finding.id();
        }
    }

    /**
     * A well-formed container image record that is not a finding but shows Defender has scanned the digest:
     * healthy, not applicable (exempt, disabled). The vulnerability gate reads it as "scanned".
     */
    record Scanned(String id, Digest digest, String reason) implements ParsedFinding {
    }

    /** Not a finding and no news about a digest: removed by Defender, a validation handshake. */
    record Skipped(String id, String reason) implements ParsedFinding {
    }

    /** Not a readable container image record: unknown shape, missing field, bad digest… {@code problem} says which. */
    record Unreadable(String id, String problem) implements ParsedFinding {
    }
}
