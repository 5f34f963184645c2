package io.acapromoter.ports;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One revision of a container app as Azure reports it.
 *
 * @param name         revision name ({@code <app>--<suffix>})
 * @param provisioning provisioning state
 * @param running      running state as Azure names it; Azure reports more states than its API spec lists
 *                     ({@code RunningAtMaxScale}, {@code ActivationFailed}, {@code Activating}, {@code ScaledToZero}…)
 * @param health       health state
 * @param active       whether the revision is active (can serve traffic)
 * @param trafficWeight the share of traffic it takes now
 * @param replicas     how many replicas run it now (0 when inactive or scaled to zero)
 * @param images       image per container name
 * @param createdAt    creation time
 * @param fqdn         the revision's own host name, if it has ingress
 * @param error        why it failed, when Azure says ({@code provisioningError})
 */
public record Revision(String name, Provisioning provisioning, String running, Health health, boolean active,
                       int trafficWeight, int replicas, Map<String, String> images, Instant createdAt,
                       Optional<String> fqdn, Optional<String> error) {

    /** Running states of a revision that serves: min = max replicas reports {@code RunningAtMaxScale}. */
    private static final Set<String> SERVING = Set.of("running", "runningatmaxscale", "scaledtozero");
    /** Running states that will not get better by waiting. */
    private static final Set<String> BROKEN = Set.of("failed", "activationfailed", "degraded");

    public Revision {
        images = Map.copyOf(images);
        running = running == null || running.isBlank() ? "Unknown" : running;
        error = error == null ? Optional.empty() : error.filter(e -> !e.isBlank());
    }

    /** Where a revision stands on its way to serving traffic. */
    public enum Readiness {
        /** Provisioned, running (or scaled to zero, ready to scale up) and not unhealthy. */
        READY,
        /** Still provisioning, activating, processing, or in a state Azure has not settled ({@code Unknown}). */
        WAITING,
        /** Failed to provision, failed to activate, failed or degraded: waiting will not help. */
        FAILED
    }

    public Readiness readiness() {
        String state = running.toLowerCase(Locale.ROOT);
        if (provisioning == Provisioning.FAILED || BROKEN.contains(state)) {
            return Readiness.FAILED;
        }
        if (provisioning == Provisioning.PROVISIONED && SERVING.contains(state)
                && (health == Health.HEALTHY || state.equals("scaledtozero") && health != Health.UNHEALTHY)) {
            return Readiness.READY;
        }
        return Readiness.WAITING;
    }

    /** Provisioned, running and healthy: ready to take traffic. */
    public boolean isReady() {
        return readiness() == Readiness.READY;
    }

    /** The state in a sentence, with Azure's reason when it gave one. */
    public String describe() {
        return "revision " + name + ": provisioning " + provisioning + ", running " + running + ", health " + health
                + error.map(e -> " (" + e + ")").orElse("");
    }

    public enum Provisioning {
        PROVISIONING, PROVISIONED, FAILED, DEPROVISIONING, DEPROVISIONED, UNKNOWN;

        /** Azure's name of the state; names this code does not know read as {@link #UNKNOWN}. */
        public static Provisioning parse(String value) {
            return parseEnum(Provisioning.class, value, PROVISIONING, UNKNOWN);
        }
    }

    public enum Health {
        HEALTHY, UNHEALTHY, NONE;

        public static Health parse(String value) {
            return parseEnum(Health.class, value, NONE, NONE);
        }
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, E absent, E unknown) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return unknown;
        }
    }
}
