package io.acapromoter.activities;

import io.acapromoter.domain.Digest;
import io.acapromoter.ports.AzureOperationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static io.acapromoter.activities.SignatureCheckTest.IMAGE;
import static io.acapromoter.activities.SignatureCheckTest.digest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Defender's vulnerability findings artifact read off the registry: only an MDVM in-toto vulnerability report on the
 * candidate's own digest counts; the newest one decides; an empty result list is a clean scan.
 */
class DefenderFindingsArtifactTest {

    static final String CLEAN = statement("[]");
    static final String TWO = statement("[{\"id\":\"CVE-2026-1\",\"severity\":[{\"method\":\"cvss_score\",\"score\":\"9.8\"}]},"
            + "{\"id\":\"CVE-2026-2\",\"severity\":[]}]");

    final SignatureCheckTest.FakeRegistry registry = new SignatureCheckTest.FakeRegistry();

    static String statement(String result) {
        return "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"web\",\"digest\":{\"sha256\":\""
                + IMAGE.digest().hex() + "\"}}],\"predicateType\":\"https://in-toto.io/attestation/vulns/v0.2\","
                + "\"predicate\":{\"scanner\":{\"uri\":\"mdvm\",\"db\":{\"lastUpdate\":\"2026-07-23T00:00:00Z\"},\"result\":"
                + result + "},\"metadata\":{\"scanStartedOn\":\"2026-07-23T01:05:00Z\",\"scanFinishedOn\":\"2026-07-23T01:06:00Z\"}}}";
    }

    /** Attaches an artifact shaped as the one captured from a registry (docs/defender.md), with the given parts. */
    Digest attach(String report, String scanner, String subject, String created) {
        byte[] layer = report.getBytes(StandardCharsets.UTF_8);
        registry.blobs.put(digest(layer), layer);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"artifactType\":\"application/vnd.in-toto+json\",\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\","
                + "\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2,\"data\":\"e30=\"},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.in-toto+json\",\"digest\":\"" + digest(layer) + "\",\"size\":"
                + layer.length + ",\"annotations\":{\"in-toto.io/predicate-type\":\"https://in-toto.io/attestation/vulns/v0.2\","
                + "\"report-type\":\"SoftwareInventoryAssessment\",\"scanner\":\"" + scanner + "\"}}],"
                + "\"subject\":{\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\",\"digest\":\"" + subject
                + "\",\"size\":1778},\"annotations\":{\"in-toto.io/predicate-type\":\"https://in-toto.io/attestation/vulns/v0.2\","
                + "\"org.opencontainers.image.created\":\"" + created + "\",\"report-type\":\"SoftwareInventoryAssessment\","
                + "\"scanner\":\"" + scanner + "\"}}").getBytes(StandardCharsets.UTF_8);
        Digest d = digest(manifest);
        registry.manifests.put(d, manifest);
        registry.referrers.add(d);
        return d;
    }

    Digest attach(String report, String created) {
        return attach(report, "MDVM", IMAGE.digest().toString(), created);
    }

    @Test
    void noArtifact_saysNothingWasFound() {
        assertThat(DefenderFindingsArtifact.read(registry, IMAGE)).isInstanceOf(DefenderFindingsArtifact.None.class);
    }

    @Test
    void anEmptyResultList_isACleanScanAtTheTimeTheScanFinished() {
        Digest artifact = attach(CLEAN, "2026-07-23T01:06:19Z");

        assertThat(DefenderFindingsArtifact.read(registry, IMAGE))
                .isEqualTo(new DefenderFindingsArtifact.Clean(artifact, Instant.parse("2026-07-23T01:06:00Z")));
    }

    @Test
    void aReportWithVulnerabilities_isNotClean_andSaysHowMany() {
        Digest artifact = attach(TWO, "2026-07-23T01:06:19Z");

        assertThat(DefenderFindingsArtifact.read(registry, IMAGE))
                .isEqualTo(new DefenderFindingsArtifact.Listed(artifact, Instant.parse("2026-07-23T01:06:00Z"), 2));
    }

    @Test
    void theNewestArtifact_decides_becauseDefenderRescansDaily() {
        attach(CLEAN, "2026-07-22T01:00:00Z");
        Digest newer = attach(TWO, "2026-07-23T01:00:00Z");
        attach(CLEAN, "2026-07-21T01:00:00Z");

        assertThat(DefenderFindingsArtifact.read(registry, IMAGE)).isInstanceOf(DefenderFindingsArtifact.Listed.class)
                .extracting(r -> ((DefenderFindingsArtifact.Listed) r).artifact()).isEqualTo(newer);
    }

    @Test
    void anInTotoAttestationFromAnotherScannerOrAboutAnotherDigest_isNotDefendersScan() {
        attach(CLEAN, "Trivy", IMAGE.digest().toString(), "2026-07-23T01:00:00Z");
        attach(CLEAN, "MDVM", "sha256:" + "cd".repeat(32), "2026-07-23T01:00:00Z");

        assertThat(DefenderFindingsArtifact.read(registry, IMAGE)).isInstanceOf(DefenderFindingsArtifact.None.class);
    }

    @Test
    void aReportWithoutAResultList_isUnreadable_notClean() {
        attach(CLEAN.replace("\"result\":[],", "").replace(",\"result\":[]", ""), "2026-07-23T01:00:00Z");

        assertThat(DefenderFindingsArtifact.read(registry, IMAGE)).isInstanceOf(DefenderFindingsArtifact.Unreadable.class)
                .extracting(r -> ((DefenderFindingsArtifact.Unreadable) r).reason())
                .isEqualTo("its report has no predicate.scanner.result list");
    }

    @Test
    void aReportInADsseEnvelope_isReadFromItsPayload() {
        String envelope = "{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\""
                + Base64.getEncoder().encodeToString(CLEAN.getBytes(StandardCharsets.UTF_8)) + "\",\"signatures\":[]}";
        attach(envelope, "2026-07-23T01:00:00Z");

        assertThat(DefenderFindingsArtifact.read(registry, IMAGE)).isInstanceOf(DefenderFindingsArtifact.Clean.class);
    }

    @Test
    void aMissingReportBlob_isUnreadable_butATransientFaultIsRetried() {
        Digest artifact = attach(CLEAN, "2026-07-23T01:00:00Z");
        registry.blobs.clear();
        assertThat(DefenderFindingsArtifact.read(registry, IMAGE)).isInstanceOf(DefenderFindingsArtifact.Unreadable.class);

        registry.blobFault = new AzureOperationException("get blob", artifact.toString(), 503, true, "busy", null);
        assertThatThrownBy(() -> DefenderFindingsArtifact.read(registry, IMAGE)).isSameAs(registry.blobFault);
    }
}
