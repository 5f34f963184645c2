package io.acapromoter.domain;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One vulnerability Defender for Cloud found in one image digest, whichever model reported it.
 *
 * @param id         the sub-assessment or assessment id (stable across daily rescans)
 * @param registry   registry host (login server), lower case
 * @param repository repository path
 * @param digest     the image digest the finding is on
 * @param cve        CVE id (or the vendor id when there is no CVE)
 * @param severity   severity of the vulnerability (not the contextual risk)
 * @param fixable    whether a fix is available (fixStatus FixAvailable; legacy: patchable)
 * @param tag        a tag the image had when scanned, when the data names one
 * @param model      the recommendation model it came from
 */
public record Finding(String id, String registry, String repository, Digest digest, String cve, Severity severity,
                      boolean fixable, Optional<String> tag, FindingModel model) {

    public Finding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(cve, "cve");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(model, "model");
        if (registry.isBlank() || registry.contains("/")) {
            throw new IllegalArgumentException("registry must be a host name, got '" + registry + "'");
        }
    }

    /**
     * What makes two reports the same finding: the same CVE on the same digest in the same repository of the
     * same registry. Defender reports it once per model while both exist, and again on every daily rescan.
     */
    public String sameFindingKey() {
        return registry + "/" + repository + "@" + digest + "#" + cve.toUpperCase(Locale.ROOT);
    }
}
