package io.acapromoter.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.acapromoter.policy.PromotionFile;
import io.acapromoter.policy.PromotionFileLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AllowListPolicyTest {

    static final Path COMMITTED = Path.of("infra/policy/allowed-images.json");

    final PromotionFile file = PromotionFileLoader.load(Path.of("promotion.yaml"));

    @Test
    void theCommittedDefinitionIsTheOneGeneratedFromThePromotionFile() throws Exception {
        JsonNode committed = AllowListPolicy.JSON.readTree(COMMITTED.toFile());

        assertThat(committed).as("infra/policy/allowed-images.json is stale: regenerate it with "
                + "'bin/promoter allow-list-policy promotion.yaml > infra/policy/allowed-images.json'")
                .isEqualTo(AllowListPolicy.definition(file));
    }

    @Test
    void theDefinitionAllowsExactlyThePromotionFilesRegistriesAndDeniesByDefault() throws Exception {
        JsonNode committed = AllowListPolicy.JSON.readTree(COMMITTED.toFile());

        List<String> allowed = new ArrayList<>();
        committed.at("/parameters/allowedRegistries/defaultValue").forEach(r -> allowed.add(r.asText()));
        assertThat(allowed).containsExactlyElementsOf(file.registries());
        assertThat(committed.at("/parameters/effect/defaultValue").asText()).isEqualTo("Deny");
        assertThat(committed.at("/parameters/effect/allowedValues").toString()).contains("Deny", "Audit", "Disabled");
        assertThat(committed.at("/policyRule/then/effect").asText()).isEqualTo("[parameters('effect')]");
    }

    @Test
    void theRuleChecksEveryContainerOfAppsAndJobsForRegistryAndDigest() {
        JsonNode rule = AllowListPolicy.definition(file).at("/policyRule/if/anyOf");

        assertThat(rule).hasSize(2);
        for (int t = 0; t < 2; t++) {
            String type = rule.get(t).at("/allOf/0/equals").asText();
            assertThat(type).isEqualTo(List.of("Microsoft.App/containerApps", "Microsoft.App/jobs").get(t));
            JsonNode arrays = rule.get(t).at("/allOf/1/anyOf");
            assertThat(arrays).hasSize(2);
            for (int a = 0; a < 2; a++) {
                String alias = type + "/template." + List.of("containers", "initContainers").get(a) + "[*]";
                JsonNode count = arrays.get(a);
                assertThat(count.at("/count/field").asText()).isEqualTo(alias);
                assertThat(count.at("/greater").asInt()).isZero();
                JsonNode registry = count.at("/count/where/anyOf/0");
                assertThat(registry.get("value").asText()).isEqualTo("[first(split(current('" + alias + ".image'), '/'))]");
                assertThat(registry.get("notIn").asText()).isEqualTo("[parameters('allowedRegistries')]");
                JsonNode digest = count.at("/count/where/anyOf/1");
                assertThat(digest.get("field").asText()).isEqualTo(alias + ".image");
                assertThat(digest.get("notContains").asText()).isEqualTo("@sha256:");
            }
        }
    }
}
