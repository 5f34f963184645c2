package io.acapromoter.local.sim;

import static io.acapromoter.local.sim.RegistryStore.DOCKER_LIST;
import static io.acapromoter.local.sim.RegistryStore.DOCKER_MANIFEST;
import static io.acapromoter.local.sim.RegistryStore.OCI_INDEX;
import static io.acapromoter.local.sim.RegistryStore.OCI_MANIFEST;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acapromoter.local.sim.RegistryModel.Manifest;
import io.acapromoter.local.sim.RegistryModel.Registry;
import io.acapromoter.local.sim.RegistryModel.Repository;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Images in the registry's repositories: pushed by the set-up API (single images and multi-arch
 * indexes) or by OCI clients ({@code PUT /v2/.../manifests}), read back by tag or digest, listed in
 * the catalog and tag list. Every push sends its ImagePushed event.
 */
final class Manifests {
    private static final List<String> MEDIA_TYPES = List.of(OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_LIST);

    private final RegistryStore store;
    private final RegistryTokens tokens;

    Manifests(RegistryStore store, RegistryTokens tokens) {
        this.store = store;
        this.tokens = tokens;
    }

    // ---------------------------------------------------------------- Java API

    PushedImage pushImage(String registry, String repository, String tag, String givenDigest) {
        PushedImage pushed;
        String event;
        synchronized (store) {
            Registry reg = store.requireRegistry(registry);
            Manifest m = store.imageManifest(DOCKER_MANIFEST, null);
            if (givenDigest != null) {
                if (!givenDigest.matches("sha256:[0-9a-f]{64}")) {
                    throw new IllegalArgumentException("digest must be sha256:<64 lower-case hex>, got " + givenDigest);
                }
                m.digest = givenDigest;
            }
            pushed = store.store(reg, repository, tag, m);
            event = store.pushEvent(reg, pushed, m.body.length);
        }
        store.publish(event);
        return pushed;
    }

    PushedImage pushImageIndex(String registry, String repository, String tag) {
        List<String> events = new ArrayList<>();
        PushedImage pushed;
        synchronized (store) {
            Registry reg = store.requireRegistry(registry);
            ObjectNode index = Json.object();
            index.put("schemaVersion", 2);
            index.put("mediaType", OCI_INDEX);
            ArrayNode manifests = index.putArray("manifests");
            List<String> children = new ArrayList<>();
            for (String arch : List.of("amd64", "arm64")) {
                Manifest child = store.imageManifest(OCI_MANIFEST, null);
                PushedImage c = store.store(reg, repository, null, child);
                events.add(store.pushEvent(reg, c, child.body.length));
                children.add(c.digest());
                ObjectNode d = manifests.addObject();
                d.put("mediaType", OCI_MANIFEST);
                d.put("digest", c.digest());
                d.put("size", child.body.length);
                d.putObject("platform").put("architecture", arch).put("os", "linux");
            }
            Manifest m = new Manifest();
            m.mediaType = OCI_INDEX;
            m.body = Json.bytes(index);
            m.digest = RegistryStore.sha256(m.body);
            m.children.addAll(children);
            pushed = store.store(reg, repository, tag, m);
            events.add(store.pushEvent(reg, pushed, m.body.length));
        }
        events.forEach(store::publish);
        return pushed;
    }

    // ---------------------------------------------------------------- data plane

    SimResponse catalog(SimRequest req) {
        return tokens.authorized(req, "registry:catalog:*", reg -> {
            ObjectNode body = Json.object();
            ArrayNode repos = body.putArray("repositories");
            reg.repositories.keySet().forEach(repos::add);
            return SimResponse.json(200, body);
        });
    }

    SimResponse getManifest(SimRequest req) {
        String repoName = req.param("repo");
        return tokens.authorized(req, "repository:" + repoName + ":pull", reg -> {
            Manifest m = resolve(reg, repoName, req.param("ref"));
            SimResponse r = new SimResponse(200, req.method.equals("HEAD") ? null : m.body, null);
            r.header("Content-Type", m.mediaType);
            r.header("Docker-Content-Digest", m.digest);
            if (req.method.equals("HEAD")) {
                r.header("Content-Length", Integer.toString(m.body.length));
            }
            return r;
        });
    }

    SimResponse tagList(SimRequest req) {
        String repoName = req.param("repo");
        return tokens.authorized(req, "repository:" + repoName + ":pull", reg -> {
            ObjectNode body = Json.object();
            body.put("name", repoName);
            ArrayNode tags = body.putArray("tags");
            RegistryStore.requireRepository(reg, repoName).tags.keySet().forEach(tags::add);
            return SimResponse.json(200, body);
        });
    }

    /**
     * Takes a manifest pushed by an OCI client: every blob and child manifest it names must be in
     * the registry, a digest reference must match the bytes. Stores it (tagged when the reference is
     * a tag) and sends the ImagePushed event, as ACR does for every manifest push.
     */
    SimResponse putManifest(SimRequest req) {
        String repoName = req.param("repo");
        String[] event = new String[1];
        SimResponse response = tokens.authorized(req, "repository:" + repoName + ":pull,push", reg -> {
            JsonNode body;
            try {
                body = Json.parse(req.body);
            } catch (RuntimeException e) {
                throw new DataPlaneException(400, "MANIFEST_INVALID", "manifest invalid: not JSON");
            }
            String contentType = Optional.ofNullable(req.header("Content-Type")).map(t -> t.split(";")[0].trim()).orElse("");
            String mediaType = MEDIA_TYPES.contains(contentType) ? contentType : Json.text(body, "mediaType");
            if (mediaType == null || !MEDIA_TYPES.contains(mediaType)) {
                throw new DataPlaneException(400, "MANIFEST_INVALID", "manifest invalid: unsupported media type " + contentType);
            }
            Manifest m = new Manifest();
            m.mediaType = mediaType;
            m.body = req.body;
            m.digest = RegistryStore.sha256(req.body);
            Repository repo = reg.repositories.get(repoName);
            boolean index = mediaType.equals(OCI_INDEX) || mediaType.equals(DOCKER_LIST);
            if (index) {
                for (JsonNode child : body.path("manifests")) {
                    String digest = child.path("digest").asText();
                    if (repo == null || !repo.manifests.containsKey(digest)) {
                        throw new DataPlaneException(400, "MANIFEST_BLOB_UNKNOWN", "manifest " + digest + " is not in " + repoName);
                    }
                    m.children.add(digest);
                }
            } else {
                List<JsonNode> blobs = new ArrayList<>();
                blobs.add(body.path("config"));
                body.path("layers").forEach(blobs::add);
                for (JsonNode blob : blobs) {
                    String digest = blob.path("digest").asText();
                    if (!reg.blobs.containsKey(digest)) {
                        throw new DataPlaneException(400, "MANIFEST_BLOB_UNKNOWN", "blob unknown to registry: " + digest);
                    }
                }
                String configType = body.path("config").path("mediaType").asText("");
                m.artifactType = Json.text(body, "artifactType") != null ? Json.text(body, "artifactType")
                        : configType.isEmpty() || configType.endsWith(".image.config.v1+json") || configType.endsWith("container.image.v1+json")
                        ? null : configType;
            }
            if (body.path("subject").hasNonNull("digest")) {
                m.subjectDigest = body.path("subject").path("digest").asText();
            }
            body.path("annotations").fields().forEachRemaining(a -> m.annotations.put(a.getKey(), a.getValue().asText()));
            String ref = req.param("ref");
            if (ref.startsWith("sha256:") && !ref.equals(m.digest)) {
                throw new DataPlaneException(400, "DIGEST_INVALID", "provided digest did not match uploaded content");
            }
            PushedImage pushed = store.store(reg, repoName, ref.startsWith("sha256:") ? null : ref, m);
            event[0] = store.pushEvent(reg, pushed, req.body.length);
            SimResponse r = SimResponse.empty(201);
            r.header("Location", "/v2/" + repoName + "/manifests/" + pushed.digest());
            r.header("Docker-Content-Digest", pushed.digest());
            r.header("Docker-Distribution-Api-Version", "registry/2.0");
            return r;
        });
        if (event[0] != null) {
            store.publish(event[0]);
        }
        return response;
    }

    private static Manifest resolve(Registry reg, String repoName, String reference) {
        Repository repo = RegistryStore.requireRepository(reg, repoName);
        String digest = reference.startsWith("sha256:") ? reference : repo.tags.get(reference);
        Manifest m = digest == null ? null : repo.manifests.get(digest);
        if (m == null) {
            throw new DataPlaneException(404, "MANIFEST_UNKNOWN", "manifest " + reference + " is not found");
        }
        return m;
    }
}
