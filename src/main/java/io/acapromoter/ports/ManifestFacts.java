package io.acapromoter.ports;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the registry's manifest attributes say about a digest, read in one request.
 *
 * @param mediaType the manifest's media type; empty where the registry does not report it (older ACR answers)
 * @param pushedAt  when the registry received the manifest; empty where it does not report it
 */
public record ManifestFacts(Optional<String> mediaType, Optional<Instant> pushedAt) {
    public ManifestFacts {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(pushedAt, "pushedAt");
    }
}
