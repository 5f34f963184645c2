package io.acapromoter.ports;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One revision of a container app as Azure reports it.
 *
 * @param name         revision name ({@code <app>--<suffix>})
 * @param provisioning provisioning state
 * @param running      running state as Azure names it (e.g. {@code Running}, {@code Stopped}, {@code Failed}, {@code Degraded})
 * @param health       health state
 * @param active       whether the revision is active (can serve traffic)
 * @param trafficWeight the share of traffic it takes now
 * @param restarts     replica restarts summed over its replicas
 * @param images       image per container name
 * @param createdAt    creation time
 * @param fqdn         the revision's own host name, if it has ingress
 */
public record Revision(String name, Provisioning provisioning, String running, Health health, boolean active,
                       int trafficWeight, int restarts, Map<String, String> images, Instant createdAt,
                       Optional<String> fqdn) {

    public Revision {
        images = Map.copyOf(images);
    }

    /** Provisioned, running and healthy: ready to take traffic. */
    public boolean isReady() {
        return provisioning == Provisioning.PROVISIONED && health == Health.HEALTHY
                && "Running".equalsIgnoreCase(running);
    }

    public enum Provisioning {
        PROVISIONING, PROVISIONED, FAILED, DEPROVISIONING, DEPROVISIONED
    }

    public enum Health {
        HEALTHY, UNHEALTHY, NONE
    }
}
