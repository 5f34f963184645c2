package io.acapromoter.local.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acapromoter.local.sim.RegistryModel.Manifest;
import io.acapromoter.local.sim.RegistryModel.Repository;
import java.util.List;

/** ACR's own metadata API ({@code /acr/v1/...}): tag and manifest properties with their changeable attributes. */
final class RegistryMetadata {
    private final RegistryTokens tokens;

    RegistryMetadata(RegistryTokens tokens) {
        this.tokens = tokens;
    }

    SimResponse tagProperties(SimRequest req) {
        String repoName = req.param("repo");
        return tokens.authorized(req, "repository:" + repoName + ":metadata_read", reg -> {
            Repository repo = RegistryStore.requireRepository(reg, repoName);
            String tag = req.param("ref");
            String digest = repo.tags.get(tag);
            if (digest == null) {
                throw new DataPlaneException(404, "TAG_UNKNOWN", "the specified tag does not exist");
            }
            ObjectNode body = Json.object();
            body.put("registry", reg.loginServer);
            body.put("imageName", repoName);
            body.set("tag", tagJson(tag, repo.manifests.get(digest)));
            return SimResponse.json(200, body);
        });
    }

    SimResponse listTags(SimRequest req) {
        String repoName = req.param("repo");
        return tokens.authorized(req, "repository:" + repoName + ":metadata_read", reg -> {
            Repository repo = RegistryStore.requireRepository(reg, repoName);
            ObjectNode body = Json.object();
            body.put("registry", reg.loginServer);
            body.put("imageName", repoName);
            ArrayNode tags = body.putArray("tags");
            repo.tags.forEach((tag, digest) -> tags.add(tagJson(tag, repo.manifests.get(digest))));
            return SimResponse.json(200, body);
        });
    }

    SimResponse manifestProperties(SimRequest req) {
        String repoName = req.param("repo");
        return tokens.authorized(req, "repository:" + repoName + ":metadata_read", reg -> {
            Repository repo = RegistryStore.requireRepository(reg, repoName);
            Manifest m = repo.manifests.get(req.param("digest"));
            if (m == null) {
                throw new DataPlaneException(404, "MANIFEST_UNKNOWN", "manifest " + req.param("digest") + " is not found");
            }
            ObjectNode body = Json.object();
            body.put("registry", reg.loginServer);
            body.put("imageName", repoName);
            ObjectNode manifest = body.putObject("manifest");
            manifest.put("digest", m.digest);
            manifest.put("imageSize", m.body.length);
            manifest.put("createdTime", Json.time(m.created));
            manifest.put("lastUpdateTime", Json.time(m.created));
            if (m.children.isEmpty() && m.artifactType == null) {
                manifest.put("architecture", "amd64");
                manifest.put("os", "linux");
            }
            manifest.put("mediaType", m.mediaType);
            if (m.artifactType == null && m.children.isEmpty()) {
                manifest.put("configMediaType", m.mediaType.equals(RegistryStore.OCI_MANIFEST) ? "application/vnd.oci.image.config.v1+json"
                        : "application/vnd.docker.container.image.v1+json");
            }
            if (!m.children.isEmpty()) {
                ArrayNode refs = manifest.putArray("references");
                List<String> archs = List.of("amd64", "arm64");
                for (int i = 0; i < m.children.size(); i++) {
                    refs.addObject().put("digest", m.children.get(i)).put("architecture", archs.get(i % 2)).put("os", "linux");
                }
            }
            ArrayNode tags = manifest.putArray("tags");
            m.tags.forEach(tags::add);
            manifest.set("changeableAttributes", changeable());
            return SimResponse.json(200, body);
        });
    }

    private static ObjectNode tagJson(String tag, Manifest m) {
        ObjectNode t = Json.object();
        t.put("name", tag);
        t.put("digest", m.digest);
        t.put("createdTime", Json.time(m.created));
        t.put("lastUpdateTime", Json.time(m.created));
        t.put("signed", false);
        t.set("changeableAttributes", changeable());
        return t;
    }

    private static ObjectNode changeable() {
        ObjectNode c = Json.object();
        c.put("deleteEnabled", true);
        c.put("writeEnabled", true);
        c.put("readEnabled", true);
        c.put("listEnabled", true);
        return c;
    }
}
