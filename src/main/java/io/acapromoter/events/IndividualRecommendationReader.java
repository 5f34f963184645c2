package io.acapromoter.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.acapromoter.domain.FindingModel;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one Defender for Cloud <b>individual recommendation</b> on a container image: a
 * {@code Microsoft.Security/assessments} resource per finding, selected in Resource Graph by
 * {@code properties.resourceDetails.ResourceType == ".containerimage"} (Microsoft's documented query, release
 * notes of March 2026). Microsoft documents no sample of its image fields, so this reader follows the
 * assumptions written down in {@code docs/defender.md}: the grouped shape's field names, looked up
 * case-insensitively in {@code properties.additionalData} (flat strings, as the REST model types it, or the
 * nested {@code artifactDetails} / {@code vulnerabilityDetails} / {@code softwareDetails} objects), then the
 * image reference in {@code properties.resourceDetails}, then the CVE named in the display name. A field it
 * cannot find is named in the refusal; nothing is guessed.
 */
final class IndividualRecommendationReader {

    static final String ASSESSMENT_TYPE = "Microsoft.Security/assessments";
    static final String CONTAINER_IMAGE = ".containerimage";

    private static final Pattern CVE = Pattern.compile("(?i)\\bCVE-\\d{4}-\\d{4,}\\b");
    /** {@code <host>/<repository>@sha256:…}, as the AWS and GCP sub-assessments name images. */
    private static final Pattern IMAGE_REF = Pattern.compile("(?i)^([a-z0-9.-]+(?::\\d+)?)/(.+)@(sha256:[0-9a-f]{64})$");
    /** {@code [<registry ARM id>]/repositories/<repository>/images/sha256:…}, as the Azure sub-assessment names images. */
    private static final Pattern REPOSITORY_PATH = Pattern.compile("(?i)^(.*?)/repositories/(.+)/images/(sha256:[0-9a-f]{64})$");

    private IndividualRecommendationReader() {
    }

    /** Whether the record is an assessment (not a sub-assessment), by its type or its export enrichment. */
    static boolean isAssessment(JsonNode node) {
        Optional<String> type = SubAssessmentReader.text(node, "type");
        if (type.isPresent()) {
            return type.get().equalsIgnoreCase(ASSESSMENT_TYPE);
        }
        return field(node, "AssessmentEventDataEnrichment").isPresent();
    }

    static List<ParsedFinding> read(JsonNode node, String prefix, RegistryHosts hosts) {
        String id = SubAssessmentReader.text(node, "id").or(() -> SubAssessmentReader.text(node, "name")).orElse("?");
        JsonNode properties = node.path("properties");
        if (!properties.isObject()) {
            return SubAssessmentReader.refuse(id, prefix + "properties is missing: not a recommendation");
        }
        JsonNode resource = field(properties, "resourceDetails").orElse(null);
        Optional<String> resourceType = textOf(resource, "ResourceType");
        if (resourceType.isPresent() && !resourceType.get().equalsIgnoreCase(CONTAINER_IMAGE)) {
            return List.of(new ParsedFinding.Skipped(id, prefix + "recommendation on a '" + resourceType.get()
                    + "', not a container image (" + CONTAINER_IMAGE + "): not for the promoter"));
        }
        JsonNode status = field(properties, "status").orElse(null);
        Optional<String> code = textOf(status, "code");
        if (code.isEmpty()) {
            return SubAssessmentReader.refuse(id, prefix + "properties.status.code is missing (cannot tell whether it is a finding)");
        }
        JsonNode data = field(properties, "additionalData").orElse(null);
        Image image = image(id, data, resource, hosts);
        String state = code.get().toLowerCase(Locale.ROOT);
        if (state.equals("healthy") || state.equals("notapplicable")) {
            String reason = prefix + (state.equals("healthy") ? "healthy" : "not applicable"
                    + textOf(status, "cause").map(c -> " (" + c + ")").orElse("")) + ": not a finding";
            return List.of(image.digest.flatMap(SubAssessmentReader::digest)
                    .<ParsedFinding>map(d -> new ParsedFinding.Scanned(id, d, reason))
                    .orElseGet(() -> new ParsedFinding.Skipped(id, reason)));
        }
        if (!state.equals("unhealthy")) {
            return SubAssessmentReader.refuse(id, prefix + "unknown properties.status.code '" + code.get()
                    + "' (expected Unhealthy, Healthy or NotApplicable)");
        }
        if (resourceType.isEmpty() && image.digest.isEmpty()) {
            return SubAssessmentReader.refuse(id, prefix + "not a container image recommendation: "
                    + "properties.resourceDetails.ResourceType is missing and no image digest is named");
        }
        String where = "properties.additionalData";
        if (image.digest.isEmpty()) {
            return SubAssessmentReader.refuse(id, prefix + "no image digest: looked in " + where + ".{digest,imageDigest,"
                    + "artifactDetails.digest} and the image reference in properties.resourceDetails");
        }
        if (image.repository.isEmpty()) {
            return SubAssessmentReader.refuse(id, prefix + "no repository: looked in " + where + ".{repositoryName,"
                    + "artifactDetails.repositoryName} and the image reference in properties.resourceDetails");
        }
        if (image.registry.isEmpty()) {
            return SubAssessmentReader.refuse(id, prefix + "no registry host: looked in " + where + ".{registryHost,"
                    + "artifactDetails.registryHost} and the image reference in properties.resourceDetails"
                    + image.registryId.map(r -> ", and the login server of " + r + " could not be read from ARM").orElse(""));
        }
        JsonNode vulnerability = field(data, "vulnerabilityDetails").orElse(null);
        JsonNode software = field(data, "softwareDetails").orElse(null);
        Optional<String> cve = textOf(data, "cveId").or(() -> textOf(vulnerability, "cveId"))
                .or(() -> textOf(data, "cve")).or(() -> textOf(data, "vulnerabilityId"))
                .or(() -> cveIn(textOf(properties, "displayName")))
                .or(() -> cveIn(field(properties, "metadata").flatMap(m -> textOf(m, "displayName"))));
        if (cve.isEmpty()) {
            return SubAssessmentReader.refuse(id, prefix + "no CVE: looked in " + where + ".{cveId,cve,vulnerabilityId,"
                    + "vulnerabilityDetails.cveId} and for a CVE-… in properties.displayName and properties.metadata.displayName");
        }
        Optional<String> severity = textOf(vulnerability, "severity").or(() -> textOf(data, "severity"))
                .or(() -> textOf(status, "severity"))
                .or(() -> field(properties, "metadata").flatMap(m -> textOf(m, "severity")));
        String fixStatus = textOf(software, "fixStatus").or(() -> textOf(data, "fixStatus")).orElse("");
        boolean fixable = fixStatus.equalsIgnoreCase("FixAvailable")
                || textOf(data, "fixAvailable").or(() -> textOf(data, "patchable")).map("true"::equalsIgnoreCase).orElse(false)
                || (fixStatus.isEmpty() && textOf(software, "fixedVersion").or(() -> textOf(data, "fixedVersion")).isPresent());
        return SubAssessmentReader.build(id, image.registry.get(), image.repository.get(), image.digest.get(),
                image.digestField, List.of(cve.get()), severity, "the severity (vulnerabilityDetails.severity, "
                        + "additionalData.severity, status.severity or metadata.severity)",
                fixable, Optional.empty(), FindingModel.INDIVIDUAL, prefix);
    }

    private record Image(Optional<String> registry, Optional<String> repository, Optional<String> digest,
                         String digestField, Optional<String> registryId) {
    }

    private static Image image(String id, JsonNode data, JsonNode resource, RegistryHosts hosts) {
        JsonNode artifact = field(data, "artifactDetails").orElse(null);
        Optional<String> registry = textOf(data, "registryHost").or(() -> textOf(artifact, "registryHost"));
        Optional<String> repository = textOf(data, "repositoryName").or(() -> textOf(artifact, "repositoryName"));
        Optional<String> digest = textOf(data, "digest").or(() -> textOf(data, "imageDigest"))
                .or(() -> textOf(artifact, "digest"));
        String digestField = "properties.additionalData digest";
        Optional<String> registryId = SubAssessmentReader.registryIdOf(id);
        for (String key : new String[] {"Id", "NativeResourceId", "ResourceName"}) {
            Optional<String> ref = textOf(resource, key);
            if (ref.isEmpty()) {
                continue;
            }
            Matcher m = IMAGE_REF.matcher(ref.get().strip());
            if (m.matches()) {
                registry = registry.or(() -> Optional.of(m.group(1)));
                repository = repository.or(() -> Optional.of(m.group(2)));
                if (digest.isEmpty()) {
                    digest = Optional.of(m.group(3));
                    digestField = "properties.resourceDetails." + key;
                }
                continue;
            }
            Matcher p = REPOSITORY_PATH.matcher(ref.get().strip());
            if (p.matches()) {
                repository = repository.or(() -> Optional.of(p.group(2)));
                if (digest.isEmpty()) {
                    digest = Optional.of(p.group(3));
                    digestField = "properties.resourceDetails." + key;
                }
                if (registryId.isEmpty()) {
                    registryId = SubAssessmentReader.registryIdOf(p.group(1));
                }
            }
        }
        Optional<String> armId = registryId;
        if (registry.isEmpty() && armId.isPresent()) {
            registry = hosts.loginServer(armId.get());
        }
        return new Image(registry, repository, digest, digestField, armId);
    }

    private static Optional<String> cveIn(Optional<String> text) {
        return text.flatMap(t -> {
            Matcher m = CVE.matcher(t);
            return m.find() ? Optional.of(m.group().toUpperCase(Locale.ROOT)) : Optional.empty();
        });
    }

    /** A field by name, any casing: Microsoft's own queries write {@code resourceDetails.ResourceType}, the REST model {@code resourceType}. */
    static Optional<JsonNode> field(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        JsonNode exact = node.get(name);
        if (exact != null && !exact.isNull()) {
            return Optional.of(exact);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isNull()) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /** A scalar field as text (any casing); a text longer than the shape checks allow is refused, as elsewhere. */
    private static Optional<String> textOf(JsonNode node, String name) {
        Optional<JsonNode> value = field(node, name).filter(JsonNode::isValueNode);
        if (value.isPresent() && value.get().isTextual() && value.get().asText().length() > JsonFields.MAX_TEXT) {
            throw new JsonFields.WrongShape(name + " is " + value.get().asText().length() + " characters long, at most "
                    + JsonFields.MAX_TEXT);
        }
        return value.map(JsonNode::asText).filter(s -> !s.isBlank());
    }
}
