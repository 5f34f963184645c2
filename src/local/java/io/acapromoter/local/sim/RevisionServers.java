package io.acapromoter.local.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acapromoter.local.sim.SimModel.App;
import io.acapromoter.local.sim.SimModel.Revision;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What active revisions serve and who reaches them: each active revision runs as an app of its
 * own in {@link RevisionApps}, answering as its image's {@link ImageBehavior} says (or with a
 * response set for a path), and ingress host names route to them by traffic weight or label.
 * Shares the container apps lock ({@code lock}); methods without it expect the caller to hold it.
 */
final class RevisionServers {
    private final Object lock;
    private final RevisionApps revisionApps;
    private final Collection<App> apps;
    private final Runnable refresh;
    private final Map<String, ImageBehavior> behaviors = new LinkedHashMap<>();
    private final Map<String, Map<String, SimResponse>> appResponses = new LinkedHashMap<>();

    /** {@code refresh} applies due changes to {@code apps} before a request is answered or routed. */
    RevisionServers(Object lock, RevisionApps revisionApps, Collection<App> apps, Runnable refresh) {
        this.lock = lock;
        this.revisionApps = revisionApps;
        this.apps = apps;
        this.refresh = refresh;
    }

    // ---------------------------------------------------------------- image behaviours

    void setBehavior(String imageKey, ImageBehavior behavior) {
        synchronized (lock) {
            behaviors.put(imageKey, behavior);
        }
    }

    void setAppResponse(String imageKey, String path, int status, String jsonBody) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status, got " + status);
        }
        Json.parse(jsonBody.getBytes(StandardCharsets.UTF_8));
        synchronized (lock) {
            appResponses.computeIfAbsent(imageKey, k -> new LinkedHashMap<>())
                    .put(path, new SimResponse(status, jsonBody.getBytes(StandardCharsets.UTF_8), "application/json; charset=utf-8"));
        }
    }

    ImageBehavior behaviorFor(String image) {
        synchronized (lock) {
            return behavior(image == null ? "" : image);
        }
    }

    /** The behaviour of the last key set that {@code image} contains; healthy when none. */
    ImageBehavior behavior(String image) {
        ImageBehavior found = ImageBehavior.healthy();
        for (Map.Entry<String, ImageBehavior> e : behaviors.entrySet()) {
            if (image != null && image.contains(e.getKey())) {
                found = e.getValue();
            }
        }
        return found;
    }

    // ---------------------------------------------------------------- revision apps

    void startServing(Revision r) {
        if (r.port == 0) {
            r.port = revisionApps.start((method, path) -> {
                SimResponse response = answer(r, path);
                sleep(behaviorFor(r.image()).latency());
                return response;
            });
        }
    }

    void stopServing(Revision r) {
        if (r.port != 0) {
            revisionApps.stop(r.port);
            r.port = 0;
        }
    }

    /** Outside the lock: a slow app must not hold up the rest of the simulator. */
    private static void sleep(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private SimResponse answer(Revision r, String path) {
        synchronized (lock) {
            refresh.run();
            ImageBehavior b = behavior(r.image());
            int status = r.healthState.equals("Unhealthy") ? 503 : b.httpStatus();
            if (status == 200) {
                for (Map.Entry<String, Map<String, SimResponse>> e : appResponses.entrySet()) {
                    SimResponse custom = r.image().contains(e.getKey()) ? e.getValue().get(path) : null;
                    if (custom != null) {
                        return custom;
                    }
                }
            }
            if (!path.equals("/") && !path.equals("/health") && !path.equals("/healthz")) {
                status = status == 200 ? 404 : status;
            }
            ObjectNode body = Json.object();
            body.put("app", r.app.name);
            body.put("revision", r.name);
            body.put("image", r.image());
            body.put("status", status == 200 ? "ok" : status == 404 ? "not found" : "error");
            return SimResponse.json(status, body).header("x-sim-revision", r.name);
        }
    }

    // ---------------------------------------------------------------- ingress routing

    /** The id of the revision app serving this host name in {@link RevisionApps}, or its not-found app's. */
    int portFor(String host) {
        synchronized (lock) {
            refresh.run();
            String h = host.toLowerCase(Locale.ROOT);
            for (App app : apps) {
                String domain = "." + app.environment.defaultDomain;
                if (!h.endsWith(domain) || app.ingress() == null) {
                    continue;
                }
                String sub = h.substring(0, h.length() - domain.length());
                Revision target = null;
                if (sub.equals(app.name)) {
                    target = pickByWeight(app);
                } else if (sub.startsWith(app.name + "---")) {
                    String label = sub.substring(app.name.length() + 3);
                    String rev = Traffic.labels(app).get(label);
                    target = rev == null ? null : app.revision(rev);
                } else if (sub.startsWith(app.name + "--")) {
                    target = app.revision(sub);
                }
                if (target != null && target.active && target.port != 0) {
                    return target.port;
                }
            }
            return revisionApps.notFoundPort();
        }
    }

    private static Revision pickByWeight(App app) {
        Map<String, Integer> weights = Traffic.weights(app);
        List<Revision> serving = new ArrayList<>();
        List<Integer> w = new ArrayList<>();
        for (Map.Entry<String, Integer> e : weights.entrySet()) {
            Revision r = app.revision(e.getKey());
            if (r != null && r.active && r.port != 0 && e.getValue() > 0) {
                serving.add(r);
                w.add(e.getValue());
            }
        }
        if (serving.isEmpty()) {
            return null;
        }
        int total = w.stream().mapToInt(Integer::intValue).sum();
        int pick = ThreadLocalRandom.current().nextInt(total);
        for (int i = 0; i < serving.size(); i++) {
            pick -= w.get(i);
            if (pick < 0) {
                return serving.get(i);
            }
        }
        return serving.get(serving.size() - 1);
    }
}
