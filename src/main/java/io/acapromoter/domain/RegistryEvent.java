package io.acapromoter.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One container registry event, reduced to what intake decides on. Fields that the event may
 * lack are optional: {@code tag} is absent for pushes by digest (signatures, SBOMs, entries of an
 * image index), {@code actor} for anonymous or token pushes.
 *
 * @param eventId    Event Grid event id (the same on every redelivery)
 * @param type       which registry event this is
 * @param registry   the login server that received the request ({@code request.host})
 * @param repository the repository path inside the registry
 * @param tag        the tag pushed, if any
 * @param digest     the manifest digest, if the event names one
 * @param mediaType  the manifest media type, if any
 * @param actor      who pushed ({@code actor.name}), if known
 * @param timestamp  when the registry handled the request
 */
public record RegistryEvent(
        String eventId,
        RegistryEventType type,
        String registry,
        String repository,
        Optional<String> tag,
        Optional<Digest> digest,
        Optional<String> mediaType,
        Optional<String> actor,
        Instant timestamp) {

    public RegistryEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
