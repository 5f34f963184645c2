package io.acapromoter.local;

import io.acapromoter.local.sim.AzureSimulator;
import io.acapromoter.local.sim.ContainerAppSpec;
import io.acapromoter.local.sim.PushedImage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo world of {@code bin/promoter local} and of the end-to-end tests: registry
 * {@code demo.azurecr.io}, one environment, and one target of each kind (blue-green app, canary
 * app, single-revision worker with a staging app, job with a staging job), all running a first
 * image. For each target a newer image is pushed without delivering its event, so the event can
 * be posted by hand ({@link #sampleEvents}); a sample Defender finding names the web app's
 * production digest.
 */
public final class DemoWorld {

    public static final String RESOURCE_GROUP = "demo-rg";
    public static final String REGISTRY = "demoacr";
    public static final String REGISTRY_HOST = "demoacr.azurecr.io";
    public static final String ENVIRONMENT = "demo-env";
    public static final String REBUILD_TASK = "patch-shop-web";
    /** The Application Insights resource every demo app reports its requests to. */
    public static final String APPLICATION_INSIGHTS = "demo-insights";
    /** The canary judged on traffic gets enough users for a 10 s check at 20% (600/min: 20 requests). */
    static final double CHECKOUT_REQUESTS_PER_MINUTE = 600;

    private final Map<String, String> sampleEvents;
    private final Map<String, String> productionImages;
    private final String sampleFinding;

    private DemoWorld(Map<String, String> sampleEvents, Map<String, String> productionImages, String sampleFinding) {
        this.sampleEvents = Map.copyOf(sampleEvents);
        this.productionImages = Map.copyOf(productionImages);
        this.sampleFinding = sampleFinding;
    }

    /** The demo promotion file (a classpath resource). */
    public static String demoConfig() {
        return resource("/local/demo-promotion.yaml");
    }

    /**
     * Creates the world in {@code sim}. {@code captured} must collect the push events the sim emits
     * while this runs (the caller's listener holds them back), keyed by nothing: the last event
     * of each candidate push is taken from it.
     */
    static DemoWorld create(AzureSimulator sim, PushCapture capture) {
        sim.createRegistry(RESOURCE_GROUP, REGISTRY);
        sim.createEnvironment(RESOURCE_GROUP, ENVIRONMENT);
        Map<String, String> production = new LinkedHashMap<>();
        production.put("shop-web", app(sim, "shop-web", "web", "shop/web", "v1.0.0", true));
        production.put("shop-api", app(sim, "shop-api", "api", "shop/api", "v2.0.0", true));
        production.put("shop-checkout", app(sim, "shop-checkout", "checkout", "shop/checkout", "v4.0.0", true));
        sim.setRequestsPerMinute(RESOURCE_GROUP, "shop-checkout", CHECKOUT_REQUESTS_PER_MINUTE);
        sim.createApplicationInsights(RESOURCE_GROUP, APPLICATION_INSIGHTS);
        production.put("shop-worker", app(sim, "shop-worker", "worker", "shop/worker", "v3.0.0", false));
        app(sim, "shop-worker-staging", "worker", "shop/worker", "v3.0.0", false);
        production.put("nightly-report", job(sim, "nightly-report", "report", "reports/nightly", "2026.11.01"));
        job(sim, "nightly-report-staging", "report", "reports/nightly", "2026.11.01");
        sim.registerTask(REGISTRY, REBUILD_TASK, "shop/web", "v1.0.1");

        Map<String, String> events = new LinkedHashMap<>();
        events.put("shop-web", candidate(sim, capture, "shop/web", "v1.1.0"));
        events.put("shop-api", candidate(sim, capture, "shop/api", "v2.1.0"));
        events.put("shop-checkout", candidate(sim, capture, "shop/checkout", "v4.1.0"));
        events.put("shop-worker", candidate(sim, capture, "shop/worker", "v3.1.0"));
        events.put("nightly-report", candidate(sim, capture, "reports/nightly", "2026.11.24"));
        String webDigest = production.get("shop-web").substring(production.get("shop-web").indexOf('@') + 1);
        String finding = resource("/local/sample-finding.json")
                .replace("{{SUFFIX}}", webDigest.substring(7, 19))
                .replace("{{NOW}}", sim.clock().now().toString())
                .replace("{{REGISTRY}}", REGISTRY_HOST)
                .replace("{{REPOSITORY}}", "shop/web")
                .replace("{{DIGEST}}", webDigest);
        return new DemoWorld(events, production, finding);
    }

    private static String app(AzureSimulator sim, String name, String container, String repository, String tag,
                              boolean multiple) {
        PushedImage image = sim.pushImage(REGISTRY, repository, tag);
        ContainerAppSpec spec = ContainerAppSpec.of(RESOURCE_GROUP, name, ENVIRONMENT, image.reference())
                .withContainerName(container).withRevisionSuffix("initial");
        sim.createContainerApp(multiple ? spec : spec.singleRevision());
        return image.reference();
    }

    private static String job(AzureSimulator sim, String name, String container, String repository, String tag) {
        PushedImage image = sim.pushImage(REGISTRY, repository, tag);
        sim.createJob(RESOURCE_GROUP, name, ENVIRONMENT, container, image.reference());
        return image.reference();
    }

    private static String candidate(AzureSimulator sim, PushCapture capture, String repository, String tag) {
        capture.clear();
        sim.pushImage(REGISTRY, repository, tag);
        return capture.last();
    }

    /** Event Grid push events, one per target, to post by hand. */
    public Map<String, String> sampleEvents() {
        return sampleEvents;
    }

    /** The image each target runs in production at the start. */
    public Map<String, String> productionImages() {
        return productionImages;
    }

    /** A Defender sub-assessment (Event Grid event of the findings topic) on the web app's production digest. */
    public String sampleFinding() {
        return sampleFinding;
    }

    static String resource(String name) {
        try (InputStream in = DemoWorld.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Holds back the push events emitted while the world is being set up. */
    interface PushCapture {
        void clear();

        String last();
    }

}
