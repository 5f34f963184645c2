package io.acapromoter.events;

import io.acapromoter.domain.RegistryEvent;

/** What one element of a delivered payload turned out to be. */
public sealed interface ParsedEvent {

    /** The Event Grid / CloudEvents id, or {@code "?"} when the element has none. */
    String eventId();

    /** A container registry event, read in full. */
    record Registry(RegistryEvent event) implements ParsedEvent {
        @Override
        public String eventId() {
            return event.eventId();
        }
    }

    /** A well-formed event of a type this function does not handle (e.g. storage or a subscription validation). */
    record Foreign(String eventId, String eventType) implements ParsedEvent {
    }

    /** Not a readable event: malformed JSON, missing fields, a bad digest… {@code problem} says which. */
    record Unreadable(String eventId, String problem) implements ParsedEvent {
    }
}
