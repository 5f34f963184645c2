package io.acapromoter.events;

import io.acapromoter.domain.Digest;
import io.acapromoter.domain.FindingModel;
import io.acapromoter.domain.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.acapromoter.events.FindingParserTest.fixture;
import static io.acapromoter.events.FindingParserTest.found;
import static io.acapromoter.events.FindingParserTest.parse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payloads exactly as Microsoft publishes them (sources in {@code src/test/resources/findings/README.md}), not
 * built for the parser: what it makes of each.
 */
class DocumentedPayloadsTest {

    static final Digest LEARN_DIGEST = Digest.parse("sha256:4af8e6f002401a965bbe753a381af308b40d8947fad2b9e1f6a369aa81abee59");

    @Test
    void learnsAzureSample_anExemptFinding_showsTheDigestScannedButIsNoFinding() {
        List<ParsedFinding> parsed = parse(fixture("learn-subassessment-azure.json"));

        assertThat(parsed).singleElement().isInstanceOfSatisfying(ParsedFinding.Scanned.class, s -> {
            assertThat(s.digest()).isEqualTo(LEARN_DIGEST);
            assertThat(s.reason()).contains("Exempt");
        });
    }

    @Test
    void learnsAzureSample_whenUnhealthy_isReadFieldByField() {
        String unhealthy = fixture("learn-subassessment-azure.json")
                .replace("\"code\": \"NotApplicable\",\n        \"cause\": \"Exempt\"", "\"code\": \"Unhealthy\"");

        assertThat(found(parse(unhealthy))).singleElement().satisfies(f -> {
            assertThat(f.registry()).isEqualTo("ptebic.azurecr.io");
            assertThat(f.repository()).isEqualTo("public/azureml/aifx/stable-ubuntu2004-cu117-py39-torch200");
            assertThat(f.digest()).isEqualTo(LEARN_DIGEST);
            assertThat(f.cve()).isEqualTo("CVE-2022-42969");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.fixable()).as("fixStatus FixAvailable, though fixedVersion is empty").isTrue();
            assertThat(f.tag()).contains("biweekly.202309.1");
            assertThat(f.model()).isEqualTo(FindingModel.GROUPED_CURRENT);
        });
    }

    @Test
    void learnsAwsSample_isRefusedNamingItsResourceType_theSweepNeverAsksForIt() {
        assertThat(parse(fixture("learn-subassessment-aws.json"))).singleElement()
                .isInstanceOfSatisfying(ParsedFinding.Unreadable.class, u ->
                        assertThat(u.problem()).contains("AwsContainerRegistryVulnerability"));
    }

    @Test
    void theRestSpecsListExample_isRefusedNamingTheAssessmentKeyThatDoesNotFit() {
        assertThat(parse(fixture("restspec-list-subscription-subassessments.json"))).singleElement()
                .isInstanceOfSatisfying(ParsedFinding.Unreadable.class, u ->
                        assertThat(u.problem()).contains("21300918-b2e3-0346-785f-c77ff57d243b"));
    }
}
