package io.acapromoter.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.acapromoter.domain.Digest;
import io.acapromoter.domain.Finding;
import io.acapromoter.domain.InvalidReferenceException;
import io.acapromoter.domain.Severity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one Defender for Cloud sub-assessment ({@code Microsoft.Security/assessments/subAssessments})
 * in either container registry shape:
 * <ul>
 *   <li><b>current</b> (Defender Vulnerability Management, assessment key {@value #CURRENT_KEY}):
 *       {@code additionalData.assessedResourceType = AzureContainerRegistryVulnerability},
 *       {@code vulnerabilityDetails.{cveId,severity}}, {@code artifactDetails.{registryHost,repositoryName,digest,tags}},
 *       {@code softwareDetails.fixStatus};</li>
 *   <li><b>legacy</b> (Qualys, assessment key {@value #LEGACY_KEY}):
 *       {@code additionalData.assessedResourceType = ContainerRegistryVulnerability}, {@code imageDigest},
 *       {@code repositoryName}, {@code patchable}, {@code cve[].title}; severity in {@code status.severity}.</li>
 * </ul>
 * Field names follow the Microsoft Learn page "Container vulnerability assessments REST API" (ARG sample) and
 * the {@code SecuritySubAssessment} model of Azure/azure-rest-api-specs (API 2019-01-01-preview).
 */
final class SubAssessmentReader {

    static final String CURRENT_KEY = "c0b7cfc6-3172-465a-b378-53c7ff2cc0d5";
    static final String LEGACY_KEY = "dbd0cb49-b563-45e7-9724-889e799fa648";
    static final String CURRENT_TYPE = "AzureContainerRegistryVulnerability";
    static final String LEGACY_TYPE = "ContainerRegistryVulnerability";
    static final String SUB_ASSESSMENT_TYPE = "Microsoft.Security/assessments/subAssessments";

    private static final Pattern ASSESSMENT_KEY = Pattern.compile(
            "(?i)/providers/Microsoft\\.Security/assessments/([^/]+)/subassessments/[^/]+$");
    private static final Pattern REGISTRY_NAME = Pattern.compile(
            "(?i)/providers/Microsoft\\.ContainerRegistry/registries/([^/]+)/");

    private SubAssessmentReader() {
    }

    /** One result per CVE (legacy sub-assessments may list several), or one skip or one refusal. */
    static List<ParsedFinding> read(JsonNode node, String prefix) {
        String id = text(node, "id").or(() -> text(node, "name")).orElse("?");
        Optional<String> type = text(node, "type");
        if (type.isPresent() && !type.get().equalsIgnoreCase(SUB_ASSESSMENT_TYPE)) {
            return refuse(id, prefix + "type '" + type.get() + "' is not a sub-assessment (expected " + SUB_ASSESSMENT_TYPE + ")");
        }
        JsonNode properties = node.path("properties");
        if (!properties.isObject()) {
            return refuse(id, prefix + "properties is missing: not a sub-assessment");
        }
        JsonNode data = properties.path("additionalData");
        Optional<String> resourceType = text(data, "assessedResourceType");
        if (resourceType.isEmpty()) {
            return refuse(id, prefix + "properties.additionalData.assessedResourceType is missing");
        }
        boolean current = resourceType.get().equals(CURRENT_TYPE);
        if (!current && !resourceType.get().equals(LEGACY_TYPE)) {
            return refuse(id, prefix + "unknown shape: assessedResourceType '" + resourceType.get()
                    + "' is not a container registry vulnerability (expected " + CURRENT_TYPE + " or " + LEGACY_TYPE + ")");
        }
        String expectedKey = current ? CURRENT_KEY : LEGACY_KEY;
        Optional<String> key = assessmentKey(id);
        if (key.isPresent() && !key.get().equalsIgnoreCase(expectedKey)) {
            return refuse(id, prefix + "assessment key " + key.get() + " does not go with " + resourceType.get()
                    + " (expected " + expectedKey + ")");
        }
        Optional<String> status = text(properties.path("status"), "code");
        if (status.isEmpty()) {
            return refuse(id, prefix + "properties.status.code is missing (cannot tell whether it is a finding)");
        }
        switch (status.get().toLowerCase(Locale.ROOT)) {
            case "unhealthy" -> {
            }
            case "healthy" -> {
                return List.of(new ParsedFinding.Skipped(id, prefix + "healthy: not a finding"));
            }
            case "notapplicable" -> {
                return List.of(new ParsedFinding.Skipped(id, prefix + "not applicable"
                        + text(properties.path("status"), "cause").map(c -> " (" + c + ")").orElse("") + ": not a finding"));
            }
            default -> {
                return refuse(id, prefix + "unknown properties.status.code '" + status.get()
                        + "' (expected Unhealthy, Healthy or NotApplicable)");
            }
        }
        return current ? readCurrent(id, properties, data, prefix) : readLegacy(id, properties, data, prefix);
    }

    private static List<ParsedFinding> readCurrent(String id, JsonNode properties, JsonNode data, String prefix) {
        String at = "properties.additionalData.";
        JsonNode artifact = data.path("artifactDetails");
        Optional<String> registry = text(artifact, "registryHost");
        if (registry.isEmpty()) {
            return refuse(id, prefix + at + "artifactDetails.registryHost is missing");
        }
        Optional<String> repository = text(artifact, "repositoryName");
        if (repository.isEmpty()) {
            return refuse(id, prefix + at + "artifactDetails.repositoryName is missing");
        }
        Optional<String> digestText = text(artifact, "digest");
        if (digestText.isEmpty()) {
            return refuse(id, prefix + at + "artifactDetails.digest is missing");
        }
        Optional<String> cve = text(data.path("vulnerabilityDetails"), "cveId").or(() -> text(properties, "id"));
        if (cve.isEmpty()) {
            return refuse(id, prefix + at + "vulnerabilityDetails.cveId and properties.id are missing");
        }
        String severityField = data.path("vulnerabilityDetails").has("severity")
                ? at + "vulnerabilityDetails.severity" : "properties.status.severity";
        Optional<String> severityText = text(data.path("vulnerabilityDetails"), "severity")
                .or(() -> text(properties.path("status"), "severity"));
        // Only FixAvailable promises a fix; Unknown, NoFixAvailable, Scheduled and WontFix do not (yet).
        boolean fixable = text(data.path("softwareDetails"), "fixStatus").map("FixAvailable"::equalsIgnoreCase).orElse(false);
        Optional<String> tag = Optional.empty();
        JsonNode tags = artifact.path("tags");
        if (tags.isArray() && !tags.isEmpty() && tags.get(0).isTextual() && !tags.get(0).asText().isBlank()) {
            tag = Optional.of(tags.get(0).asText());
        }
        return build(id, registry.get(), repository.get(), digestText.get(), at + "artifactDetails.digest",
                List.of(cve.get()), severityText, severityField, fixable, tag, "current", prefix);
    }

    private static List<ParsedFinding> readLegacy(String id, JsonNode properties, JsonNode data, String prefix) {
        String at = "properties.additionalData.";
        Optional<String> registry = text(data, "registryHost").or(() -> registryFromId(id));
        if (registry.isEmpty()) {
            return refuse(id, prefix + at + "registryHost is missing and the id names no registry"
                    + " (…/providers/Microsoft.ContainerRegistry/registries/<name>/…)");
        }
        Optional<String> repository = text(data, "repositoryName");
        if (repository.isEmpty()) {
            return refuse(id, prefix + at + "repositoryName is missing");
        }
        Optional<String> digestText = text(data, "imageDigest");
        if (digestText.isEmpty()) {
            return refuse(id, prefix + at + "imageDigest is missing");
        }
        Set<String> cves = new LinkedHashSet<>();
        JsonNode list = data.path("cve");
        if (list.isArray()) {
            list.forEach(entry -> text(entry, "title").ifPresent(cves::add));
        }
        if (cves.isEmpty()) {
            // No CVE listed: the vendor's own id (a Qualys QID) is all there is to name it.
            text(properties, "id").ifPresent(cves::add);
        }
        if (cves.isEmpty()) {
            return refuse(id, prefix + at + "cve[] is empty and properties.id is missing");
        }
        boolean fixable = data.path("patchable").asBoolean(false);
        return build(id, registry.get(), repository.get(), digestText.get(), at + "imageDigest",
                List.copyOf(cves), text(properties.path("status"), "severity"), "properties.status.severity",
                fixable, Optional.empty(), "legacy", prefix);
    }

    private static List<ParsedFinding> build(String id, String registry, String repository, String digestText,
                                             String digestField, List<String> cves, Optional<String> severityText,
                                             String severityField, boolean fixable, Optional<String> tag,
                                             String shape, String prefix) {
        Digest digest;
        try {
            digest = Digest.parse(digestText.strip());
        } catch (InvalidReferenceException e) {
            return refuse(id, prefix + digestField + ": " + e.getMessage());
        }
        if (severityText.isEmpty()) {
            return refuse(id, prefix + severityField + " is missing");
        }
        Optional<Severity> severity = Severity.parse(severityText.get());
        if (severity.isEmpty()) {
            return refuse(id, prefix + severityField + " '" + severityText.get()
                    + "' is not one of Low, Medium, High, Critical");
        }
        List<ParsedFinding> out = new ArrayList<>();
        for (String cve : cves) {
            out.add(new ParsedFinding.Found(new Finding(id, registry.strip().toLowerCase(Locale.ROOT), repository.strip(),
                    digest, cve.strip(), severity.get(), fixable, tag, shape)));
        }
        return out;
    }

    static Optional<String> assessmentKey(String id) {
        Matcher m = ASSESSMENT_KEY.matcher(id);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Legacy sub-assessments hang under the registry's ARM id; ACR login servers in public Azure are {@code <name>.azurecr.io}. */
    static Optional<String> registryFromId(String id) {
        Matcher m = REGISTRY_NAME.matcher(id);
        return m.find() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT) + ".azurecr.io") : Optional.empty();
    }

    /** A scalar field as text; empty when absent, null or blank. An array or object where a value belongs is refused. */
    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value != null && value.isContainerNode()) {
            throw new JsonFields.WrongShape(field + " must be a single value, was " + JsonFields.kind(value));
        }
        if (value != null && value.isTextual() && value.asText().length() > JsonFields.MAX_TEXT) {
            throw new JsonFields.WrongShape(field + " is " + value.asText().length() + " characters long, at most "
                    + JsonFields.MAX_TEXT);
        }
        return value != null && value.isValueNode() && !value.isNull() && !value.asText().isBlank()
                ? Optional.of(value.asText()) : Optional.empty();
    }

    /** The element's id for a report, whatever its shape. */
    static String safeId(JsonNode node) {
        JsonNode id = node == null ? null : node.isObject() ? node.get("id") : null;
        return id != null && id.isTextual() && id.asText().length() <= JsonFields.MAX_TEXT ? id.asText() : "?";
    }

    private static List<ParsedFinding> refuse(String id, String problem) {
        return List.of(new ParsedFinding.Unreadable(id, problem));
    }
}
