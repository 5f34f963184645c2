package io.acapromoter.policy;

import io.acapromoter.domain.Digest;
import io.acapromoter.domain.Finding;
import io.acapromoter.domain.FindingModel;
import io.acapromoter.domain.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.acapromoter.policy.RebuildFixtures.digest;
import static io.acapromoter.policy.RebuildFixtures.file;
import static io.acapromoter.policy.RebuildFixtures.finding;
import static io.acapromoter.policy.RebuildFixtures.registryId;
import static io.acapromoter.policy.RebuildFixtures.runningEverywhere;
import static org.assertj.core.api.Assertions.assertThat;

class RebuildPlannerTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:15:00Z");

    @Test
    void plan_rebuildsARunningDigestOnceForAllItsQualifyingCves() {
        RebuildPlanner planner = new RebuildPlanner(file(1, 1, 3, "High", true, "1d"));
        List<Finding> findings = List.of(
                finding(0, 1, "CVE-2026-0002", Severity.HIGH, true),
                finding(0, 1, "CVE-2026-0001", Severity.CRITICAL, true),
                finding(0, 1, "CVE-2026-0003", Severity.MEDIUM, true));

        RebuildPlan plan = planner.plan(findings, runningEverywhere(1), RebuildHistory.none(), NOW);

        assertThat(plan.decisions()).extracting(RebuildDecision::outcome).containsExactly(
                RebuildOutcome.REBUILD, RebuildOutcome.REBUILD, RebuildOutcome.BELOW_THRESHOLD);
        assertThat(plan.rebuilds()).singleElement().satisfies(r -> {
            assertThat(r.target()).isEqualTo("img0");
            assertThat(r.registryResourceId()).isEqualTo(registryId(0));
            assertThat(r.task()).isEqualTo("rebuild-img0");
            assertThat(r.arguments()).isEqualTo(Map.of("BASE", "debian-12"));
            assertThat(r.replaces().toString()).isEqualTo("registry0.azurecr.io/app/img0@" + digest(0));
            assertThat(r.cves()).as("most severe first, below-threshold CVEs left out").containsExactly("CVE-2026-0001", "CVE-2026-0002");
            assertThat(r.windowStart()).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        });
        assertThat(plan.decisions().get(0).reason()).isEqualTo("rebuild " + digest(0).shortHex()
                + " of img0 with task rebuild-img0 for CVE-2026-0001, CVE-2026-0002; it runs in production");
    }

    @ParameterizedTest(name = "{0} {1} fixable={2} -> {4}")
    @CsvSource(delimiter = '|', value = {
            "HIGH     | true  | true  | true  | rebuild              | rebuild 000000000000 of img0",
            "CRITICAL | true  | true  | true  | rebuild              | rebuild 000000000000 of img0",
            "MEDIUM   | true  | true  | true  | below threshold      | CVE-X is Medium, below the rebuild threshold High of img0",
            "LOW      | true  | true  | true  | below threshold      | CVE-X is Low, below the rebuild threshold High of img0",
            "HIGH     | false | true  | true  | not fixable          | no fix available for CVE-X and img0 rebuilds only for fixable findings",
            "HIGH     | true  | false | true  | not running anywhere | 000000000000 runs in neither production nor staging of img0",
            "HIGH     | true  | true  | false | no rebuild policy    | no target takes registry0.azurecr.io/app/other",
    })
    void plan_decidesEachFindingWithAReason(Severity severity, boolean fixable, boolean running, boolean known,
                                             String outcome, String reason) {
        RebuildPlanner planner = new RebuildPlanner(file(1, 1, 3, "High", true, "1d"));
        Finding f = finding(0, 1, "CVE-X", severity, fixable);
        if (!known) {
            f = new Finding(f.id(), f.registry(), "app/other", f.digest(), f.cve(), f.severity(), f.fixable(), f.tag(), f.model());
        }

        RebuildPlan plan = planner.plan(List.of(f), running ? runningEverywhere(1) : RunningImages.none(), RebuildHistory.none(), NOW);

        assertThat(plan.decisions()).singleElement().satisfies(d -> {
            assertThat(d.outcome().label()).isEqualTo(outcome);
            assertThat(d.reason()).startsWith(reason);
            assertThat(d.rebuild().isPresent()).isEqualTo(outcome.equals("rebuild"));
        });
    }

    @Test
    void plan_rebuildsUnfixableFindingsWhenThePolicyAllowsIt() {
        RebuildPlanner planner = new RebuildPlanner(file(1, 1, 3, "High", false, "1d"));

        RebuildPlan plan = planner.plan(List.of(finding(0, 1, "CVE-X", Severity.HIGH, false)), runningEverywhere(1),
                RebuildHistory.none(), NOW);

        assertThat(plan.decisions()).singleElement().extracting(RebuildDecision::outcome).isEqualTo(RebuildOutcome.REBUILD);
    }

    @Test
    void plan_saysWhenTheTargetHasNoRebuildPolicy() {
        PromotionFile promotion = PromotionFileLoader.load(Path.of("promotion.yaml"));
        Digest d = digest(7);
        Finding worker = new Finding("w", "contoso.azurecr.io", "shop/worker", d, "CVE-1", Severity.CRITICAL, true,
                Optional.empty(), FindingModel.GROUPED_CURRENT);
        RunningImages running = new RunningImages(Map.of(d, List.of(new Placement("shop-worker", Placement.Place.PRODUCTION))));

        RebuildDecision decision = new RebuildPlanner(promotion).plan(List.of(worker), running, RebuildHistory.none(), NOW)
                .decisions().get(0);

        assertThat(decision.outcome()).isEqualTo(RebuildOutcome.NO_POLICY);
        assertThat(decision.target()).contains("shop-worker");
        assertThat(decision.reason()).isEqualTo("target shop-worker has no rebuild policy for contoso.azurecr.io/shop/worker");
    }

    @Test
    void plan_namesWhereADigestRunsWhenItIsNotTheTargetOfTheFinding() {
        RebuildPlanner planner = new RebuildPlanner(file(1, 2, 3, "High", true, "1d"));
        RunningImages running = new RunningImages(Map.of(digest(0), List.of(new Placement("img1", Placement.Place.STAGING))));

        RebuildDecision decision = planner.plan(List.of(finding(0, 1, "CVE-X", Severity.HIGH, true)), running,
                RebuildHistory.none(), NOW).decisions().get(0);

        assertThat(decision.outcome()).isEqualTo(RebuildOutcome.NOT_RUNNING);
        assertThat(decision.reason()).endsWith("(it runs in [img1 staging])");
    }

    @Test
    void plan_rebuildsOnceWhenDefenderRepeatsTheSameFindingsTheNextDayWithinTheWindow() {
        RebuildPlanner planner = new RebuildPlanner(file(1, 1, 3, "High", true, "2d"));
        List<Finding> daily = List.of(finding(0, 1, "CVE-A", Severity.HIGH, true), finding(0, 1, "CVE-B", Severity.CRITICAL, true));

        RebuildPlan first = planner.plan(daily, runningEverywhere(1), RebuildHistory.none(), NOW);
        RebuildHistory afterFirst = new RebuildHistory(Map.of(new RebuildHistory.Rebuild("img0", digest(0)), NOW), Set.of(), Map.of());
        RebuildPlan nextDay = planner.plan(daily, runningEverywhere(1), afterFirst, NOW.plus(Duration.ofDays(1)));
        RebuildPlan afterWindow = planner.plan(daily, runningEverywhere(1), afterFirst, NOW.plus(Duration.ofDays(2)));

        assertThat(first.rebuilds()).hasSize(1);
        assertThat(nextDay.rebuilds()).isEmpty();
        assertThat(nextDay.decisions()).allSatisfy(d -> {
            assertThat(d.outcome()).isEqualTo(RebuildOutcome.RECENTLY_REBUILT);
            assertThat(d.reason()).contains("was rebuilt at 2026-11-23T10:15:00Z, within the 2d window of img0");
        });
        assertThat(afterWindow.rebuilds()).as("a new window allows a new rebuild").hasSize(1);
    }

    @Test
    void plan_givesTheSameRequestToRedeliveredFindingsInOneWindow() {
        RebuildPlanner planner = new RebuildPlanner(file(1, 1, 3, "High", true, "1d"));
        List<Finding> daily = List.of(finding(0, 1, "CVE-A", Severity.HIGH, true));

        RebuildRequest morning = planner.plan(daily, runningEverywhere(1), RebuildHistory.none(), NOW).rebuilds().get(0);
        RebuildRequest evening = planner.plan(daily, runningEverywhere(1), RebuildHistory.none(), NOW.plus(Duration.ofHours(8)))
                .rebuilds().get(0);

        assertThat(evening).isEqualTo(morning);
    }

    @Test
    void plan_doesNotStartASecondRebuildOfADigestBeingRebuilt() {
        RebuildPlanner planner = new RebuildPlanner(file(1, 1, 3, "High", true, "1d"));
        RebuildHistory history = new RebuildHistory(Map.of(), Set.of(new RebuildHistory.Rebuild("img0", digest(0))), Map.of(registryId(0), 1));

        RebuildPlan plan = planner.plan(List.of(finding(0, 1, "CVE-A", Severity.HIGH, true)), runningEverywhere(1), history, NOW);

        assertThat(plan.decisions()).singleElement().satisfies(d -> {
            assertThat(d.outcome()).isEqualTo(RebuildOutcome.ALREADY_REBUILDING);
            assertThat(d.reason()).isEqualTo("a rebuild of " + digest(0).shortHex() + " for img0 is already running");
        });
    }

    @ParameterizedTest(name = "{0} registries, max {1} each -> {2} rebuilds")
    @CsvSource({
            "1, 3, 3",
            "5, 3, 15",
            "5, 20, 50",
            "1, 50, 50",
    })
    void plan_burstOf500FindingsOver50Images_rebuildsEachImageOnceWithinThePerRegistryCap(int registries, int max, int expected) {
        RebuildPlanner planner = new RebuildPlanner(file(registries, 50, max, "High", true, "1d"));
        List<Finding> burst = new ArrayList<>();
        for (int n = 0; n < 10; n++) {
            for (int image = 0; image < 50; image++) {
                burst.add(finding(image, registries, "CVE-2026-" + (1000 + n), n % 2 == 0 ? Severity.HIGH : Severity.CRITICAL, true));
            }
        }

        RebuildPlan plan = planner.plan(burst, runningEverywhere(50), RebuildHistory.none(), NOW);

        assertThat(plan.decisions()).hasSize(500);
        assertThat(plan.rebuilds()).hasSize(expected);
        assertThat(plan.rebuilds()).extracting(r -> r.replaces().digest()).doesNotHaveDuplicates();
        assertThat(plan.rebuilds()).allSatisfy(r -> assertThat(r.cves()).hasSize(10));
        for (int r = 0; r < registries; r++) {
            String id = registryId(r);
            assertThat(plan.rebuilds().stream().filter(q -> q.registryResourceId().equals(id)).count()).isLessThanOrEqualTo(max);
        }
        assertThat(plan.count(RebuildOutcome.REBUILD)).isEqualTo(expected * 10L);
        assertThat(plan.count(RebuildOutcome.DEFERRED)).isEqualTo((50L - expected) * 10);
        plan.decisions().stream().filter(d -> d.outcome() == RebuildOutcome.DEFERRED).findFirst().ifPresent(d ->
                assertThat(d.reason()).matches("deferred: " + max + " rebuilds already running for registry registry\\d \\(max " + max + "\\)"));
    }

    @Test
    void plan_countsRebuildsAlreadyRunningInTheRegistryAgainstTheCap() {
        RebuildPlanner planner = new RebuildPlanner(file(1, 3, 3, "High", true, "1d"));
        RebuildHistory history = new RebuildHistory(Map.of(), Set.of(), Map.of(registryId(0).toUpperCase(), 2));
        List<Finding> findings = List.of(finding(0, 1, "CVE-A", Severity.HIGH, true), finding(1, 1, "CVE-A", Severity.HIGH, true),
                finding(2, 1, "CVE-A", Severity.HIGH, true));

        RebuildPlan plan = planner.plan(findings, runningEverywhere(3), history, NOW);

        assertThat(plan.decisions()).extracting(RebuildDecision::outcome)
                .containsExactly(RebuildOutcome.REBUILD, RebuildOutcome.DEFERRED, RebuildOutcome.DEFERRED);
        assertThat(plan.decisions().get(1).reason()).isEqualTo("deferred: 3 rebuilds already running for registry registry0 (max 3)");
    }

    @Test
    void plan_givesTheFreeSlotsToTheMostSevereDigestsFirst() {
        RebuildPlanner planner = new RebuildPlanner(file(1, 3, 1, "High", true, "1d"));
        List<Finding> findings = List.of(finding(0, 1, "CVE-A", Severity.HIGH, true), finding(1, 1, "CVE-B", Severity.CRITICAL, true),
                finding(2, 1, "CVE-C", Severity.HIGH, true));

        RebuildPlan plan = planner.plan(findings, runningEverywhere(3), RebuildHistory.none(), NOW);

        assertThat(plan.decisions()).extracting(RebuildDecision::outcome)
                .containsExactly(RebuildOutcome.DEFERRED, RebuildOutcome.REBUILD, RebuildOutcome.DEFERRED);
        assertThat(plan.decisions()).extracting(d -> d.finding().cve()).as("decisions stay in input order")
                .containsExactly("CVE-A", "CVE-B", "CVE-C");
    }

    @Test
    void windowStart_alignsOnTheEpochSoOneWindowGivesOneStart() {
        assertThat(RebuildPlanner.windowStart(Instant.parse("2026-11-23T23:59:59Z"), Duration.ofDays(1)))
                .isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(RebuildPlanner.windowStart(Instant.parse("2026-11-23T13:00:00Z"), Duration.ofHours(6)))
                .isEqualTo(Instant.parse("2026-11-23T12:00:00Z"));
    }
}
