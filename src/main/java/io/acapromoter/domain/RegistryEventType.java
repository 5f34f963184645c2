package io.acapromoter.domain;

import java.util.Arrays;
import java.util.Optional;

/** The container registry events that Event Grid publishes. Only {@link #IMAGE_PUSHED} starts anything. */
public enum RegistryEventType {
    IMAGE_PUSHED("Microsoft.ContainerRegistry.ImagePushed"),
    IMAGE_DELETED("Microsoft.ContainerRegistry.ImageDeleted"),
    CHART_PUSHED("Microsoft.ContainerRegistry.ChartPushed"),
    CHART_DELETED("Microsoft.ContainerRegistry.ChartDeleted");

    private final String eventType;

    RegistryEventType(String eventType) {
        this.eventType = eventType;
    }

    public String eventType() {
        return eventType;
    }

    public static Optional<RegistryEventType> fromEventType(String eventType) {
        return Arrays.stream(values()).filter(t -> t.eventType.equalsIgnoreCase(eventType)).findFirst();
    }
}
