package io.acapromoter.ports;

import java.util.Map;

/** A Container Apps job: no revisions, one template. */
public record Job(String resourceId, String name, Map<String, String> images) {

    public Job {
        images = Map.copyOf(images);
    }
}
