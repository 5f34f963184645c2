package io.acapromoter.local.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Azure Resource Graph, reduced to what the vulnerability sweep and gate need. It does not run KQL: it
 * returns the Defender rows it holds — grouped sub-assessments (current and legacy shapes), individual
 * recommendations, and a healthy record for every pushed manifest once Defender "has scanned" it (after the
 * scan delay, {@code scanAfter}; Defender scans a push "within a few hours") — narrowed to the digests
 * ({@code sha256:...}) that appear in the query text when there are any, and to the request's subscriptions.
 * Rows only become visible at their time: a scan or a finding can arrive later.
 */
final class ResourceGraphBackend {
    static final String API_VERSION = "2021-03-01";
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    private final List<ObjectNode> rows = new ArrayList<>();
    private final Function<String, String> registryIdForHost;
    private final SimClock clock;
    private Duration scanAfter = Duration.ZERO;
    private boolean scanPushes = true;

    ResourceGraphBackend(Function<String, String> registryIdForHost, SimClock clock) {
        this.registryIdForHost = registryIdForHost;
        this.clock = clock;
    }

    /** How long after a push Defender's scan record appears; with {@code scan} false, pushes are never scanned. */
    synchronized void scanPushes(boolean scan, Duration after) {
        this.scanPushes = scan;
        this.scanAfter = after;
    }

    /** A pushed manifest (an Event Grid ImagePushed event): a healthy grouped record appears after the scan delay. */
    synchronized void pushed(String event) {
        if (!scanPushes) {
            return;
        }
        JsonNode e = Json.parse(event.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        JsonNode target = e.path("data").path("target");
        String mediaType = target.path("mediaType").asText();
        if (mediaType.contains("index") || mediaType.contains("manifest.list") || !target.path("digest").asText().startsWith("sha256:")) {
            return; // Defender does not scan manifest lists; their platform manifests are pushed (and scanned) on their own.
        }
        String host = e.path("data").path("request").path("host").asText();
        ObjectNode row = row(new VulnerabilityFinding(false, host, target.path("repository").asText(),
                target.path("digest").asText(), List.of(), "scan", "Low", false), false);
        ObjectNode status = (ObjectNode) row.path("properties").path("status");
        status.put("code", "Healthy");
        status.put("description", "No vulnerabilities found");
        row.put("name", UUID.nameUUIDFromBytes(("healthy" + target.path("digest").asText()).getBytes()).toString());
        ((ObjectNode) row.path("sim")).put("visibleFrom", clock.now().plus(scanAfter).toString());
        rows.add(row);
    }

    /** An individual recommendation (one assessment per finding), visible from now. */
    synchronized void addIndividual(VulnerabilityFinding f) {
        rows.add(individual(f));
    }

    List<Route> routes() {
        return List.of(Route.of("POST", "/providers/Microsoft.ResourceGraph/resources", "Resources_Query", this::query));
    }

    synchronized void add(VulnerabilityFinding f) {
        rows.add(row(f, f.legacy()));
    }

    /** Removes the findings; Defender's scan records stay (an image once scanned stays scanned). */
    synchronized void clear() {
        rows.removeIf(r -> !"Healthy".equals(r.path("properties").path("status").path("code").asText()));
    }

    private synchronized SimResponse query(SimRequest req) {
        JsonNode body = req.json();
        String query = Json.text(body, "query");
        if (query == null || query.isBlank()) {
            throw ArmException.badRequest("BadRequest", "Please provide below info when asking for support: query is required.");
        }
        Set<String> digests = new HashSet<>();
        Matcher m = DIGEST.matcher(query.toLowerCase());
        while (m.find()) {
            digests.add(m.group());
        }
        Set<String> subscriptions = new HashSet<>();
        body.path("subscriptions").forEach(s -> subscriptions.add(s.asText().toLowerCase()));
        List<ObjectNode> hits = new ArrayList<>();
        Instant now = clock.now();
        for (ObjectNode row : rows) {
            String from = row.path("sim").path("visibleFrom").asText("");
            if (!from.isEmpty() && now.isBefore(Instant.parse(from))) {
                continue;
            }
            boolean digestOk = digests.isEmpty() || digests.contains(row.path("sim").path("digest").asText());
            boolean subOk = subscriptions.isEmpty() || subscriptions.contains(row.path("subscriptionId").asText().toLowerCase());
            if (digestOk && subOk) {
                hits.add(row);
            }
        }
        JsonNode options = body.path("options");
        int skip = options.path("$skip").asInt(0);
        if (options.hasNonNull("$skipToken")) {
            try {
                skip = Integer.parseInt(options.path("$skipToken").asText());
            } catch (NumberFormatException e) {
                throw ArmException.badRequest("BadRequest", "The $skipToken is not one this service issued.");
            }
        }
        int top = options.path("$top").asInt(1000);
        ObjectNode out = Json.object();
        ArrayNode data = Json.array();
        for (int i = skip; i < hits.size() && i < skip + top; i++) {
            ObjectNode r = hits.get(i).deepCopy();
            r.remove("sim");
            data.add(r);
        }
        out.put("totalRecords", hits.size());
        out.put("count", data.size());
        out.put("resultTruncated", "false");
        if (skip + top < hits.size()) {
            out.put("$skipToken", Integer.toString(skip + top));
        }
        out.set("data", data);
        out.putArray("facets");
        return SimResponse.json(200, out);
    }

    /**
     * The individual recommendation as this project assumes it (docs/defender.md: Microsoft documents only the
     * Resource Graph selection {@code resourceDetails.ResourceType == ".containerimage"}, not the image fields).
     */
    private ObjectNode individual(VulnerabilityFinding f) {
        String registryId = registryIdForHost.apply(f.registryHost());
        String subscription = registryId.split("/")[2];
        String name = UUID.nameUUIDFromBytes(("individual" + f.digest() + f.cveId()).getBytes()).toString();
        ObjectNode row = Json.object();
        row.put("id", "/subscriptions/" + subscription + "/providers/Microsoft.Security/assessments/" + name);
        row.put("name", name);
        row.put("type", "microsoft.security/assessments");
        row.put("tenantId", AzureSimulator.DEFAULT_TENANT);
        row.put("location", "global");
        row.put("resourceGroup", "");
        row.put("subscriptionId", subscription);
        ObjectNode p = row.putObject("properties");
        p.put("displayName", f.cveId() + " should be remediated in " + f.repository());
        ObjectNode status = p.putObject("status");
        status.put("code", "Unhealthy");
        status.put("firstEvaluationDate", "2026-01-01T00:00:00.000Z");
        status.put("statusChangeDate", "2026-01-01T00:00:00.000Z");
        ObjectNode resource = p.putObject("resourceDetails");
        resource.put("Source", "Azure");
        resource.put("ResourceType", ".containerimage");
        resource.put("Id", f.registryHost() + "/" + f.repository() + "@" + f.digest());
        ObjectNode additional = p.putObject("additionalData");
        additional.put("registryHost", f.registryHost());
        additional.put("repositoryName", f.repository());
        additional.put("digest", f.digest());
        additional.put("cveId", f.cveId());
        additional.put("severity", f.severity());
        additional.put("fixStatus", f.fixAvailable() ? "FixAvailable" : "NoFixAvailable");
        ObjectNode metadata = p.putObject("metadata");
        metadata.put("displayName", f.cveId() + " should be remediated");
        metadata.put("severity", f.severity());
        metadata.put("recommendationCategory", "SoftwareUpdate");
        metadata.put("assessmentType", "BuiltIn");
        row.putObject("sim").put("digest", f.digest());
        return row;
    }

    private ObjectNode row(VulnerabilityFinding f, boolean legacy) {
        String registryId = registryIdForHost.apply(f.registryHost());
        String subscription = registryId.split("/")[2];
        String resourceGroup = registryId.split("/")[4];
        String assessment = legacy ? VulnerabilityFinding.LEGACY_ASSESSMENT : VulnerabilityFinding.CURRENT_ASSESSMENT;
        String subId = UUID.nameUUIDFromBytes((f.digest() + f.cveId()).getBytes()).toString();
        ObjectNode row = Json.object();
        row.put("id", registryId + "/providers/Microsoft.Security/assessments/" + assessment + "/subAssessments/" + subId);
        row.put("name", subId);
        row.put("type", "microsoft.security/assessments/subassessments");
        row.put("tenantId", AzureSimulator.DEFAULT_TENANT);
        row.put("kind", "");
        row.put("location", "global");
        row.put("resourceGroup", resourceGroup.toLowerCase());
        row.put("subscriptionId", subscription);
        row.put("managedBy", "");
        row.putNull("sku");
        row.putNull("plan");
        row.putObject("tags");
        row.putNull("identity");
        row.putNull("zones");
        row.putNull("extendedLocation");
        ObjectNode p = row.putObject("properties");
        p.put("id", f.cveId());
        p.put("displayName", f.cveId() + " in " + f.repository());
        ObjectNode status = p.putObject("status");
        status.put("code", "Unhealthy");
        status.put("severity", f.severity());
        status.put("cause", "");
        status.put("description", "Vulnerability found");
        p.put("remediation", f.fixAvailable() ? "Upgrade the affected package to a fixed version and rebuild the image." : "No fix is available yet.");
        p.put("impact", "An attacker could exploit " + f.cveId() + ".");
        p.put("category", "Vulnerability");
        p.put("description", f.cveId() + " affects a package in the image.");
        p.put("timeGenerated", "2026-01-01T00:00:00.000Z");
        ObjectNode resource = p.putObject("resourceDetails");
        resource.put("id", registryId + "/repositories/" + f.repository() + "/images/" + f.digest());
        resource.put("source", "Azure");
        ObjectNode additional = p.putObject("additionalData");
        if (legacy) {
            additional.put("assessedResourceType", "ContainerRegistryVulnerability");
            additional.put("type", "Vulnerability");
            additional.put("registryHost", f.registryHost());
            additional.put("repositoryName", f.repository());
            additional.put("imageDigest", f.digest());
            additional.put("patchable", f.fixAvailable());
            additional.put("publishedTime", "2025-12-01T00:00:00.000Z");
            ObjectNode cve = additional.putArray("cve").addObject();
            cve.put("title", f.cveId());
            cve.put("link", "https://nvd.nist.gov/vuln/detail/" + f.cveId());
            additional.putArray("vendorReferences");
            additional.putObject("cvss");
        } else {
            additional.put("assessedResourceType", "AzureContainerRegistryVulnerability");
            ObjectNode vuln = additional.putObject("vulnerabilityDetails");
            vuln.put("cveId", f.cveId());
            vuln.put("severity", f.severity());
            vuln.put("publishedDate", "2025-12-01T00:00:00.000Z");
            vuln.put("lastModifiedDate", "2025-12-15T00:00:00.000Z");
            vuln.putArray("references").addObject().put("title", f.cveId()).put("link", "https://nvd.nist.gov/vuln/detail/" + f.cveId());
            ObjectNode artifact = additional.putObject("artifactDetails");
            artifact.put("registryHost", f.registryHost());
            artifact.put("repositoryName", f.repository());
            artifact.put("digest", f.digest());
            ArrayNode tags = artifact.putArray("tags");
            f.tags().forEach(tags::add);
            artifact.put("artifactType", "ContainerImage");
            artifact.put("mediaType", RegistryStore.DOCKER_MANIFEST);
            artifact.put("lastPushedToRegistryUTC", "2025-11-30T00:00:00.000Z");
            ObjectNode software = additional.putObject("softwareDetails");
            software.put("packageName", "openssl");
            software.put("category", "OS");
            software.put("vendor", "debian");
            software.put("version", "3.0.11-1~deb12u2");
            software.put("fixStatus", f.fixAvailable() ? "FixAvailable" : "FixNotAvailable");
            if (f.fixAvailable()) {
                software.put("fixedVersion", "3.0.15-1~deb12u1");
            }
            software.putObject("osDetails").put("osPlatform", "linux").put("osVersion", "debian 12");
        }
        row.putObject("sim").put("digest", f.digest());
        return row;
    }
}
