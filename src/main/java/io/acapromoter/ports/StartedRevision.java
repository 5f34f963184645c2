package io.acapromoter.ports;

import java.util.Objects;
import java.util.Optional;

/**
 * A deployment that was started: the revision it makes, where it will answer, and the ARM
 * operation to watch (empty when there was nothing to change).
 *
 * @param revision    the revision's name ({@code <app>--<suffix>})
 * @param url         the URL the new revision is reached on (label URL or app URL), if it has ingress
 * @param operation   the operation that creates it, still running
 * @param revisionUrl the revision's own URL ({@link ContainerApp#revisionUrl}), if it has ingress: what production
 *                    checks probe without reading the revision for its host name
 */
public record StartedRevision(String revision, Optional<String> url, Optional<PendingOperation> operation,
                              Optional<String> revisionUrl) {

    public StartedRevision {
        Objects.requireNonNull(revision, "revision");
        url = url == null ? Optional.empty() : url;
        operation = operation == null ? Optional.empty() : operation;
        revisionUrl = revisionUrl == null ? Optional.empty() : revisionUrl;
    }

    public StartedRevision(String revision, Optional<String> url, Optional<PendingOperation> operation) {
        this(revision, url, operation, Optional.empty());
    }
}
