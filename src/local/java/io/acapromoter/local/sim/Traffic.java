package io.acapromoter.local.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acapromoter.local.sim.SimModel.App;
import io.acapromoter.local.sim.SimModel.Revision;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An app's ingress traffic: which revision each weight and label points at (in single mode, the
 * serving revision takes it all), and the checks Azure makes on a new traffic list. Callers hold
 * the container apps lock.
 */
final class Traffic {
    private Traffic() {
    }

    /** The app's traffic list; with ingress but no list, all to the latest revision, as Azure answers. */
    static ArrayNode entries(App app) {
        JsonNode ingress = app.ingress();
        if (ingress == null) {
            return Json.array();
        }
        JsonNode t = ingress.get("traffic");
        if (t == null || !t.isArray() || t.isEmpty()) {
            ArrayNode d = Json.array();
            d.addObject().put("weight", 100).put("latestRevision", true);
            return d;
        }
        return (ArrayNode) t;
    }

    /** Weight per revision name. */
    static Map<String, Integer> weights(App app) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (app.singleMode()) {
            Revision serving = servingInSingleMode(app);
            if (serving != null && app.ingress() != null) {
                out.put(serving.name, 100);
            }
            return out;
        }
        for (JsonNode t : entries(app)) {
            String rev = t.path("latestRevision").asBoolean(false) ? latestStable(app) : Json.text(t, "revisionName");
            if (rev != null) {
                out.merge(rev, t.path("weight").asInt(0), Integer::sum);
            }
        }
        return out;
    }

    /** In single mode the old revision keeps serving until its successor is provisioned. */
    static Revision servingInSingleMode(App app) {
        Revision best = null;
        for (Revision r : app.revisions) {
            if (r.active && r.provisioningState.equals("Provisioned")) {
                best = r;
            }
        }
        return best;
    }

    /** Revision name per (lower-case) label. */
    static Map<String, String> labels(App app) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode t : entries(app)) {
            String label = Json.text(t, "label");
            if (label != null) {
                out.put(label.toLowerCase(Locale.ROOT), t.path("latestRevision").asBoolean(false) ? latestStable(app) : Json.text(t, "revisionName"));
            }
        }
        return out;
    }

    /** What {@code latestRevision: true} in traffic means: the newest revision that is ready, else the newest. */
    static String latestStable(App app) {
        String ready = latestReady(app);
        return ready != null ? ready : app.latestRevisionName;
    }

    static String latestReady(App app) {
        String ready = null;
        for (Revision r : app.revisions) {
            if (r.provisioningState.equals("Provisioned")) {
                ready = r.name;
            }
        }
        return ready;
    }

    /** Rejects a traffic list Azure would reject, with a 400 naming what is wrong. */
    static void validate(App app, ObjectNode configuration, String newRevision) {
        JsonNode ingress = configuration.get("ingress");
        if (ingress == null || ingress.isNull()) {
            return;
        }
        JsonNode traffic = ingress.get("traffic");
        if (traffic == null || !traffic.isArray() || traffic.isEmpty()) {
            return;
        }
        Set<String> known = new HashSet<>();
        app.revisions.forEach(r -> known.add(r.name.toLowerCase(Locale.ROOT)));
        if (newRevision != null) {
            known.add(newRevision.toLowerCase(Locale.ROOT));
        }
        int sum = 0;
        Set<String> labels = new HashSet<>();
        boolean single = "single".equalsIgnoreCase(Json.text(configuration, "activeRevisionsMode"));
        String latest = newRevision != null ? newRevision : app.latestRevisionName;
        for (JsonNode t : traffic) {
            int weight = t.path("weight").asInt(0);
            if (weight < 0 || weight > 100) {
                throw ArmException.badRequest("ContainerAppInvalidTrafficWeight", "Traffic weight " + weight + " must be between 0 and 100.");
            }
            sum += weight;
            boolean latestRevision = t.path("latestRevision").asBoolean(false);
            String rev = Json.text(t, "revisionName");
            if (latestRevision && rev != null) {
                throw ArmException.badRequest("ContainerAppInvalidTrafficWeight",
                        "A traffic weight cannot set both revisionName '" + rev + "' and latestRevision.");
            }
            if (!latestRevision && rev == null) {
                throw ArmException.badRequest("ContainerAppInvalidTrafficWeight", "A traffic weight must name a revision or set latestRevision.");
            }
            if (rev != null && !known.contains(rev.toLowerCase(Locale.ROOT))) {
                throw ArmException.badRequest("ContainerAppRevisionNotFound",
                        "Revision '" + rev + "' of container app '" + app.name + "' named in traffic does not exist.");
            }
            if (rev != null && weight > 0 && !rev.equalsIgnoreCase(latest)) {
                Revision r = app.revision(rev);
                if (r != null && !r.active) {
                    throw ArmException.badRequest("ContainerAppRevisionNotActive",
                            "Revision '" + rev + "' is not active and cannot receive traffic. Activate it first.");
                }
                if (single) {
                    throw ArmException.badRequest("ContainerAppInvalidTrafficWeight",
                            "In single revision mode only the latest revision can receive traffic, not '" + rev + "'.");
                }
            }
            String label = Json.text(t, "label");
            if (label != null && !labels.add(label.toLowerCase(Locale.ROOT))) {
                throw ArmException.badRequest("ContainerAppDuplicateTrafficLabel", "Traffic label '" + label + "' is used more than once.");
            }
        }
        if (sum != 100) {
            throw ArmException.badRequest("ContainerAppInvalidTrafficWeight",
                    "The sum of traffic weights must be 100, got " + sum + ".");
        }
    }
}
