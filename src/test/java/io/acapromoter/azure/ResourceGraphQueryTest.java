package io.acapromoter.azure;

import io.acapromoter.domain.Digest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The sweep's KQL asks for both Defender models and counts the same CVE on the same digest once. */
class ResourceGraphQueryTest {

    static final Digest A = Digest.parse("sha256:" + "a".repeat(64));
    static final Digest B = Digest.parse("sha256:" + "b".repeat(64));

    @Test
    void query_asksForGroupedSubAssessmentsAndIndividualContainerImageRecommendations() {
        String kql = ResourceGraphFindings.query(List.of(B, A));

        assertThat(kql).startsWith("securityresources\n")
                .contains("type in~ ('microsoft.security/assessments/subassessments', 'microsoft.security/assessments')")
                .contains("assessmentKey in~ ('c0b7cfc6-3172-465a-b378-53c7ff2cc0d5', 'dbd0cb49-b563-45e7-9724-889e799fa648')")
                .contains("imageType =~ '.containerimage'")
                .contains("tostring(properties.resourceDetails.ResourceType)")
                .contains("| where digest in~ ('" + A + "', '" + B + "')");
        assertThat(kql).as("no status filter: a healthy record shows the digest was scanned")
                .doesNotContain("=~ 'Unhealthy'\n| where");
    }

    @Test
    void query_deduplicatesTheSameCveOnTheSameDigestKeepingAnUnhealthyRecord() {
        assertThat(ResourceGraphFindings.query(List.of(A))).endsWith("| summarize arg_max(unhealthy, *) by digest, cve");
    }
}
