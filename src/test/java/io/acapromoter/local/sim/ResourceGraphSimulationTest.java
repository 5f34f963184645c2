package io.acapromoter.local.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.resourcemanager.resourcegraph.ResourceGraphManager;
import com.azure.resourcemanager.resourcegraph.models.QueryRequest;
import com.azure.resourcemanager.resourcegraph.models.QueryRequestOptions;
import com.azure.resourcemanager.resourcegraph.models.QueryResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceGraphSimulationTest {
    private static final String DIGEST = "sha256:" + "1".repeat(64);
    private static final String OTHER = "sha256:" + "2".repeat(64);

    @Test
    void query_returnsTheFindingsOfTheDigestsItNamesInBothShapes() {
        try (AzureSimulator sim = AzureSimulator.builder().start()) {
            sim.createRegistry("rg-acr", "simreg");
            sim.addFinding(VulnerabilityFinding.current("simreg.azurecr.io", "web", DIGEST, "CVE-2024-6387", "High"));
            sim.addFinding(VulnerabilityFinding.legacy("simreg.azurecr.io", "web", DIGEST, "CVE-2023-4911", "Critical"));
            sim.addFinding(VulnerabilityFinding.current("simreg.azurecr.io", "api", OTHER, "CVE-2024-0001", "Low"));
            ResourceGraphManager graph = SimClients.resourceGraph(sim);

            QueryResponse response = graph.resourceProviders().resources(new QueryRequest()
                    .withSubscriptions(List.of(AzureSimulator.DEFAULT_SUBSCRIPTION))
                    .withQuery("securityresources | where type =~ 'microsoft.security/assessments/subassessments' "
                            + "| where properties.additionalData.artifactDetails.digest in ('" + DIGEST + "')"));

            JsonNode rows = new ObjectMapper().valueToTree(response.data());
            assertThat(response.totalRecords()).isEqualTo(2);
            JsonNode current = rows.get(0).path("properties").path("additionalData");
            JsonNode legacy = rows.get(1).path("properties").path("additionalData");
            assertThat(current.path("assessedResourceType").asText()).isEqualTo("AzureContainerRegistryVulnerability");
            assertThat(current.path("vulnerabilityDetails").path("cveId").asText()).isEqualTo("CVE-2024-6387");
            assertThat(current.path("artifactDetails").path("digest").asText()).isEqualTo(DIGEST);
            assertThat(rows.get(0).path("id").asText()).contains("/resourceGroups/rg-acr/").contains(VulnerabilityFinding.CURRENT_ASSESSMENT);
            assertThat(legacy.path("assessedResourceType").asText()).isEqualTo("ContainerRegistryVulnerability");
            assertThat(legacy.path("imageDigest").asText()).isEqualTo(DIGEST);
            assertThat(legacy.path("cve").get(0).path("title").asText()).isEqualTo("CVE-2023-4911");
            assertThat(sim.requests()).extracting(RecordedRequest::apiVersion).containsOnly("2021-03-01");
        }
    }

    @Test
    void query_pagesWithASkipToken() {
        try (AzureSimulator sim = AzureSimulator.builder().start()) {
            sim.createRegistry("rg-acr", "simreg");
            sim.addFinding(VulnerabilityFinding.current("simreg.azurecr.io", "web", DIGEST, "CVE-2024-6387", "High"));
            sim.addFinding(VulnerabilityFinding.current("simreg.azurecr.io", "api", OTHER, "CVE-2024-0001", "Low"));
            ResourceGraphManager graph = SimClients.resourceGraph(sim);

            QueryResponse first = graph.resourceProviders().resources(new QueryRequest().withQuery("securityresources")
                    .withOptions(new QueryRequestOptions().withTop(1)));
            QueryResponse second = graph.resourceProviders().resources(new QueryRequest().withQuery("securityresources")
                    .withOptions(new QueryRequestOptions().withTop(1).withSkipToken(first.skipToken())));

            assertThat(first.totalRecords()).isEqualTo(2);
            assertThat(first.count()).isEqualTo(1);
            assertThat(second.skipToken()).isNull();
            assertThat(new ObjectMapper().valueToTree(second.data()).get(0).path("properties").path("additionalData")
                    .path("artifactDetails").path("digest").asText()).isEqualTo(OTHER);
        }
    }
}
