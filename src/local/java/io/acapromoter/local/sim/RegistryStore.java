package io.acapromoter.local.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acapromoter.local.sim.RegistryModel.Manifest;
import io.acapromoter.local.sim.RegistryModel.Registry;
import io.acapromoter.local.sim.RegistryModel.Repository;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The simulated registries and what they hold (repositories, tags, manifests), and the Event Grid
 * ImagePushed events a push sends. This object is the one lock of the registry simulation: every
 * part of it (ACR Tasks, tokens, manifests, blobs, referrers) reads and writes the
 * {@link RegistryModel} only while holding it, and publishes events after letting it go.
 */
final class RegistryStore {
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    static final String NOTATION_SIGNATURE = "application/vnd.cncf.notary.signature";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger LOG = Logger.getLogger(RegistryStore.class.getName());

    final SimClock clock;
    private final AzureSimulator.Settings settings;
    private final Map<String, Registry> registries = new LinkedHashMap<>();
    private final List<Consumer<String>> pushListeners = new CopyOnWriteArrayList<>();

    RegistryStore(SimClock clock, AzureSimulator.Settings settings) {
        this.clock = clock;
        this.settings = settings;
    }

    synchronized String createRegistry(String subscriptionId, String resourceGroup, String name, String location) {
        if (!name.matches("[a-zA-Z0-9]{5,50}")) {
            throw new IllegalArgumentException("registry name must be 5-50 letters or digits: " + name);
        }
        Registry r = new Registry();
        r.subscriptionId = subscriptionId;
        r.resourceGroup = resourceGroup;
        r.name = name;
        r.location = location;
        r.loginServer = name.toLowerCase(Locale.ROOT) + SimTls.REGISTRY_SUFFIX;
        r.created = clock.now();
        registries.put(name.toLowerCase(Locale.ROOT), r);
        return r.loginServer;
    }

    /** Every registry, for the caller to walk while it holds this store's lock. */
    Iterable<Registry> all() {
        return registries.values();
    }

    synchronized Optional<String> digestForTag(String registry, String repository, String tag) {
        Repository repo = requireRegistry(registry).repositories.get(repository);
        return Optional.ofNullable(repo == null ? null : repo.tags.get(tag));
    }

    synchronized Optional<String> resourceGroupOf(String registry) {
        Registry reg = registries.get(registry.toLowerCase(Locale.ROOT));
        return Optional.ofNullable(reg == null ? null : reg.resourceGroup);
    }

    /** The registry by name or login server (set-up API: an unknown one is the caller's mistake). */
    Registry requireRegistry(String name) {
        Registry reg = registries.get(name.toLowerCase(Locale.ROOT).replace(SimTls.REGISTRY_SUFFIX, ""));
        if (reg == null) {
            throw new IllegalArgumentException("no simulated registry named " + name);
        }
        return reg;
    }

    /** The registry an ARM request names, or ARM's 404 when it is not in that subscription and group. */
    Registry armRegistry(SimRequest req) {
        Registry reg = registries.get(req.param("reg").toLowerCase(Locale.ROOT));
        if (reg == null || !reg.subscriptionId.equalsIgnoreCase(req.param("sub")) || !reg.resourceGroup.equalsIgnoreCase(req.param("rg"))) {
            throw ArmException.notFound("Microsoft.ContainerRegistry/registries", req.param("reg"));
        }
        return reg;
    }

    /** The registry a data-plane request reached by host name; with a single registry, that one. */
    synchronized Registry registryForHost(SimRequest req) {
        String host = req.hostName();
        for (Registry r : registries.values()) {
            if (r.loginServer.equals(host)) {
                return r;
            }
        }
        if (registries.size() == 1) {
            return registries.values().iterator().next();
        }
        throw new DataPlaneException(404, "NAME_UNKNOWN", "registry for host " + host + " is not known");
    }

    /** The repository a data-plane request names, or the registry's NAME_UNKNOWN. */
    static Repository requireRepository(Registry reg, String name) {
        Repository repo = reg.repositories.get(name);
        if (repo == null) {
            throw new DataPlaneException(404, "NAME_UNKNOWN", "repository name not known to registry");
        }
        return repo;
    }

    // ---------------------------------------------------------------- manifests

    /** A new image manifest with a config and two layers that no blob backs. */
    Manifest imageManifest(String mediaType, String artifactType) {
        ObjectNode body = Json.object();
        body.put("schemaVersion", 2);
        body.put("mediaType", mediaType);
        ObjectNode config = body.putObject("config");
        config.put("mediaType", mediaType.equals(OCI_MANIFEST) ? "application/vnd.oci.image.config.v1+json"
                : "application/vnd.docker.container.image.v1+json");
        config.put("size", 1472);
        config.put("digest", randomDigest());
        ArrayNode layers = body.putArray("layers");
        for (int i = 0; i < 2; i++) {
            ObjectNode layer = layers.addObject();
            layer.put("mediaType", mediaType.equals(OCI_MANIFEST) ? "application/vnd.oci.image.layer.v1.tar+gzip"
                    : "application/vnd.docker.image.rootfs.diff.tar.gzip");
            layer.put("size", 3_000_000 + RANDOM.nextInt(1_000_000));
            layer.put("digest", randomDigest());
        }
        Manifest m = new Manifest();
        m.mediaType = mediaType;
        m.artifactType = artifactType;
        m.body = Json.bytes(body);
        m.digest = sha256(m.body);
        return m;
    }

    /** Stores {@code m} in the repository (made on first use), moving {@code tag} to it when given. */
    PushedImage store(Registry reg, String repository, String tag, Manifest m) {
        if (!repository.matches("[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*")) {
            throw new IllegalArgumentException("invalid repository name: " + repository);
        }
        Repository repo = reg.repositories.computeIfAbsent(repository, n -> {
            Repository r = new Repository();
            r.name = n;
            return r;
        });
        m.created = clock.now();
        Manifest existing = repo.manifests.putIfAbsent(m.digest, m);
        Manifest stored = existing != null ? existing : m;
        if (tag != null) {
            String previous = repo.tags.put(tag, stored.digest);
            if (previous != null && repo.manifests.containsKey(previous)) {
                repo.manifests.get(previous).tags.remove(tag);
            }
            if (!stored.tags.contains(tag)) {
                stored.tags.add(tag);
            }
        }
        return new PushedImage(reg.loginServer, repository, tag, stored.digest, stored.mediaType);
    }

    // ---------------------------------------------------------------- push events

    void onPush(Consumer<String> listener) {
        pushListeners.add(listener);
    }

    /** The Event Grid ImagePushed event for a push, to {@link #publish} once the lock is let go. */
    String pushEvent(Registry reg, PushedImage pushed, int size) {
        String now = Json.time(clock.now());
        ObjectNode event = Json.object();
        event.put("id", UUID.randomUUID().toString());
        event.put("topic", reg.id());
        event.put("subject", pushed.repository() + (pushed.tag() != null ? ":" + pushed.tag() : "@" + pushed.digest()));
        event.put("eventType", "Microsoft.ContainerRegistry.ImagePushed");
        event.put("eventTime", now);
        ObjectNode data = event.putObject("data");
        data.put("id", UUID.randomUUID().toString());
        data.put("timestamp", now);
        data.put("action", "push");
        ObjectNode target = data.putObject("target");
        target.put("mediaType", pushed.mediaType());
        target.put("size", size);
        target.put("digest", pushed.digest());
        target.put("length", size);
        target.put("repository", pushed.repository());
        if (pushed.tag() != null) {
            target.put("tag", pushed.tag());
        }
        ObjectNode request = data.putObject("request");
        request.put("id", UUID.randomUUID().toString());
        request.put("host", reg.loginServer);
        request.put("method", "PUT");
        request.put("useragent", "docker/27.3.1 go/go1.22.7 git-commit/41ca978 kernel/6.8.0 os/linux arch/amd64");
        data.putObject("actor").put("name", settings.pusher);
        data.putObject("source");
        event.put("dataVersion", "1.0");
        event.put("metadataVersion", "1");
        return Json.MAPPER.valueToTree(event).toString();
    }

    void publish(String event) {
        for (Consumer<String> l : pushListeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                // A failing subscriber must not fail the push (or the ARM request that caused it), as with Event Grid.
                LOG.log(Level.WARNING, "an ImagePushed listener failed", e);
            }
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:" + java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String randomDigest() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return "sha256:" + java.util.HexFormat.of().formatHex(b);
    }
}
