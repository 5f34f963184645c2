package io.acapromoter.functions;

import io.acapromoter.policy.PromotionFile;
import io.acapromoter.policy.PromotionFileLoader;
import io.acapromoter.settings.Settings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GroupClaimsCheckTest {

    private static PromotionFile sample(boolean withGroup) throws IOException {
        String yaml = Files.readString(Path.of("promotion.yaml"));
        if (!withGroup) {
            yaml = yaml.replace("        - group:11111111-2222-3333-4444-555555555555\n", "");
        }
        return PromotionFileLoader.parse(yaml, "promotion.yaml");
    }

    @ParameterizedTest
    @ValueSource(strings = {"None", "DirectoryRole", ""})
    void groupApprovers_withoutGroupClaimsInTokens_areRefusedNamingWhereTheyAre(String emitted) throws IOException {
        var problems = GroupClaimsCheck.problems(sample(true), new Settings(Map.of(Settings.AUTH_GROUP_CLAIMS, emitted)));

        assertThat(problems).singleElement().asString()
                .startsWith("targets[0].approval.approvers (shop-web): names group approvers")
                .contains("groupMembershipClaims");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SecurityGroup", "All", "ApplicationGroup", "securitygroup"})
    void groupApprovers_withGroupClaims_pass(String emitted) throws IOException {
        assertThat(GroupClaimsCheck.problems(sample(true), new Settings(Map.of(Settings.AUTH_GROUP_CLAIMS, emitted)))).isEmpty();
    }

    @Test
    void approversByNameOnly_needNoGroupClaims() throws IOException {
        assertThat(GroupClaimsCheck.problems(sample(false), new Settings(Map.of()))).isEmpty();
    }
}
