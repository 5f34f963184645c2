package io.acapromoter.local;

import io.acapromoter.local.bench.RequestBudget;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Azure requests one whole demo promotion makes per rollout strategy, from the push to the end
 * of the monitor window, counted in the simulator's request log. The counts are deterministic (manual
 * clock), so any extra read or token round-trip shows here instead of creeping in unnoticed; lower
 * them when a change saves requests.
 */
class RequestBudgetTest {

    private static final Map<String, long[]> BUDGET = Map.of(
            // strategy: ARM requests (no polls), operation polls, ACR data-plane requests
            "blue-green", new long[] {10, 6, 5},
            "canary", new long[] {13, 8, 5},
            "replace", new long[] {10, 10, 5},
            "job", new long[] {8, 2, 5});

    @Test
    void eachStrategyMakesExactlyItsBudgetedArmPollAndRegistryRequests_andTheReadmeListsThem() throws Exception {
        Map<String, RequestBudget.Counts> measured = RequestBudget.measureAll();

        assertThat(Files.readString(Path.of("README.md"))).as("README's request table, as this run prints it")
                .contains(RequestBudget.markdown(measured));

        assertThat(measured).containsOnlyKeys(BUDGET.keySet());
        measured.forEach((strategy, counts) -> {
            long[] budget = BUDGET.get(strategy);
            assertThat(new long[] {counts.arm(), counts.polls(), counts.acr()})
                    .as("%s requests (arm, polls, acr); by operation: %s", strategy, counts.operations())
                    .containsExactly(budget);
        });
    }

    @Test
    void theRegistryIsAskedOnceForATokenAndNeverForTheManifestItselfWhenItsAttributesCarryTheMediaType() {
        RequestBudget.Counts counts = RequestBudget.measure(RequestBudget.TARGETS.get("blue-green"));

        assertThat(counts.operations()).containsEntry("Acr_ExchangeAadAccessTokenForAcrRefreshToken", 1L)
                .containsEntry("Acr_ExchangeAcrRefreshTokenForAcrAccessToken", 1L)
                .doesNotContainKey("Acr_GetManifest");
    }
}
