package io.acapromoter.local.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * How a simulated revision (or job execution) running a given image behaves. Registered per image
 * digest (or any substring of the image reference) with {@link AzureSimulator#setImageBehavior}.
 *
 * @param provisioningFails the revision ends in provisioningState Failed; a job execution fails
 * @param unhealthy the revision provisions but never becomes healthy (Degraded/Unhealthy, HTTP 503)
 * @param httpStatus what {@code /} and {@code /health} answer once running (200 for a good image)
 * @param crashAfter after this much simulated time running the revision turns Unhealthy and restarts
 *                   every 30 simulated seconds (HTTP 503), or null for never
 * @param latency how long (wall-clock) the app takes to answer, for latency budgets and timeouts
 * @param neverActivates the revision provisions but its replicas never get ready: {@code Activating} with health
 *                       {@code None}, then {@code ActivationFailed} when the platform's ten-minute deadline passes
 *                       (its operation fails then with "Operation expired")
 * @param reportedState the running state a revision reports once provisioned (e.g. {@code Unknown},
 *                      {@code Processing}), or the status a job execution reports while it runs
 *                      (e.g. {@code Degraded}), instead of the usual {@code Running}; null for the usual
 * @param restartsAndRecovers its container keeps crashing and coming straight back, once every 30 simulated seconds from when
 *                   the simulator first sees a revision run it so: running and ready between crashes, the revision
 *                   stays {@code Healthy} and {@code Running}; only its replicas' restart counts tell
 */
public record ImageBehavior(boolean provisioningFails, boolean unhealthy, int httpStatus, Duration crashAfter, Duration latency,
                            boolean neverActivates, String reportedState, boolean restartsAndRecovers) {
    public static final Duration RESTART_INTERVAL = Duration.ofSeconds(30);

    public ImageBehavior {
        if (httpStatus < 100 || httpStatus > 599) {
            throw new IllegalArgumentException("httpStatus must be an HTTP status, got " + httpStatus);
        }
        if (latency == null || latency.isNegative()) {
            throw new IllegalArgumentException("latency must be zero or positive, got " + latency);
        }
        if (crashAfter != null && crashAfter.isNegative()) {
            throw new IllegalArgumentException("crashAfter must not be negative, got " + crashAfter);
        }
    }

    public ImageBehavior(boolean provisioningFails, boolean unhealthy, int httpStatus, Duration crashAfter, Duration latency) {
        this(provisioningFails, unhealthy, httpStatus, crashAfter, latency, false, null, false);
    }

    public static ImageBehavior healthy() {
        return new ImageBehavior(false, false, 200, null, Duration.ZERO);
    }

    /** Provisions, then stays {@code Activating} until Azure's deadline makes it {@code ActivationFailed}. */
    public static ImageBehavior stuckActivating() {
        return new ImageBehavior(false, false, 200, null, Duration.ZERO, true, null, false);
    }

    /** Healthy, but reports {@code state} as its running state (a revision) or its status while it runs (a job execution). */
    public static ImageBehavior reporting(String state) {
        return new ImageBehavior(false, false, 200, null, Duration.ZERO, false, Objects.requireNonNull(state, "state"), false);
    }

    /** Runs and is healthy as far as the platform knows, but the app answers 500. */
    public static ImageBehavior brokenHttp() {
        return new ImageBehavior(false, false, 500, null, Duration.ZERO);
    }

    public static ImageBehavior failsProvisioning() {
        return new ImageBehavior(true, false, 200, null, Duration.ZERO);
    }

    public static ImageBehavior neverHealthy() {
        return new ImageBehavior(false, true, 503, null, Duration.ZERO);
    }

    /**
     * Crashes and restarts every 30 simulated seconds from when a revision is first seen running it, back running and
     * ready at once: Azure's revision state stays {@code Healthy}, only the replicas' restart counts show the loop.
     */
    public static ImageBehavior restarting() {
        return new ImageBehavior(false, false, 200, null, Duration.ZERO, false, null, true);
    }

    /** Runs for {@code after}, then crash-loops: {@code Degraded}, {@code Unhealthy}, a container waiting in back-off, HTTP 503. */
    public static ImageBehavior crashesAfter(Duration after) {
        return new ImageBehavior(false, false, 200, Objects.requireNonNull(after, "after"), Duration.ZERO);
    }

    /** Healthy, but every answer takes {@code latency} of wall-clock time. */
    public static ImageBehavior slow(Duration latency) {
        return new ImageBehavior(false, false, 200, null, Objects.requireNonNull(latency, "latency"));
    }
}
