package io.acapromoter.local.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acapromoter.local.sim.RegistryModel.Manifest;
import io.acapromoter.local.sim.RegistryModel.Registry;
import io.acapromoter.local.sim.RegistryModel.Repository;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Artifacts that refer to an image: Notation signatures and Defender's vulnerability findings artifacts attached
 * to it, found through the OCI
 * referrers API or, where a registry does not serve it, the {@code sha256-<hex>} referrers tag.
 */
final class Referrers {
    static final String IN_TOTO = "application/vnd.in-toto+json";
    static final String VULNS_PREDICATE = "https://in-toto.io/attestation/vulns/v0.2";

    private final RegistryStore store;
    private final List<ScheduledArtifact> scheduled = new ArrayList<>();
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
        return attach(registry, repository, subjectDigest, RegistryStore.NOTATION_SIGNATURE, mediaType, envelope, Map.of(
                "io.cncf.notary.x509chain.thumbprint#S256", "[\"" + RegistryStore.randomDigest().substring(7) + "\"]"));
    }

    /**
     * Attaches Defender's vulnerability findings artifact, as Defender for Containers does for every image it scans
     * (the shape of a captured one, see docs/defender.md): an OCI artifact of type {@value #IN_TOTO} with annotations
     * {@code scanner: MDVM}, {@code report-type: SoftwareInventoryAssessment} and the in-toto vulns v0.2 predicate
     * type, whose layer is the in-toto statement listing {@code cves} (empty: a clean scan).
     */
    PushedImage pushFindingsArtifact(String registry, String repository, String subjectDigest, List<String> cves) {
        Instant now = store.clock.now();
        ObjectNode statement = Json.object();
        statement.put("_type", "https://in-toto.io/Statement/v1");
        ObjectNode subject = statement.putArray("subject").addObject();
        subject.put("name", repository);
        subject.putObject("digest").put("sha256", subjectDigest.substring("sha256:".length()));
        statement.put("predicateType", VULNS_PREDICATE);
        ObjectNode predicate = statement.putObject("predicate");
        ObjectNode scanner = predicate.putObject("scanner");
        scanner.put("uri", "https://learn.microsoft.com/defender-vulnerability-management");
        scanner.putObject("db").put("lastUpdate", Json.time(now));
        ArrayNode result = scanner.putArray("result");
        for (String cve : cves) {
            ObjectNode r = result.addObject();
            r.put("id", cve);
            r.putArray("severity").addObject().put("method", "cvss_score").put("score", "9.8");
        }
        ObjectNode metadata = predicate.putObject("metadata");
        metadata.put("scanStartedOn", Json.time(now));
        metadata.put("scanFinishedOn", Json.time(now));
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("in-toto.io/predicate-type", VULNS_PREDICATE);
        annotations.put("report-type", "SoftwareInventoryAssessment");
        annotations.put("scanner", "MDVM");
        return attach(registry, repository, subjectDigest, IN_TOTO, IN_TOTO, Json.bytes(statement), annotations);
    }

    /** Attaches a findings artifact naming {@code cves} once the clock reaches {@code at} (Defender's scan, later). */
    void scheduleFindingsArtifact(String registry, String repository, String subjectDigest, Instant at, List<String> cves) {
        synchronized (store) {
            scheduled.add(new ScheduledArtifact(registry, repository, subjectDigest, at, List.copyOf(cves)));
        }
    }

    private record ScheduledArtifact(String registry, String repository, String subjectDigest, Instant at, List<String> cves) {
    }

    /** Attaches the scheduled findings artifacts whose time has come (push events are sent outside the lock). */
    void refresh() {
        List<ScheduledArtifact> due = new ArrayList<>();
        synchronized (store) {
            Instant now = store.clock.now();
            scheduled.removeIf(a -> !now.isBefore(a.at()) && due.add(a));
        }
        due.forEach(a -> pushFindingsArtifact(a.registry(), a.repository(), a.subjectDigest(), a.cves()));
    }

    /** Whether {@code digest} in the repository is an artifact attached to another manifest (a referrer). */
    boolean isReferrer(String registry, String repository, String digest) {
        synchronized (store) {
            Registry reg = store.requireRegistry(registry);
            Repository repo = reg.repositories.get(repository);
            Manifest m = repo == null ? null : repo.manifests.get(digest);
            return m != null && m.subjectDigest != null;
        }
    }

    /** Pushes an OCI artifact manifest with one layer ({@code layerBytes}, stored as a blob unless null) referring to a subject. */
    private PushedImage attach(String registry, String repository, String subjectDigest, String artifactType,
                               String layerMediaType, byte[] layerBytes, Map<String, String> extraAnnotations) {
        PushedImage pushed;
        String event;
        synchronized (store) {
            Registry reg = store.requireRegistry(registry);
            Repository repo = reg.repositories.get(repository);
            Manifest subject = repo == null ? null : repo.manifests.get(subjectDigest);
            if (subject == null) {
                throw new IllegalArgumentException("no manifest " + subjectDigest + " in " + reg.loginServer + "/" + repository
                        + " to attach " + artifactType + " to");
            }
            ObjectNode body = Json.object();
            body.put("schemaVersion", 2);
            body.put("mediaType", RegistryStore.OCI_MANIFEST);
            body.put("artifactType", artifactType);
            ObjectNode config = body.putObject("config");
            config.put("mediaType", "application/vnd.oci.empty.v1+json");
            config.put("digest", "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
            config.put("size", 2);
            ObjectNode layer = body.putArray("layers").addObject();
            layer.put("mediaType", layerMediaType);
            layer.put("digest", layerBytes == null ? RegistryStore.randomDigest() : RegistryStore.sha256(layerBytes));
            layer.put("size", layerBytes == null ? 2048 : layerBytes.length);
            if (layerBytes != null) {
                reg.blobs.put(RegistryStore.sha256(layerBytes), layerBytes.clone());
            }
            ObjectNode subjectDescriptor = body.putObject("subject");
            subjectDescriptor.put("mediaType", subject.mediaType);
            subjectDescriptor.put("digest", subject.digest);
            subjectDescriptor.put("size", subject.body.length);
            ObjectNode annotations = body.putObject("annotations");
            extraAnnotations.forEach(annotations::put);
            annotations.put("org.opencontainers.image.created", Json.time(store.clock.now()));
            Manifest m = new Manifest();
            m.mediaType = RegistryStore.OCI_MANIFEST;
            m.artifactType = artifactType;
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
