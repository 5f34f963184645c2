package io.acapromoter.activities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acapromoter.domain.Digest;
import io.acapromoter.domain.InvalidReferenceException;
import io.acapromoter.domain.PinnedImage;
import io.acapromoter.ports.AzureOperationException;
import io.acapromoter.ports.Registry;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Defender for Cloud's vulnerability findings artifact: for each image it scans, Defender attaches to the image in
 * the registry an OCI artifact of type {@value #ARTIFACT_TYPE} (found through the referrers API) whose annotations
 * name {@code scanner: MDVM} and {@code in-toto.io/predicate-type: }{@value #VULNS_PREDICATE}, and whose layer is
 * an in-toto statement holding the vulnerability report ({@code predicate.scanner.result}: "an empty list means
 * the scanner found no vulnerabilities", in-toto attestation spec vulns v0.2). The newest such artifact on a
 * digest tells that Defender scanned it, when, and whether it found anything. The artifact's Microsoft signature
 * is not verified here (see {@code vulnerabilityGate.findingsArtifact}).
 */
final class DefenderFindingsArtifact {

    static final String ARTIFACT_TYPE = "application/vnd.in-toto+json";
    static final String VULNS_PREDICATE = "https://in-toto.io/attestation/vulns/v0.2";
    static final String SCANNER = "MDVM";
    /** More referrers of that type than this are not read: a flood of junk artifacts must not stall the gate. */
    static final int MAX_ARTIFACTS = 10;
    static final int MAX_REPORT_BYTES = 8 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the digest's findings artifact says. */
    sealed interface Report {
    }

    /** No Defender findings artifact is attached. */
    record None() implements Report {
    }

    /** Defender scanned the digest at {@code scannedAt} and found no vulnerabilities. */
    record Clean(Digest artifact, Instant scannedAt) implements Report {
    }

    /** Defender scanned the digest at {@code scannedAt} and lists {@code vulnerabilities} vulnerabilities. */
    record Listed(Digest artifact, Instant scannedAt, int vulnerabilities) implements Report {
    }

    /** An artifact that claims to be Defender's report but cannot be read as one. */
    record Unreadable(Digest artifact, String reason) implements Report {
    }

    private DefenderFindingsArtifact() {
    }

    static Report read(Registry registry, PinnedImage image) {
        List<Digest> referrers = registry.referrers(image, ARTIFACT_TYPE);
        Optional<Candidate> newest = referrers.stream().limit(MAX_ARTIFACTS)
                .map(d -> candidate(registry, image, d)).flatMap(Optional::stream)
                .max(Comparator.comparing(Candidate::created));
        if (newest.isEmpty()) {
            return new None();
        }
        return report(registry, image, newest.get());
    }

    /** A referrer that names itself Defender's vulnerability report on {@code image}. */
    private record Candidate(Digest digest, Instant created, JsonNode manifest) {
    }

    private static Optional<Candidate> candidate(Registry registry, PinnedImage image, Digest referrer) {
        Optional<byte[]> bytes = registry.manifest(new PinnedImage(image.registry(), image.repository(), referrer));
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        JsonNode manifest;
        try {
            manifest = JSON.readTree(bytes.get());
        } catch (IOException e) {
            return Optional.empty();
        }
        JsonNode annotations = manifest.path("annotations");
        if (!SCANNER.equalsIgnoreCase(annotations.path("scanner").asText(""))
                || !VULNS_PREDICATE.equals(annotations.path("in-toto.io/predicate-type").asText(""))
                || !image.digest().toString().equals(manifest.path("subject").path("digest").asText(""))) {
            return Optional.empty();
        }
        return Optional.of(new Candidate(referrer, instant(annotations.path("org.opencontainers.image.created"))
                .orElse(Instant.EPOCH), manifest));
    }

    private static Report report(Registry registry, PinnedImage image, Candidate artifact) {
        JsonNode layer = null;
        for (JsonNode l : artifact.manifest().path("layers")) {
            if (ARTIFACT_TYPE.equals(l.path("mediaType").asText(""))) {
                layer = l;
                break;
            }
        }
        if (layer == null) {
            return new Unreadable(artifact.digest(), "it has no " + ARTIFACT_TYPE + " layer");
        }
        byte[] blob;
        try {
            blob = registry.blob(image.registry(), image.repository(), Digest.parse(layer.path("digest").asText("")),
                    MAX_REPORT_BYTES);
        } catch (InvalidReferenceException e) {
            return new Unreadable(artifact.digest(), "its layer has no valid digest");
        } catch (AzureOperationException e) {
            if (e.isTransient()) {
                throw e;
            }
            return new Unreadable(artifact.digest(), "its report cannot be read: " + e.getMessage());
        }
        JsonNode statement;
        try {
            statement = JSON.readTree(blob);
            if (statement.has("payloadType") && statement.path("payload").isTextual()) {
                // A DSSE envelope around the statement.
                statement = JSON.readTree(Base64.getDecoder().decode(statement.path("payload").asText()));
            }
        } catch (IOException | IllegalArgumentException e) {
            return new Unreadable(artifact.digest(), "its report is not JSON");
        }
        if (!VULNS_PREDICATE.equals(statement.path("predicateType").asText(""))) {
            return new Unreadable(artifact.digest(), "its report is not an in-toto " + VULNS_PREDICATE + " statement");
        }
        JsonNode result = statement.path("predicate").path("scanner").path("result");
        if (!result.isArray()) {
            return new Unreadable(artifact.digest(), "its report has no predicate.scanner.result list");
        }
        Instant at = instant(statement.path("predicate").path("metadata").path("scanFinishedOn")).orElse(artifact.created());
        return result.isEmpty() ? new Clean(artifact.digest(), at) : new Listed(artifact.digest(), at, result.size());
    }

    private static Optional<Instant> instant(JsonNode node) {
        try {
            return node.isTextual() ? Optional.of(Instant.parse(node.asText())) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** For the approval page and the promotion's status. */
    static String describe(Digest scanned, Report report) {
        if (report instanceof Clean c) {
            return "Defender's findings artifact " + c.artifact().shortHex() + " on " + scanned.shortHex()
                    + ", from the scan of " + c.scannedAt() + ": no vulnerabilities; Resource Graph holds no record of the scan";
        }
        if (report instanceof Listed l) {
            return "Defender's findings artifact " + l.artifact().shortHex() + " on " + scanned.shortHex()
                    + ", from the scan of " + l.scannedAt() + ", lists " + l.vulnerabilities() + " vulnerabilit"
                    + (l.vulnerabilities() == 1 ? "y" : "ies") + " that Resource Graph does not show yet: waiting for them";
        }
        if (report instanceof Unreadable u) {
            return "findings artifact " + u.artifact().shortHex() + " on " + scanned.shortHex()
                    + " not taken as Defender's scan: " + u.reason();
        }
        return "no Defender findings artifact on " + scanned.shortHex();
    }
}
