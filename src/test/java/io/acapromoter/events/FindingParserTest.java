package io.acapromoter.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acapromoter.domain.Digest;
import io.acapromoter.domain.Finding;
import io.acapromoter.domain.FindingModel;
import io.acapromoter.domain.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Sub-assessments in both shapes and every wrapping Defender, Event Grid and CloudEvents use. */
class FindingParserTest {

    /** The registries of the fixtures, as ARM would answer for their login servers. */
    static final RegistryHosts HOSTS = id -> id.toLowerCase(java.util.Locale.ROOT).endsWith("/registries/contoso")
            ? Optional.of("contoso.azurecr.io") : Optional.empty();

    static List<ParsedFinding> parse(String body) {
        return FindingParser.parse(body, HOSTS);
    }

    static final ObjectMapper JSON = new ObjectMapper();
    static final Digest CURRENT_DIGEST = Digest.parse("sha256:213bbc182920ab41e18edc2001e06abcca6735d87782d9cef68abd83941cf0e5");
    static final Digest LEGACY_DIGEST = Digest.parse("sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");

    static String fixture(String name) {
        try (InputStream in = FindingParserTest.class.getResourceAsStream("/findings/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing fixture " + name, e);
        }
    }

    static List<Finding> found(List<ParsedFinding> parsed) {
        return parsed.stream().filter(p -> p instanceof ParsedFinding.Found)
                .map(p -> ((ParsedFinding.Found) p).finding()).toList();
    }

    /** F found, S skipped, U unreadable, one letter per result. */
    static String kinds(List<ParsedFinding> parsed) {
        return parsed.stream().map(p -> p instanceof ParsedFinding.Found ? "F" : p instanceof ParsedFinding.Skipped ? "S"
                : p instanceof ParsedFinding.Scanned ? "C" : "U")
                .collect(Collectors.joining());
    }

    @Test
    void parse_readsTheCurrentShape() {
        List<ParsedFinding> parsed = parse(fixture("current.json"));

        assertThat(found(parsed)).singleElement().satisfies(f -> {
            assertThat(f.id()).endsWith("/assessments/c0b7cfc6-3172-465a-b378-53c7ff2cc0d5/subassessments/6a1e4d5c-0f3b-4c43-9d64-1f1b8f0e2a11");
            assertThat(f.registry()).isEqualTo("contoso.azurecr.io");
            assertThat(f.repository()).isEqualTo("shop/web");
            assertThat(f.digest()).isEqualTo(CURRENT_DIGEST);
            assertThat(f.cve()).isEqualTo("CVE-2024-6387");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.fixable()).isTrue();
            assertThat(f.tag()).contains("v1.4.2");
            assertThat(f.model()).isEqualTo(FindingModel.GROUPED_CURRENT);
        });
    }

    @Test
    void parse_readsTheLegacyShapeAsOneFindingPerCve() {
        List<ParsedFinding> parsed = parse(fixture("legacy.json"));

        assertThat(found(parsed)).extracting(Finding::cve).containsExactly("CVE-2023-5363", "CVE-2023-5678");
        assertThat(found(parsed)).allSatisfy(f -> {
            assertThat(f.id()).endsWith("/subassessments/3e2f1a0b-7c6d-4e5f-8a9b-0c1d2e3f4a5b");
            assertThat(f.registry()).as("derived from the registry id").isEqualTo("contoso.azurecr.io");
            assertThat(f.repository()).isEqualTo("shop/web");
            assertThat(f.digest()).isEqualTo(LEGACY_DIGEST);
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.fixable()).isTrue();
            assertThat(f.tag()).isEmpty();
            assertThat(f.model()).isEqualTo(FindingModel.GROUPED_LEGACY);
        });
    }

    @Test
    void parse_prefersALegacyRegistryHostFieldAndFallsBackToTheVendorIdWithoutCves() throws IOException {
        ObjectNode legacy = (ObjectNode) JSON.readTree(fixture("legacy.json"));
        ObjectNode data = (ObjectNode) legacy.path("properties").path("additionalData");
        data.put("registryHost", "Mirror.AzureCR.io");
        data.putArray("cve");
        data.put("patchable", false);

        Finding f = found(parse(legacy.toString())).get(0);

        assertThat(f.registry()).isEqualTo("mirror.azurecr.io");
        assertThat(f.cve()).isEqualTo("178367");
        assertThat(f.fixable()).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "current.json,         F",
            "legacy.json,          FF",
            "export-current.json,  F",
            "export-delete.json,   S",
            "eventgrid.json,       FF",
            "cloudevent.json,      F",
            "list.json,            FC",
            "batch.json,           FCFFUU",
            "eventgrid-batch.json, FFFU",
            "unknown-shape.json,   U",
            "resource-graph.json,  FFF",
    })
    void parse_acceptsEveryWrappingAndReadsEachElementOnItsOwn(String file, String expected) {
        assertThat(kinds(parse(fixture(file)))).isEqualTo(expected);
    }

    @Test
    void parse_givesAReasonForEverySkipAndRefusalInABatch() {
        List<ParsedFinding> parsed = parse(fixture("batch.json"));

        assertThat(parsed.get(1)).isEqualTo(new ParsedFinding.Scanned(parsed.get(1).id(),
                ((ParsedFinding.Scanned) parsed.get(1)).digest(), "finding [1]: healthy: not a finding"));
        assertThat(((ParsedFinding.Unreadable) parsed.get(4)).problem())
                .isEqualTo("finding [3]: unknown shape: assessedResourceType 'SqlServerVulnerability' is not a container registry"
                        + " vulnerability (expected AzureContainerRegistryVulnerability or ContainerRegistryVulnerability)");
        assertThat(((ParsedFinding.Unreadable) parsed.get(5)).problem())
                .isEqualTo("finding [4]: properties.additionalData.artifactDetails.digest is missing");
        assertThat(parsed.get(5).id()).endsWith("/nodigest-1");
    }

    @Test
    void parse_skipsNotApplicableWithItsCauseAndRemovedExportsAsResolved() {
        List<ParsedFinding> list = parse(fixture("list.json"));
        List<ParsedFinding> deleted = parse(fixture("export-delete.json"));

        assertThat(((ParsedFinding.Scanned) list.get(1)).reason()).isEqualTo("finding [1]: not applicable (Exempt): not a finding");
        assertThat(((ParsedFinding.Skipped) deleted.get(0)).reason()).contains("export action Delete", "resolved");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/properties/additionalData/artifactDetails/registryHost   | | properties.additionalData.artifactDetails.registryHost is missing",
            "/properties/additionalData/artifactDetails/repositoryName | | properties.additionalData.artifactDetails.repositoryName is missing",
            "/properties/additionalData/artifactDetails/digest         | | properties.additionalData.artifactDetails.digest is missing",
            "/properties/additionalData/artifactDetails/digest         | sha256:abc | properties.additionalData.artifactDetails.digest: invalid image reference 'sha256:abc'",
            "/properties/additionalData/assessedResourceType           | | properties.additionalData.assessedResourceType is missing",
            "/properties/additionalData/assessedResourceType           | AwsContainerRegistryVulnerability | unknown shape: assessedResourceType 'AwsContainerRegistryVulnerability'",
            "/properties/additionalData/vulnerabilityDetails/severity  | Unknown | properties.additionalData.vulnerabilityDetails.severity 'Unknown' is not one of Low, Medium, High, Critical",
            "/properties/status/code                                   | | properties.status.code is missing",
            "/properties/status/code                                   | Removed | unknown properties.status.code 'Removed'",
            "/type                                                     | Microsoft.Security/pricings | type 'Microsoft.Security/pricings' is not a sub-assessment",
            "/id | /subscriptions/x/providers/Microsoft.Security/assessments/dbd0cb49-b563-45e7-9724-889e799fa648/subassessments/a | assessment key dbd0cb49-b563-45e7-9724-889e799fa648 does not go with AzureContainerRegistryVulnerability",
    })
    void parse_refusesMissingOrBadFieldsWithTheFieldName(String pointer, String value, String problem) throws IOException {
        JsonNode node = JSON.readTree(fixture("current.json"));
        int slash = pointer.lastIndexOf('/');
        ObjectNode parent = (ObjectNode) node.at(pointer.substring(0, slash));
        if (value == null) {
            parent.remove(pointer.substring(slash + 1));
        } else {
            parent.put(pointer.substring(slash + 1), value);
        }

        assertThat(parse(node.toString())).singleElement()
                .isInstanceOfSatisfying(ParsedFinding.Unreadable.class, u -> assertThat(u.problem()).startsWith(problem));
    }

    @Test
    void parse_usesTheStatusSeverityWhenTheVulnerabilityDetailsHaveNone() throws IOException {
        ObjectNode node = (ObjectNode) JSON.readTree(fixture("current.json"));
        ((ObjectNode) node.at("/properties/additionalData/vulnerabilityDetails")).remove("severity");
        ((ObjectNode) node.at("/properties/status")).put("severity", "Medium");
        ((ObjectNode) node.at("/properties/additionalData/softwareDetails")).put("fixStatus", "NoFixAvailable");

        Finding f = found(parse(node.toString())).get(0);

        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.fixable()).isFalse();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({
            "'not json',            malformed JSON: Unrecognized token 'not'",
            "'',                    empty body",
            "'[]',                  no sub-assessments or recommendations in the payload",
            "'[1]',                 not a JSON object",
            "'{\"specversion\":\"1.0\",\"id\":\"c1\",\"type\":\"t\"}', CloudEvent c1 has no data",
    })
    void parse_refusesPayloadsThatCarryNoSubAssessment(String body, String problem) {
        assertThat(parse(body)).singleElement()
                .isInstanceOfSatisfying(ParsedFinding.Unreadable.class, u -> assertThat(u.problem()).startsWith(problem));
    }

    @Test
    void parse_readsCloudEventDataSentAsBase64OrAsAJsonString() {
        String current = fixture("current.json");
        String base64 = "{\"specversion\":\"1.0\",\"id\":\"c1\",\"type\":\"t\",\"source\":\"s\",\"data_base64\":\""
                + java.util.Base64.getEncoder().encodeToString(current.getBytes(StandardCharsets.UTF_8)) + "\"}";
        String asString = "{\"id\":\"e1\",\"eventType\":\"t\",\"dataVersion\":\"1\",\"data\":" + JSON.valueToTree(current) + "}";

        assertThat(kinds(parse(base64))).isEqualTo("F");
        assertThat(kinds(parse(asString))).isEqualTo("F");
    }

    @Test
    void parse_skipsTheEventGridSubscriptionValidationHandshake() {
        String body = "[{\"id\":\"v1\",\"eventType\":\"Microsoft.EventGrid.SubscriptionValidationEvent\",\"dataVersion\":\"2\","
                + "\"data\":{\"validationCode\":\"512d38b6\"}}]";

        assertThat(parse(body)).singleElement().isInstanceOfSatisfying(ParsedFinding.Skipped.class,
                s -> assertThat(s.reason()).startsWith("Event Grid subscription validation"));
        assertThat(FindingParser.looksLikeFindings(body)).isFalse();
    }

    @Test
    void parse_refusesEventDataThatIsNotASubAssessment() {
        String body = "{\"id\":\"e9\",\"eventType\":\"Custom.Thing\",\"dataVersion\":\"1\",\"data\":{\"hello\":\"world\"}}";

        assertThat(parse(body)).singleElement().isInstanceOfSatisfying(ParsedFinding.Unreadable.class,
                u -> assertThat(u.problem()).isEqualTo("properties is missing: not a sub-assessment"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "findings/current.json,         true",
            "findings/legacy.json,          true",
            "findings/batch.json,           true",
            "findings/list.json,            true",
            "findings/eventgrid.json,       true",
            "findings/eventgrid-batch.json, true",
            "findings/cloudevent.json,      true",
            "findings/export-delete.json,   true",
            "findings/unknown-shape.json,   true",
            "findings/resource-graph.json,  true",
            "events/push-tag.eventgrid.json,  false",
            "events/push-tag.cloudevent.json, false",
            "events/batch.eventgrid.json,     false",
            "events/unknown-type.eventgrid.json, false",
            "events/malformed.json,           false",
    })
    void looksLikeFindings_decidesByContent(String file, boolean expected) throws IOException {
        String body = Files.readString(Path.of("src/test/resources", file));

        assertThat(FindingParser.looksLikeFindings(body)).isEqualTo(expected);
    }

    @Test
    void parse_keepsTheFindingIdStableAcrossWrappings() {
        Optional<String> plain = found(parse(fixture("current.json"))).stream().map(Finding::id).findFirst();
        Optional<String> wrapped = found(parse(fixture("cloudevent.json"))).stream().map(Finding::id).findFirst();

        assertThat(plain).isPresent().isEqualTo(wrapped);
    }
}
