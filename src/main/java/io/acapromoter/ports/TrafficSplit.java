package io.acapromoter.ports;

import java.util.Optional;

/** One entry of a container app's traffic: a revision, its weight and an optional label. */
public record TrafficSplit(String revision, int weight, Optional<String> label) {

    public TrafficSplit {
        if (weight < 0 || weight > 100) {
            throw new IllegalArgumentException("traffic weight of " + revision + " must be 0-100, found " + weight);
        }
    }
}
