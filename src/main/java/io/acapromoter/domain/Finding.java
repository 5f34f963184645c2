package io.acapromoter.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * One vulnerability Defender for Cloud found in one image digest.
 *
 * @param id         the sub-assessment id (stable across daily rescans)
 * @param registry   registry host
 * @param repository repository path
 * @param digest     the image digest the finding is on
 * @param cve        CVE id (or the vendor id when there is no CVE)
 * @param severity   severity
 * @param fixable    whether a fix is available (current shape: fixStatus; legacy: patchable)
 * @param shape      {@code current} or {@code legacy}, the sub-assessment shape it came in
 */
public record Finding(String id, String registry, String repository, Digest digest, String cve, Severity severity,
                      boolean fixable, Optional<String> tag, String shape) {

    public Finding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(cve, "cve");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(tag, "tag");
    }
}
