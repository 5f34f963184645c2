package io.acapromoter.local;

import io.acapromoter.approval.Response;
import io.acapromoter.local.server.LocalServer;
import io.acapromoter.local.sim.ContainerAppState;
import io.acapromoter.local.sim.TrafficBehavior;
import io.acapromoter.policy.ResourceIds;
import io.acapromoter.policy.Target;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /admin/inject?target=T&errorRate=R&latency=D[&revision=NAME]} on the local server (simulator only):
 * from now on the simulated users' requests to the target's newest revision (the canary, once a rollout started), or
 * to the named one, fail at {@code errorRate} (0-1) and take {@code latency} ({@code 900ms}, {@code 2s}). What
 * {@code bin/promoter inject} calls.
 */
public final class TrafficInjection {

    public static final String ROUTE = "/admin/inject";
    private static final Pattern LATENCY = Pattern.compile("(\\d{1,6})(ms|s)?");
    private static final Pattern RG = Pattern.compile("(?i)/resourceGroups/([^/]+)/");

    private TrafficInjection() {
    }

    public static LocalServer.Route route(LocalRuntime rt) {
        return r -> {
            if (!r.method().equals("POST")) {
                return new Response(405, Map.of("Content-Type", "text/plain", "Allow", "POST"), "POST only\n");
            }
            try {
                return LocalServer.text(200, inject(rt, r.query()) + "\n");
            } catch (IllegalArgumentException e) {
                return LocalServer.text(400, e.getMessage() + "\n");
            }
        };
    }

    static String inject(LocalRuntime rt, Map<String, String> query) {
        String name = Optional.ofNullable(query.get("target")).filter(t -> !t.isBlank())
                .orElseThrow(() -> new IllegalArgumentException("target is required (a target of the promotion file)"));
        Target target = rt.ports().file().target(name).orElseThrow(() -> new IllegalArgumentException("no target '" + name
                + "' in the promotion file; targets: " + rt.ports().file().targets().stream().map(Target::name).toList()));
        double errorRate = rate(query.getOrDefault("errorRate", "0"));
        Duration latency = latency(query.getOrDefault("latency", TrafficBehavior.HEALTHY_LATENCY.toMillis() + "ms"));
        Matcher rg = RG.matcher(target.productionResourceId());
        if (!rg.find()) {
            throw new IllegalArgumentException("target " + name + " names no resource group");
        }
        ContainerAppState app;
        try {
            app = rt.sim().containerApp(rg.group(1), ResourceIds.nameOf(target.productionResourceId()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("target " + name + " has no container app in the simulator (jobs serve no traffic)");
        }
        String revision = Optional.ofNullable(query.get("revision")).filter(v -> !v.isBlank()).orElse(app.latestRevisionName());
        if (app.revision(revision).isEmpty()) {
            throw new IllegalArgumentException("app " + app.name() + " has no revision '" + revision + "'");
        }
        rt.sim().injectTraffic(revision, errorRate, latency);
        return String.format(Locale.ROOT, "from %s, requests to %s (weight %d%%) fail at %.0f%% and take %d ms",
                rt.sim().clock().now(), revision, app.trafficByRevision().getOrDefault(revision, 0), errorRate * 100,
                latency.toMillis());
    }

    private static double rate(String text) {
        try {
            double rate = Double.parseDouble(text);
            if (rate >= 0 && rate <= 1) {
                return rate;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("errorRate must be a share between 0 and 1 (0.3 = 30%), got '" + text + "'");
    }

    private static Duration latency(String text) {
        Matcher m = LATENCY.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("latency must be milliseconds or seconds such as 900ms or 2s, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return "s".equals(m.group(2)) ? Duration.ofSeconds(n) : Duration.ofMillis(n);
    }
}
