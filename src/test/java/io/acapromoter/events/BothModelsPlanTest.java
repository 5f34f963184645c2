package io.acapromoter.events;

import io.acapromoter.domain.Digest;
import io.acapromoter.domain.Finding;
import io.acapromoter.domain.FindingModel;
import io.acapromoter.domain.FindingSets;
import io.acapromoter.policy.Placement;
import io.acapromoter.policy.PromotionFile;
import io.acapromoter.policy.PromotionFileLoader;
import io.acapromoter.policy.RebuildDecision;
import io.acapromoter.policy.RebuildHistory;
import io.acapromoter.policy.RebuildOutcome;
import io.acapromoter.policy.RebuildPlan;
import io.acapromoter.policy.RebuildPlanner;
import io.acapromoter.policy.RebuildRequest;
import io.acapromoter.policy.RunningImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same vulnerability (CVE-2024-6387, High, fix available, on contoso.azurecr.io/shop/web@sha256:213b…) delivered
 * in either Defender model and every wrapper must drive the same planner decision: one rebuild of web for that CVE.
 */
class BothModelsPlanTest {

    static final Digest DIGEST = Digest.parse("sha256:213bbc182920ab41e18edc2001e06abcca6735d87782d9cef68abd83941cf0e5");
    static final Instant NOW = Instant.parse("2026-11-23T10:15:00Z");
    static final String REGISTRY_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/shared/providers/"
            + "Microsoft.ContainerRegistry/registries/contoso";
    static final PromotionFile FILE = PromotionFileLoader.parse("""
            registries: [contoso.azurecr.io]
            approval: { approvers: [alice@contoso.com] }
            targets:
              - name: web
                registry: contoso.azurecr.io
                repository: shop/web
                tags: '^v.*$'
                production: { resourceId: /subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/prod/providers/Microsoft.App/jobs/web, container: main }
                staging: { strategy: job, resourceId: /subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/staging/providers/Microsoft.App/jobs/web-staging }
                rollout: { strategy: job }
                rebuild: { registryResourceId: %s, task: patch-web, minSeverity: High }
              - name: web-eu
                registry: contoso.azurecr.io
                repository: shop/web
                tags: '^v.*$'
                production: { resourceId: /subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/eu/providers/Microsoft.App/jobs/web, container: main }
                staging: { strategy: job, resourceId: /subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/eu/providers/Microsoft.App/jobs/web-staging }
                rollout: { strategy: job }
                rebuild: { registryResourceId: %s, task: patch-web-eu, minSeverity: High }
            """.formatted(REGISTRY_ID, REGISTRY_ID), "both-models.yaml");

    static String fixture(String name) {
        try (InputStream in = BothModelsPlanTest.class.getResourceAsStream("/findings/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("fixture " + name, e);
        }
    }

    static List<Finding> findings(String file) {
        return FindingSets.distinct(FindingParser.parse(fixture(file), FindingParserTest.HOSTS).stream()
                .filter(p -> p instanceof ParsedFinding.Found).map(p -> ((ParsedFinding.Found) p).finding())
                .filter(f -> f.digest().equals(DIGEST)).toList());
    }

    static RunningImages webRuns(Digest digest) {
        return new RunningImages(Map.of(digest, List.of(new Placement("web", Placement.Place.PRODUCTION))));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({
            "current.json,                    GROUPED_CURRENT",
            "export-current.json,             GROUPED_CURRENT",
            "cloudevent.json,                 GROUPED_CURRENT",
            "individual.json,                 INDIVIDUAL",
            "individual-export.json,          INDIVIDUAL",
            "individual-arm-registry.json,    INDIVIDUAL",
            "individual-eventgrid.json,       INDIVIDUAL",
            "individual-cloudevent.json,      INDIVIDUAL",
            "individual-batch.json,           INDIVIDUAL",
            "resource-graph-both-models.json, GROUPED_CURRENT",
    })
    void plan_decidesTheSameForTheSameFindingInEitherModelAndWrapper(String file, FindingModel model) {
        List<Finding> found = findings(file);

        RebuildPlan plan = new RebuildPlanner(FILE).plan(found, webRuns(DIGEST), RebuildHistory.none(), NOW);

        assertThat(found).as("one finding per CVE per digest, whatever reported it").singleElement().satisfies(f -> {
            assertThat(f.model()).isEqualTo(model);
            assertThat(f.registry()).isEqualTo("contoso.azurecr.io");
            assertThat(f.repository()).isEqualTo("shop/web");
            assertThat(f.cve()).isEqualTo("CVE-2024-6387");
            assertThat(f.fixable()).isTrue();
        });
        assertThat(plan.decisions()).extracting(RebuildDecision::outcome).containsExactly(RebuildOutcome.REBUILD);
        assertThat(plan.rebuilds()).singleElement().satisfies(r -> {
            assertThat(r.target()).isEqualTo("web");
            assertThat(r.task()).isEqualTo("patch-web");
            assertThat(r.cves()).containsExactly("CVE-2024-6387");
            assertThat(r.replaces().toString()).isEqualTo("contoso.azurecr.io/shop/web@" + DIGEST);
        });
    }

    @Test
    void plan_rebuildsEveryTargetThatRunsTheDigest() {
        RunningImages both = new RunningImages(Map.of(DIGEST, List.of(new Placement("web", Placement.Place.PRODUCTION),
                new Placement("web-eu", Placement.Place.STAGING))));

        RebuildPlan plan = new RebuildPlanner(FILE).plan(findings("individual.json"), both, RebuildHistory.none(), NOW);

        assertThat(plan.rebuilds()).extracting(RebuildRequest::target).containsExactly("web", "web-eu");
        assertThat(plan.rebuilds()).extracting(RebuildRequest::task).containsExactly("patch-web", "patch-web-eu");
    }

    @Test
    void plan_keepsRebuildingAnotherTargetWhileOneTargetsRebuildOfTheDigestRuns() {
        RunningImages both = new RunningImages(Map.of(DIGEST, List.of(new Placement("web", Placement.Place.PRODUCTION),
                new Placement("web-eu", Placement.Place.PRODUCTION))));
        RebuildHistory webBusy = new RebuildHistory(Map.of(), java.util.Set.of(new RebuildHistory.Rebuild("web", DIGEST)), Map.of());

        RebuildPlan plan = new RebuildPlanner(FILE).plan(findings("current.json"), both, webBusy, NOW);

        assertThat(plan.decisions()).extracting(RebuildDecision::outcome)
                .containsExactly(RebuildOutcome.ALREADY_REBUILDING, RebuildOutcome.REBUILD);
        assertThat(plan.rebuilds()).extracting(RebuildRequest::target).containsExactly("web-eu");
    }

    @Test
    void parse_readsHealthyIndividualRecommendationsAsScanEvidenceAndSkipsOtherResourceTypes() {
        List<ParsedFinding> parsed = FindingParser.parse(fixture("individual-batch.json"), FindingParserTest.HOSTS);

        assertThat(parsed.get(1)).isInstanceOfSatisfying(ParsedFinding.Scanned.class, s -> assertThat(s.digest()).isEqualTo(DIGEST));
        assertThat(parsed.get(2)).isInstanceOfSatisfying(ParsedFinding.Skipped.class,
                s -> assertThat(s.reason()).contains("'Microsoft.Compute/virtualMachines', not a container image"));
        assertThat(parsed.get(3)).isInstanceOfSatisfying(ParsedFinding.Unreadable.class,
                u -> assertThat(u.problem()).startsWith("finding [3]: no image digest"));
    }

    @Test
    void parse_treatsAnIndividualRecommendationsExportDeleteAsResolved() {
        assertThat(FindingParser.parse(fixture("individual-export-delete.json"))).singleElement()
                .isInstanceOfSatisfying(ParsedFinding.Skipped.class, s -> assertThat(s.reason()).contains("export action Delete"));
    }

    @Test
    void parse_refusesARegistryNamedOnlyByItsArmIdWhenARMCannotResolveIt_neverGuessingAzurecrIo() {
        assertThat(FindingParser.parse(fixture("individual-arm-registry.json"), RegistryHosts.NONE)).singleElement()
                .isInstanceOfSatisfying(ParsedFinding.Unreadable.class, u -> assertThat(u.problem())
                        .contains("no registry host", "the login server of " + REGISTRY_ID + " could not be read from ARM"));
        assertThat(FindingParser.parse(fixture("legacy.json"), id -> java.util.Optional.of("contoso.azurecr.us")).get(0))
                .isInstanceOfSatisfying(ParsedFinding.Found.class, f -> assertThat(f.finding().registry()).isEqualTo("contoso.azurecr.us"));
    }

    @Test
    void looksLikeFindings_recognisesIndividualRecommendations() {
        assertThat(FindingParser.looksLikeFindings(fixture("individual-export.json"))).isTrue();
        assertThat(FindingParser.looksLikeFindings(fixture("individual-cloudevent.json"))).isTrue();
    }
}
