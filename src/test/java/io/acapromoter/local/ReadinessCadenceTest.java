package io.acapromoter.local;

import com.microsoft.durabletask.JacksonDataConverter;
import io.acapromoter.domain.PinnedImage;
import io.acapromoter.local.durable.DurableDriver;
import io.acapromoter.local.durable.ManualClock;
import io.acapromoter.orchestration.Activities;
import io.acapromoter.orchestration.Activity;
import io.acapromoter.orchestration.Check;
import io.acapromoter.orchestration.Deployment;
import io.acapromoter.orchestration.Names;
import io.acapromoter.orchestration.Plan;
import io.acapromoter.orchestration.PromotionInput;
import io.acapromoter.orchestration.PromotionOrchestrator;
import io.acapromoter.orchestration.StagingStep;
import io.acapromoter.orchestration.Verification;
import io.acapromoter.policy.ResourceKind;
import io.acapromoter.policy.RolloutStrategy;
import io.acapromoter.policy.StagingStrategy;
import io.acapromoter.ports.Notifier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How often the orchestrator looks at a staging deployment, on the driver's manual clock (simulated time: no
 * timing assertion). Azure's deployment operation runs while the revision provisions; reading the operation is a
 * poll, reading the revision an ARM request. The fake {@code CheckStaging} answers as the real one does: while the
 * operation runs and only the operation is asked for, no revision read; otherwise the revision is read.
 */
class ReadinessCadenceTest {

    static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    static final long READY_TIMEOUT = 300;

    /** One {@code CheckStaging} call: when, and whether it read the revision (an ARM request). */
    record Look(Instant at, boolean revisionRead) {
    }

    final ManualClock clock = new ManualClock(START);
    final List<Look> looks = new ArrayList<>();
    Instant noticed;

    @ParameterizedTest(name = "operation done after {0} s, revision ready after {1} s")
    @CsvSource({"0,0", "3,3", "7,7", "20,20", "41,41", "97,97", "179,179", "10,22", "0,33", "60,64"})
    void aRevisionReadyWithinTheProvisioningWindow_isNoticedWithin5s_withAtMostOneRevisionReadPer5s(long opDone, long ready) {
        run(opDone, ready);

        assertThat(Duration.between(START.plusSeconds(ready), noticed).toSeconds()).as("noticed after ready, %s", looks)
                .isBetween(0L, 5L);
        assertRevisionReadsAtLeast5sApart();
    }

    @Test
    void aRevisionReadyAfterTheProvisioningWindow_isNoticedOnTheBackoff_within30s() {
        run(200, 200);

        assertThat(Duration.between(START.plusSeconds(200), noticed).toSeconds()).as("%s", looks).isBetween(0L, 30L);
        assertRevisionReadsAtLeast5sApart();
    }

    @Test
    void aRevisionNeverReady_isReadLastAtTheReadyTimeoutItself() {
        run(100_000, 100_000);

        assertThat(noticed).isNull();
        Look last = looks.get(looks.size() - 1);
        assertThat(last.at()).isEqualTo(START.plusSeconds(READY_TIMEOUT));
        assertThat(last.revisionRead()).as("the last look reads the revision").isTrue();
        assertRevisionReadsAtLeast5sApart();
    }

    void assertRevisionReadsAtLeast5sApart() {
        List<Instant> reads = looks.stream().filter(Look::revisionRead).map(Look::at).toList();
        for (int i = 1; i < reads.size(); i++) {
            assertThat(Duration.between(reads.get(i - 1), reads.get(i)).toSeconds()).as("revision reads %s", reads)
                    .isGreaterThanOrEqualTo(5L);
        }
        // The driver's clock moves a millisecond per episode: whole seconds are compared.
        for (int i = 1; i < looks.size(); i++) {
            assertThat(Duration.between(looks.get(i - 1).at(), looks.get(i).at()).toSeconds()).as("looks %s", looks)
                    .isBetween(5L, 30L);
        }
    }

    /** A promotion whose staging operation ends {@code opDone} s and revision is ready {@code ready} s after the deploy. */
    void run(long opDone, long ready) {
        DurableDriver driver = new DurableDriver(clock);
        driver.registerOrchestrator(Names.PROMOTION_ORCHESTRATOR, PromotionOrchestrator::run);
        on(driver, Activities.LOAD_PLAN, r -> new Plan("web", ResourceKind.CONTAINER_APP, StagingStrategy.LABEL,
                RolloutStrategy.BLUE_GREEN, READY_TIMEOUT, List.of(), 0, 0, 60, 1, List.of("alice@example.com"), 86400,
                14400, 0, 0, null, null, List.of(), List.of(), null));
        on(driver, Activities.VERIFY_CANDIDATE, r -> new Verification(Verification.Verdict.VERIFIED, "verified",
                "demoacr.azurecr.io/shop/web:1.0", "web--initial", List.of()));
        on(driver, Activities.SUPERSEDE_OLDER, r -> Check.passed("nothing older"));
        on(driver, Activities.DEPLOY_STAGING, r -> new Deployment("web--sha-1", "https://web---staging.example.io",
                "revision web--sha-1 labelled staging", List.of(),
                "azure_async_operation https://management.azure.com/subscriptions/s/providers/Microsoft.App/locations/x/containerappOperationStatuses/1"));
        on(driver, Activities.CHECK_STAGING, (StagingStep step) -> {
            Instant now = clock.instant();
            boolean running = now.isBefore(START.plusSeconds(opDone));
            if (step.operation() != null && running && step.operationOnly()) {
                looks.add(new Look(now, false));
                return Check.waiting("operation in progress");
            }
            looks.add(new Look(now, true));
            if (now.isBefore(START.plusSeconds(ready))) {
                return Check.waiting("revision activating");
            }
            noticed = now;
            return Check.passed("ready");
        });
        on(driver, Activities.RUN_SMOKE_TESTS, r -> Check.failed("the test stops here"));
        on(driver, Activities.CLEAN_UP_STAGING, r -> Check.passed("cleaned"));
        on(driver, Activities.RECORD_AUDIT, r -> null);
        on(driver, Activities.ANNOUNCE_OUTCOME, r -> new Notifier.Delivery[0]);
        PinnedImage image = PinnedImage.parse("demoacr.azurecr.io/shop/web@sha256:" + "ab".repeat(32));
        String id = "web-sha256-ab";
        driver.scheduleNewOrchestration(Names.PROMOTION_ORCHESTRATOR, id, new JacksonDataConverter().serialize(
                new PromotionInput(id, "web", image, "v1", START.toString(), null, "evt-1", null, List.of(), null, null)));
        driver.runUntilIdle();
        while (driver.getInstance(id).orElseThrow().isRunning()) {
            Instant next = driver.nextTimer().orElseThrow(() -> new AssertionError("running without a timer"));
            driver.advance(Duration.between(clock.instant(), next));
        }
        assertThat(looks).isNotEmpty();
    }

    @SuppressWarnings("unchecked")
    static <I, O> void on(DurableDriver driver, Activity<I, O> activity, java.util.function.Function<I, O> fake) {
        driver.registerActivity(activity.name(), activity.input(), (java.util.function.Function<? super I, ?>) fake);
    }
}
