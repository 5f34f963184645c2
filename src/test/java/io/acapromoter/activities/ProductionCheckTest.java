package io.acapromoter.activities;

import io.acapromoter.domain.PinnedImage;
import io.acapromoter.domain.ProbeResult;
import io.acapromoter.orchestration.Check;
import io.acapromoter.orchestration.PromotionRef;
import io.acapromoter.orchestration.ReleaseStep;
import io.acapromoter.policy.PromotionFileLoader;
import io.acapromoter.ports.ContainerApp;
import io.acapromoter.ports.ContainerApps;
import io.acapromoter.ports.Job;
import io.acapromoter.ports.JobExecution;
import io.acapromoter.ports.OperationStatus;
import io.acapromoter.ports.PendingOperation;
import io.acapromoter.ports.Replica;
import io.acapromoter.ports.Revision;
import io.acapromoter.ports.StartedRevision;
import io.acapromoter.ports.TrafficSplit;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static io.acapromoter.activities.ReplicaHealthTest.container;
import static io.acapromoter.activities.ReplicaHealthTest.healthy;
import static io.acapromoter.activities.ReplicaHealthTest.replica;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code CheckProduction}: one replica list when it can answer, the revision's own state when it cannot. */
class ProductionCheckTest {

    static final String APPS = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.App/containerApps/";
    static final PinnedImage IMAGE = PinnedImage.parse("contoso.azurecr.io/web@sha256:" + "ab".repeat(32));
    static final String URL = "https://web--v2.happy-sea.westeurope.azurecontainerapps.io";
    static final String FILE = """
            registries: [contoso.azurecr.io]
            approval: { approvers: [alice@contoso.com] }
            targets:
              - { name: web, registry: contoso.azurecr.io, repository: web, tags: '.*', production: { resourceId: %1$sweb, container: web }, smoke: [ { name: h, path: /h } ] }
              - { name: worker, registry: contoso.azurecr.io, repository: worker, tags: '.*', production: { resourceId: %1$sworker, container: web }, smoke: [ { name: h, path: /h } ], monitor: { maxRestarts: 2 } }
            """.formatted(APPS);

    final FakeContainerApps apps = new FakeContainerApps();
    final List<String> probed = new ArrayList<>();
    final ProductionSteps steps = new ProductionSteps(new PipelinePorts(PromotionFileLoader.parse(FILE, "test.yaml"), apps, null,
            null, null, (baseUrl, probes) -> {
                probed.add(baseUrl);
                return probes.stream().map(p -> new ProbeResult(p.name(), baseUrl + p.path(), true, 200, 1, 1, Optional.empty())).toList();
            }, null, null, Clock.systemUTC()));

    static ReleaseStep step(String target, String url) {
        return new ReleaseStep(new PromotionRef(target + "-sha256-ab", target, IMAGE, "a1"), "web--v2", "web--v1", null, 100,
                null, false, false, url, null);
    }

    static Revision revision(String running, Revision.Health health) {
        return new Revision("web--v2", Revision.Provisioning.PROVISIONED, running, health, true, 100, 1, Map.of(), Instant.EPOCH,
                Optional.of("web--v2.from-the-revision.azurecontainerapps.io"), Optional.empty());
    }

    @Test
    void healthyReplicas_areTheOneRead_andTheProbesGoToTheUrlTheRolloutGave() {
        apps.replicas = List.of(replica("Running", healthy(0)));

        Check check = steps.check(step("web", URL));

        assertThat(check.status()).isEqualTo(Check.Status.PASSED);
        assertThat(check.probes()).hasSize(1);
        assertThat(apps.calls).containsExactly("listReplicas web--v2");
        assertThat(probed).containsExactly(URL);
    }

    @Test
    void restartsOverTheMaximum_failTheCheck_evenWhileEveryReplicaIsReadyAgain() {
        apps.replicas = List.of(replica("Running", healthy(1)));

        Check check = steps.check(step("web", URL));

        assertThat(check.status()).isEqualTo(Check.Status.FAILED);
        assertThat(check.detail()).isEqualTo("revision web--v2 restarted 1 times (at most 0 allowed): 1 replica running and ready, 1 restart");
        assertThat(apps.calls).containsExactly("listReplicas web--v2");
        assertThat(probed).isEmpty();
    }

    @Test
    void restartsWithinTheTargetsMaximum_pass() {
        apps.replicas = List.of(replica("Running", healthy(2)));

        assertThat(steps.check(step("worker", URL)).status()).isEqualTo(Check.Status.PASSED);
        assertThat(apps.calls).containsExactly("listReplicas web--v2");
    }

    @Test
    void noReplicas_fallBackToTheRevision_whichIsReadyScaledToZero() {
        apps.replicas = List.of();
        apps.revision = revision("ScaledToZero", Revision.Health.NONE);

        Check check = steps.check(step("web", URL));

        assertThat(check.status()).isEqualTo(Check.Status.PASSED);
        assertThat(apps.calls).containsExactly("listReplicas web--v2", "getRevision web--v2");
        assertThat(probed).containsExactly(URL);
    }

    @Test
    void aReplicaNotReady_fallsBackToTheRevision_whoseVerdictAndReasonCount_withTheReplicasWords() {
        apps.replicas = List.of(replica("Running", container(false, true, 0, "Running", "Readiness probe failed")));
        apps.revision = revision("Activating", Revision.Health.NONE);

        Check waiting = steps.check(step("web", URL));

        assertThat(waiting.status()).as("still starting: readiness waits, the monitor fails it").isEqualTo(Check.Status.WAITING);
        assertThat(waiting.detail()).contains("running Activating").contains("container web is not ready");

        apps.revision = revision("Degraded", Revision.Health.UNHEALTHY);
        Check failed = steps.check(step("web", URL));

        assertThat(failed.status()).isEqualTo(Check.Status.FAILED);
        assertThat(failed.detail()).contains("running Degraded, health UNHEALTHY").contains("container web is not ready");
        assertThat(probed).isEmpty();
    }

    @Test
    void aCrashLoopingReplica_isJudgedByTheRevision_andItsRestartsStillCount() {
        apps.replicas = List.of(replica("Running", healthy(0)),
                replica("NotRunning", "CrashLoopBackOff", container(false, false, 3, "Waiting", "CrashLoopBackOff")));
        apps.revision = revision("Running", Revision.Health.HEALTHY);

        Check check = steps.check(step("web", URL));

        assertThat(check.status()).as("the revision is still healthy, but its replicas restarted").isEqualTo(Check.Status.FAILED);
        assertThat(check.detail()).startsWith("revision web--v2 restarted 3 times (at most 0 allowed)");
        assertThat(apps.calls).containsExactly("listReplicas web--v2", "getRevision web--v2");
    }

    @Test
    void statesAzureLeftOut_areNeverTakenForHealthy() {
        apps.replicas = List.of(new Replica("web--v2-x", Optional.empty(), Optional.empty(), List.of(
                container(true, true, 0, null, null))));
        apps.revision = revision("Running", Revision.Health.UNHEALTHY);

        Check check = steps.check(step("web", URL));

        assertThat(check.status()).isEqualTo(Check.Status.WAITING);
        assertThat(apps.calls).containsExactly("listReplicas web--v2", "getRevision web--v2");
    }

    @Test
    void aStepWithoutTheRevisionsUrl_queuedBeforeRollOutGaveIt_readsTheRevisionForItsHostName() {
        apps.replicas = List.of(replica("Running", healthy(0)));
        apps.revision = revision("Running", Revision.Health.HEALTHY);

        Check check = steps.check(step("web", null));

        assertThat(check.status()).isEqualTo(Check.Status.PASSED);
        assertThat(apps.calls).containsExactly("listReplicas web--v2", "getRevision web--v2");
        assertThat(probed).containsExactly("https://web--v2.from-the-revision.azurecontainerapps.io");
    }

    @Test
    void revisionUrl_isTheRevisionNameOnTheEnvironmentsDomain_andNoneWithoutIngress() {
        ContainerApp withIngress = app(Optional.of("web.happy-sea.westeurope.azurecontainerapps.io"));
        ContainerApp without = app(Optional.empty());

        assertThat(withIngress.revisionUrl("web--v2")).contains(URL);
        assertThat(without.revisionUrl("web--v2")).isEmpty();
    }

    static ContainerApp app(Optional<String> fqdn) {
        return new ContainerApp(APPS + "web", "web", true, fqdn.isPresent() ? "happy-sea.westeurope.azurecontainerapps.io" : "",
                "web--v2", Map.of(), List.of(), List.of(), fqdn, List.of());
    }

    /** Answers the reads a production check makes, and records them. */
    static final class FakeContainerApps implements ContainerApps {
        final List<String> calls = new ArrayList<>();
        List<Replica> replicas = List.of();
        Revision revision;

        @Override
        public List<Replica> listReplicas(String appId, String revisionName) {
            calls.add("listReplicas " + revisionName);
            return replicas;
        }

        @Override
        public Revision getRevision(String appId, String revisionName) {
            calls.add("getRevision " + revisionName);
            return revision;
        }

        @Override
        public ContainerApp getAppWithoutRevisions(String appId) {
            calls.add("getAppWithoutRevisions");
            return app(Optional.empty());
        }

        @Override
        public ContainerApp getApp(String appId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Job getJob(String jobId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public StartedRevision beginLabelledRevision(String appId, String container, PinnedImage image, String revisionSuffix,
                                                     String label, Function<ContainerApp, Optional<String>> refuse) {
            throw new UnsupportedOperationException();
        }

        @Override
        public StartedRevision beginDeployImage(String appId, String container, PinnedImage image, String revisionSuffix,
                                                Function<ContainerApp, Optional<String>> refuse) {
            throw new UnsupportedOperationException();
        }

        @Override
        public OperationStatus getOperation(String resourceId, PendingOperation operation) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setTraffic(String appId, List<TrafficSplit> traffic) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void deactivateRevision(String appId, String revisionName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean updateJobImage(String jobId, String container, PinnedImage image, Function<Job, Optional<String>> refuse) {
            throw new UnsupportedOperationException();
        }

        @Override
        public io.acapromoter.ports.StartedExecution startJobImage(String jobId, String container, PinnedImage image,
                                                                  String startKey, Function<Job, Optional<String>> refuse,
                                                                  io.acapromoter.ports.StartTries tries) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JobExecution getJobExecution(String jobId, String executionName) {
            throw new UnsupportedOperationException();
        }
    }
}
