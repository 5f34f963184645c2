package io.acapromoter.activities;

import io.acapromoter.domain.PinnedImage;
import io.acapromoter.local.DemoWorld;
import io.acapromoter.local.LocalRuntime;
import io.acapromoter.local.durable.ManualClock;
import io.acapromoter.local.sim.AzureSimulator;
import io.acapromoter.local.sim.ImageBehavior;
import io.acapromoter.orchestration.Check;
import io.acapromoter.orchestration.Deployment;
import io.acapromoter.orchestration.PromotionRef;
import io.acapromoter.orchestration.StagingOrder;
import io.acapromoter.orchestration.StagingStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code DeployStaging} and {@code CheckStaging} for a staging job, against the simulator. */
class StagingJobTest {

    static final String STAGING_JOB = "nightly-report-staging";

    final ManualClock clock = ManualClock.startingAt("2026-11-23T10:00:00Z");
    final LocalRuntime rt = new LocalRuntime(clock, null, "http://localhost:7071", new PrintStream(new ByteArrayOutputStream()));
    final AzureSimulator sim = rt.sim();
    final StagingSteps steps = new StagingSteps(rt.ports(), new CandidateVerifier(rt.ports()));

    @AfterEach
    void close() {
        rt.close();
    }

    PinnedImage push(String tag) {
        return PinnedImage.parse(sim.pushImage(DemoWorld.REGISTRY, "reports/nightly", tag).reference());
    }

    PromotionRef promotion(PinnedImage image) {
        return new PromotionRef("nightly-report-1", "nightly-report", image, "a1");
    }

    /** The staging order the orchestrator sends for {@code promotion} (a job: production is checked by verification). */
    static StagingOrder order(PromotionRef promotion) {
        return new StagingOrder(promotion.promotionId(), promotion.target(), promotion.image(), promotion.attempt(),
                promotion.rollback(), true, null);
    }

    Check check(PromotionRef promotion, Deployment deployment) {
        return steps.check(new StagingStep(promotion, deployment.revision(), null, null, false));
    }

    @Test
    void theCandidateRunsFromAStartTemplate_theStagingJobStaysAsItWas_andTheCheckPassesOnceItSucceeds() {
        String before = sim.jobImage(DemoWorld.RESOURCE_GROUP, STAGING_JOB);
        PromotionRef promotion = promotion(push("t2030-01-01"));

        Deployment deployment = steps.deploy(order(promotion));
        Check running = check(promotion, deployment);
        rt.driver().advance(Duration.ofMinutes(1));
        Check done = check(promotion, deployment);

        assertThat(deployment.notMade()).isNull();
        assertThat(deployment.detail()).contains("started with the candidate (the job itself unchanged)");
        assertThat(sim.jobImage(DemoWorld.RESOURCE_GROUP, STAGING_JOB)).isEqualTo(before);
        assertThat(sim.jobExecutionRan(DemoWorld.RESOURCE_GROUP, STAGING_JOB, deployment.revision())
                .path("containers").get(0).path("image").asText()).isEqualTo(promotion.image().toString());
        assertThat(running.status()).as(running.detail()).isEqualTo(Check.Status.WAITING);
        assertThat(done.passed()).as(done.detail()).isTrue();
    }

    @Test
    void aStagingJobThatMountsAVolume_isUpdatedToTheCandidateAndStartedAsItStands_andTheDetailSaysWhy() {
        sim.mountJobVolume(DemoWorld.RESOURCE_GROUP, STAGING_JOB, "report", "scratch", "/scratch");
        PromotionRef promotion = promotion(push("t2030-02-01"));

        Deployment deployment = steps.deploy(order(promotion));
        rt.driver().advance(Duration.ofMinutes(1));
        Check done = check(promotion, deployment);

        assertThat(deployment.detail()).contains("after updating the job to the candidate")
                .contains("container 'report' mounts volumes, which a start template cannot carry");
        assertThat(sim.jobImage(DemoWorld.RESOURCE_GROUP, STAGING_JOB)).isEqualTo(promotion.image().toString());
        assertThat(sim.jobExecutionRan(DemoWorld.RESOURCE_GROUP, STAGING_JOB, deployment.revision())
                .path("containers").get(0).path("volumeMounts").toString()).contains("/scratch");
        assertThat(done.passed()).as(done.detail()).isTrue();
    }

    @Test
    void anExecutionThatRanAnotherImage_failsTheCheck_evenWhenItSucceeded() {
        PromotionRef candidate = promotion(push("t2030-03-01"));
        PromotionRef other = promotion(push("t2030-03-02"));
        Deployment deployment = steps.deploy(order(other));
        rt.driver().advance(Duration.ofMinutes(1));

        Check check = check(candidate, deployment);

        assertThat(check.status()).isEqualTo(Check.Status.FAILED);
        assertThat(check.detail()).contains("runs " + other.image() + " in container 'report', not the candidate "
                + candidate.image());
    }

    @Test
    void aFailingCandidate_failsTheCheckWithTheExecutionsStatus() {
        PinnedImage image = push("t2030-04-01");
        sim.setImageBehavior(image.digest().toString(), ImageBehavior.failsProvisioning());
        PromotionRef promotion = promotion(image);

        Deployment deployment = steps.deploy(order(promotion));
        rt.driver().advance(Duration.ofMinutes(1));
        Check done = check(promotion, deployment);

        assertThat(done.status()).isEqualTo(Check.Status.FAILED);
        assertThat(done.detail()).contains("ended Failed");
    }

    @Test
    void aStagingJobPullingWithAPassword_isRefusedBeforeAnythingStarts() {
        sim.useJobRegistryPassword(DemoWorld.RESOURCE_GROUP, STAGING_JOB, DemoWorld.REGISTRY_HOST, "demoacr");
        PromotionRef promotion = promotion(push("t2030-05-01"));

        Deployment deployment = steps.deploy(order(promotion));

        assertThat(deployment.notMade()).contains("staging job " + STAGING_JOB);
        assertThat(sim.jobExecutions(DemoWorld.RESOURCE_GROUP, STAGING_JOB)).isEmpty();
        assertThat(Optional.ofNullable(deployment.revision())).isEmpty();
    }
}
