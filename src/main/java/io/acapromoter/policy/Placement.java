package io.acapromoter.policy;

import java.util.Objects;

/**
 * One place an image digest runs now: the production or the staging side of a target.
 *
 * @param target target name
 * @param place  production or staging
 */
public record Placement(String target, Place place) {

    public enum Place { PRODUCTION, STAGING }

    public Placement {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(place, "place");
    }

    @Override
    public String toString() {
        return target + " " + place.name().toLowerCase(java.util.Locale.ROOT);
    }
}
