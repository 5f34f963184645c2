package io.acapromoter.local.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acapromoter.local.sim.RegistryModel.Manifest;
import io.acapromoter.local.sim.RegistryModel.Registry;
import io.acapromoter.local.sim.RegistryModel.Repository;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Artifacts that refer to an image: Notation signatures attached to it, found through the OCI
 * referrers API or, where a registry does not serve it, the {@code sha256-<hex>} referrers tag.
 */
final class Referrers {
    private final RegistryStore store;
    private final RegistryTokens tokens;

    Referrers(RegistryStore store, RegistryTokens tokens) {
        this.store = store;
        this.tokens = tokens;
    }

    /**
     * Attaches a Notation signature manifest whose layer is {@code envelope} (stored as a blob), as
     * {@code notation sign} does; a null envelope makes a layer that names a blob nobody uploaded.
     */
    PushedImage pushSignature(String registry, String repository, String subjectDigest, byte[] envelope, String mediaType) {
        PushedImage pushed;
        String event;
        synchronized (store) {
            Registry reg = store.requireRegistry(registry);
            Repository repo = reg.repositories.get(repository);
            Manifest subject = repo == null ? null : repo.manifests.get(subjectDigest);
            if (subject == null) {
                throw new IllegalArgumentException("no manifest " + subjectDigest + " in " + reg.loginServer + "/" + repository + " to sign");
            }
            ObjectNode body = Json.object();
            body.put("schemaVersion", 2);
            body.put("mediaType", RegistryStore.OCI_MANIFEST);
            body.put("artifactType", RegistryStore.NOTATION_SIGNATURE);
            ObjectNode config = body.putObject("config");
            config.put("mediaType", "application/vnd.oci.empty.v1+json");
            config.put("digest", "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
            config.put("size", 2);
            ObjectNode layer = body.putArray("layers").addObject();
            layer.put("mediaType", mediaType);
            layer.put("digest", envelope == null ? RegistryStore.randomDigest() : RegistryStore.sha256(envelope));
            layer.put("size", envelope == null ? 2048 : envelope.length);
            if (envelope != null) {
                reg.blobs.put(RegistryStore.sha256(envelope), envelope.clone());
            }
            ObjectNode subjectDescriptor = body.putObject("subject");
            subjectDescriptor.put("mediaType", subject.mediaType);
            subjectDescriptor.put("digest", subject.digest);
            subjectDescriptor.put("size", subject.body.length);
            ObjectNode annotations = body.putObject("annotations");
            annotations.put("io.cncf.notary.x509chain.thumbprint#S256", "[\"" + RegistryStore.randomDigest().substring(7) + "\"]");
            annotations.put("org.opencontainers.image.created", Json.time(store.clock.now()));
            Manifest m = new Manifest();
            m.mediaType = RegistryStore.OCI_MANIFEST;
            m.artifactType = RegistryStore.NOTATION_SIGNATURE;
            m.subjectDigest = subjectDigest;
            m.body = Json.bytes(body);
            m.digest = RegistryStore.sha256(m.body);
            annotations.fields().forEachRemaining(e -> m.annotations.put(e.getKey(), e.getValue().asText()));
            pushed = store.store(reg, repository, null, m);
            if (!reg.referrersApi) {
                updateReferrersTag(reg, repo, subjectDigest);
            }
            event = store.pushEvent(reg, pushed, m.body.length);
        }
        store.publish(event);
        return pushed;
    }

    void setBehavior(String registry, boolean api, boolean listsArtifactType, int pageSize) {
        synchronized (store) {
            Registry reg = store.requireRegistry(registry);
            reg.referrersApi = api;
            reg.referrersListArtifactType = listsArtifactType;
            reg.referrersPageSize = pageSize;
        }
    }

    /**
     * The OCI referrers API as the registry is set to serve it: absent (404, clients fall back to
     * the {@code sha256-<hex>} tag), without artifactType in its descriptors (and so unfiltered),
     * and in pages linked with {@code Link: <...>; rel="next"}.
     */
    SimResponse referrers(SimRequest req) {
        String repoName = req.param("repo");
        return tokens.authorized(req, "repository:" + repoName + ":pull", reg -> {
            String digest = req.param("digest");
            if (!digest.matches("sha256:[0-9a-f]{64}")) {
                throw new DataPlaneException(400, "DIGEST_INVALID", "invalid digest " + digest);
            }
            if (!reg.referrersApi) {
                throw new DataPlaneException(404, "NOT_FOUND", "the referrers API is not available on this registry");
            }
            String filter = reg.referrersListArtifactType ? req.query.get("artifactType") : null;
            List<Manifest> found = new ArrayList<>();
            Repository repo = reg.repositories.get(repoName);
            if (repo != null) {
                for (Manifest m : repo.manifests.values()) {
                    if (digest.equals(m.subjectDigest) && (filter == null || filter.equals(m.artifactType))) {
                        found.add(m);
                    }
                }
            }
            int size = reg.referrersPageSize > 0 ? reg.referrersPageSize : Math.max(1, found.size());
            int page = Integer.parseInt(Optional.ofNullable(req.query.get("_page")).orElse("0"));
            List<Manifest> slice = found.subList(Math.min(found.size(), page * size), Math.min(found.size(), (page + 1) * size));
            SimResponse r = SimResponse.json(200, referrersIndex(slice, reg.referrersListArtifactType));
            r.headers.put("Content-Type", RegistryStore.OCI_INDEX);
            if (filter != null) {
                r.header("OCI-Filters-Applied", "artifactType");
            }
            if ((page + 1) * size < found.size()) {
                r.header("Link", "</v2/" + repoName + "/referrers/" + digest + "?" + (req.query.containsKey("artifactType")
                        ? "artifactType=" + java.net.URLEncoder.encode(req.query.get("artifactType"), StandardCharsets.UTF_8) + "&" : "")
                        + "_page=" + (page + 1) + ">; rel=\"next\"");
            }
            return r;
        });
    }

    private static ObjectNode referrersIndex(List<Manifest> referrers, boolean withArtifactType) {
        ObjectNode index = Json.object();
        index.put("schemaVersion", 2);
        index.put("mediaType", RegistryStore.OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        for (Manifest m : referrers) {
            ObjectNode d = manifests.addObject();
            d.put("mediaType", m.mediaType);
            d.put("digest", m.digest);
            d.put("size", m.body.length);
            if (withArtifactType) {
                d.put("artifactType", m.artifactType);
            }
            ObjectNode a = d.putObject("annotations");
            m.annotations.forEach(a::put);
        }
        return index;
    }

    /** Where the referrers API is absent, clients keep an image index of the referrers under the tag {@code sha256-<hex>}. */
    private void updateReferrersTag(Registry reg, Repository repo, String subjectDigest) {
        List<Manifest> referrers = repo.manifests.values().stream().filter(m -> subjectDigest.equals(m.subjectDigest)).toList();
        Manifest index = new Manifest();
        index.mediaType = RegistryStore.OCI_INDEX;
        index.body = Json.bytes(referrersIndex(referrers, true));
        index.digest = RegistryStore.sha256(index.body);
        store.store(reg, repo.name, subjectDigest.replace(':', '-'), index);
    }
}
