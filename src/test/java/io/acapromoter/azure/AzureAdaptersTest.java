package io.acapromoter.azure;

import io.acapromoter.domain.Digest;
import io.acapromoter.domain.Finding;
import io.acapromoter.domain.FindingModel;
import io.acapromoter.domain.MediaTypes;
import io.acapromoter.domain.PinnedImage;
import io.acapromoter.local.DemoWorld;
import io.acapromoter.local.LocalRuntime;
import io.acapromoter.local.durable.ManualClock;
import io.acapromoter.local.sim.AzureSimulator;
import io.acapromoter.local.sim.Fault;
import io.acapromoter.local.sim.PushedImage;
import io.acapromoter.local.sim.VulnerabilityFinding;
import io.acapromoter.ports.AzureOperationException;
import io.acapromoter.ports.BuildRun;
import io.acapromoter.ports.ContainerApp;
import io.acapromoter.ports.ContainerApps;
import io.acapromoter.ports.StartedRevision;
import io.acapromoter.ports.OperationStatus;
import io.acapromoter.ports.JobExecution;
import io.acapromoter.ports.StartedExecution;
import com.fasterxml.jackson.databind.JsonNode;
import io.acapromoter.ports.Revision;
import io.acapromoter.ports.TrafficSplit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every adapter operation through the real Azure SDK against the simulator (only endpoint,
 * credential and TLS trust differ from Azure), including the fault cases.
 */
class AzureAdaptersTest {

    static final String RG = "/subscriptions/" + AzureSimulator.DEFAULT_SUBSCRIPTION + "/resourceGroups/" + DemoWorld.RESOURCE_GROUP;
    static final String WEB = RG + "/providers/Microsoft.App/containerApps/shop-web";
    static final String WORKER = RG + "/providers/Microsoft.App/containerApps/shop-worker";
    static final String JOB = RG + "/providers/Microsoft.App/jobs/nightly-report";
    static final String REGISTRY = RG + "/providers/Microsoft.ContainerRegistry/registries/" + DemoWorld.REGISTRY;

    final ManualClock clock = ManualClock.startingAt("2026-11-23T10:00:00Z");
    final LocalRuntime rt = new LocalRuntime(clock, null, "http://localhost:7071", new PrintStream(new ByteArrayOutputStream()));
    final AzureSimulator sim = rt.sim();
    final ContainerApps apps = rt.ports().containerApps();

    {
        // The images these tests push are for calling the adapters with, not for promotions writing the same apps.
        rt.deliverPushEvents(false);
    }

    @AfterEach
    void everyImageAnywhereIsPinnedToADigest() {
        try {
            for (String app : List.of("shop-web", "shop-api", "shop-worker", "shop-worker-staging")) {
                sim.containerApp(DemoWorld.RESOURCE_GROUP, app).revisions()
                        .forEach(r -> assertThat(r.image()).as(r.name()).matches(".+@sha256:[0-9a-f]{64}"));
            }
            assertThat(sim.jobImage(DemoWorld.RESOURCE_GROUP, "nightly-report")).matches(".+@sha256:[0-9a-f]{64}");
        } finally {
            rt.close();
        }
    }

    PinnedImage push(String repository, String tag) {
        PushedImage pushed = sim.pushImage(DemoWorld.REGISTRY, repository, tag);
        return PinnedImage.parse(pushed.reference());
    }

    long updates() {
        return sim.requestCounts().getOrDefault("ContainerApps_Update", 0L);
    }

    @Test
    void getApp_readsModeTrafficDomainImagesAndRevisions() {
        ContainerApp app = apps.getApp(WEB);

        assertThat(app.multipleRevisions()).isTrue();
        assertThat(app.images()).containsEntry("web", rt.world().productionImages().get("shop-web"));
        assertThat(app.traffic()).singleElement().satisfies(t -> {
            assertThat(t.revision()).isEqualTo("shop-web--initial");
            assertThat(t.weight()).isEqualTo(100);
        });
        assertThat(app.defaultDomain()).isEqualTo(sim.defaultDomain());
        assertThat(app.labelUrl("staging")).isEqualTo("https://shop-web---staging." + sim.defaultDomain());
        assertThat(app.revision("shop-web--initial")).hasValueSatisfying(r -> assertThat(r.isReady()).isTrue());
        assertThat(apps.getApp(WORKER).multipleRevisions()).isFalse();
    }

    @Test
    void beginLabelledRevision_addsAStagingRevisionAtZeroWithoutMovingTrafficReturnsTheOperationAndIsIdempotent() {
        PinnedImage image = push("shop/web", "v9.0.0");

        StartedRevision first = apps.beginLabelledRevision(WEB, "web", image, "sha-abc", "staging");
        long afterFirst = updates();
        String revision = first.revision();
        StartedRevision again = apps.beginLabelledRevision(WEB, "web", image, "sha-abc", "staging");

        assertThat(revision).isEqualTo("shop-web--sha-abc").isEqualTo(again.revision());
        assertThat(updates()).as("the retry finds its revision and label in place: nothing to write").isEqualTo(afterFirst);
        assertThat(again.operation()).isEmpty();
        assertThat(again.url()).isEqualTo(first.url());
        assertThat(first.url()).contains("https://shop-web---staging." + sim.defaultDomain());
        assertThat(first.operation()).hasValueSatisfying(op ->
                assertThat(apps.getOperation(WEB, op).state()).isEqualTo(OperationStatus.State.IN_PROGRESS));
        var state = sim.containerApp(DemoWorld.RESOURCE_GROUP, "shop-web");
        assertThat(state.labels()).containsEntry("staging", revision);
        assertThat(state.trafficByRevision()).containsEntry("shop-web--initial", 100).containsEntry(revision, 0);
        assertThat(afterFirst).isEqualTo(1);
        assertThat(apps.getRevision(WEB, revision).provisioning()).isEqualTo(Revision.Provisioning.PROVISIONING);
        rt.driver().advance(Duration.ofSeconds(30));
        Revision ready = apps.getRevision(WEB, revision);
        assertThat(ready.isReady()).isTrue();
        assertThat(ready.images()).containsEntry("web", image.toString());
        assertThat(apps.listReplicas(WEB, revision)).singleElement().satisfies(replica -> {
            assertThat(replica.running()).contains("Running");
            assertThat(replica.containers()).singleElement().satisfies(c -> {
                assertThat(c.ready()).contains(true);
                assertThat(c.started()).contains(true);
                assertThat(c.restarts()).hasValue(0);
                assertThat(c.running()).contains("Running");
            });
        });
        assertThat(apps.getOperation(WEB, first.operation().orElseThrow()).state()).isEqualTo(OperationStatus.State.SUCCEEDED);
    }

    @Test
    void listReplicas_ofARevisionAzureDoesNotKnow_isEmpty_andTheRevisionsOwnReadSaysWhy() {
        assertThat(apps.listReplicas(WEB, "shop-web--gone")).isEmpty();
        assertThatThrownBy(() -> apps.getRevision(WEB, "shop-web--gone")).isInstanceOf(AzureOperationException.class)
                .satisfies(e -> assertThat(((AzureOperationException) e).status()).isEqualTo(404));
    }

    @Test
    void patches_carryNeitherTheLocationNorAnythingButTemplateAndTraffic() {
        assertThat(apps.getApp(WEB).name()).isEqualTo("shop-web");
        apps.beginLabelledRevision(WEB, "web", push("shop/web", "v9.0.2"), "sha-loc", "staging");

        assertThat(sim.requests()).filteredOn(r -> r.method().equals("PATCH")).singleElement().satisfies(r -> {
            assertThat(r.body()).doesNotContain("\"location\"");
            assertThat(r.body()).contains("\"properties\":{\"configuration\":{\"ingress\":{\"traffic\":");
            assertThat(r.body()).contains("\"template\":{");
        });
    }

    @Test
    void latestRevisionTraffic_isPinnedToTheLatestReadyRevision_notToANewerOneThatFailed() {
        // Someone deployed a broken image by hand: the newest revision failed, "latest revision" traffic stays on the ready one.
        PinnedImage broken = push("shop/web", "by-hand");
        sim.setImageBehavior(broken.digest().toString(), io.acapromoter.local.sim.ImageBehavior.failsProvisioning());
        sim.replaceContainerAppTemplate(DemoWorld.RESOURCE_GROUP, "shop-web", sim.containerAppTemplate(DemoWorld.RESOURCE_GROUP, "shop-web")
                .replace(rt.world().productionImages().get("shop-web"), broken.toString()).replace("\"initial\"", "\"manual\""));
        rt.driver().advance(Duration.ofSeconds(30));
        assertThat(sim.containerApp(DemoWorld.RESOURCE_GROUP, "shop-web").latestRevisionName()).isEqualTo("shop-web--manual");

        apps.beginLabelledRevision(WEB, "web", push("shop/web", "v9.1.0"), "sha-pin", "staging");

        var state = sim.containerApp(DemoWorld.RESOURCE_GROUP, "shop-web");
        assertThat(state.trafficByRevision()).containsEntry("shop-web--initial", 100).doesNotContainKey("shop-web--manual");
    }

    @Test
    void richTemplate_comesBackUnchangedButForTheImageAndTheSuffix() {
        String rich = """
                {"revisionSuffix":"rich1","terminationGracePeriodSeconds":45,
                 "initContainers":[{"name":"migrate","image":"%1$s","command":["/migrate"],"args":["--up"],
                   "resources":{"cpu":0.25,"memory":"0.5Gi"},"volumeMounts":[{"volumeName":"cache","mountPath":"/cache"}]}],
                 "containers":[{"name":"web","image":"%1$s","env":[{"name":"MODE","value":"prod"},{"name":"DB","secretRef":"db-conn"}],
                   "resources":{"cpu":0.5,"memory":"1Gi"},
                   "probes":[{"type":"Liveness","httpGet":{"path":"/health","port":8080,"httpHeaders":[{"name":"X-Probe","value":"1"}]},
                     "initialDelaySeconds":3,"periodSeconds":3},{"type":"Readiness","tcpSocket":{"port":8080},"failureThreshold":5}],
                   "volumeMounts":[{"volumeName":"cache","mountPath":"/cache"},{"volumeName":"files","mountPath":"/files","subPath":"web"}]}],
                 "scale":{"minReplicas":2,"maxReplicas":5,"rules":[
                   {"name":"http","http":{"metadata":{"concurrentRequests":"50"}}},
                   {"name":"queue","custom":{"type":"azure-servicebus","metadata":{"queueName":"jobs","messageCount":"20"},
                     "auth":[{"secretRef":"sb-conn","triggerParameter":"connection"}]}}]},
                 "volumes":[{"name":"cache","storageType":"EmptyDir"},
                   {"name":"files","storageType":"AzureFile","storageName":"share","mountOptions":"uid=1000"}],
                 "serviceBinds":[{"serviceId":"/subscriptions/x/resourceGroups/r/providers/Microsoft.App/containerApps/redis","name":"redis"}]}
                """.formatted(rt.world().productionImages().get("shop-web"));
        sim.replaceContainerAppTemplate(DemoWorld.RESOURCE_GROUP, "shop-web", rich);
        rt.driver().advance(Duration.ofSeconds(30));
        String before = sim.containerAppTemplate(DemoWorld.RESOURCE_GROUP, "shop-web");
        PinnedImage image = push("shop/web", "v9.2.0");

        apps.beginLabelledRevision(WEB, "web", image, "sha-rich", "staging");

        String after = sim.containerAppTemplate(DemoWorld.RESOURCE_GROUP, "shop-web");
        String expected = before.replace("\"revisionSuffix\":\"rich1\"", "\"revisionSuffix\":\"sha-rich\"")
                .replaceFirst("(\"containers\":\\[\\{\"name\":\"web\",\"image\":\")[^\"]+", "$1" + image);
        assertThat(json(after)).isEqualTo(json(expected));
    }

    static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void setTraffic_movesWeightsAndLabelsInOneUpdateAndRefusesBadWeightsBeforeCallingAzure() {
        PinnedImage image = push("shop/web", "v9.0.1");
        String revision = apps.beginLabelledRevision(WEB, "web", image, "sha-def", "staging").revision();
        rt.driver().advance(Duration.ofSeconds(30));
        long before = updates();

        apps.setTraffic(WEB, List.of(new TrafficSplit(revision, 100, Optional.of("production")),
                new TrafficSplit("shop-web--initial", 0, Optional.empty())));

        assertThat(updates() - before).isEqualTo(1);
        var state = sim.containerApp(DemoWorld.RESOURCE_GROUP, "shop-web");
        assertThat(state.imageForLabel("production")).contains(image.toString());
        assertThat(state.imagesServing()).containsOnlyKeys(image.toString());
        assertThatThrownBy(() -> apps.setTraffic(WEB, List.of(new TrafficSplit(revision, 60, Optional.empty()))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must sum to 100, found 60");
        apps.deactivateRevision(WEB, "shop-web--initial");
        assertThat(sim.containerApp(DemoWorld.RESOURCE_GROUP, "shop-web").revision("shop-web--initial").orElseThrow().active()).isFalse();
    }

    @Test
    void trafficToAnUnknownRevision_isAClearNonTransientError() {
        assertThatThrownBy(() -> apps.setTraffic(WEB, List.of(new TrafficSplit("shop-web--nope", 100, Optional.empty()))))
                .isInstanceOfSatisfying(AzureOperationException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).startsWith("set traffic on " + WEB + " failed (HTTP 400)");
                });
    }

    @Test
    void beginDeployImage_replacesASingleRevisionAppAndIsANoOpForTheSameImage() {
        PinnedImage image = push("shop/worker", "v9.0.0");

        StartedRevision first = apps.beginDeployImage(WORKER, "worker", image, "sha-123");
        rt.driver().advance(Duration.ofSeconds(30));
        long after = updates();
        StartedRevision again = apps.beginDeployImage(WORKER, "worker", image, "sha-123");

        assertThat(first.revision()).isEqualTo("shop-worker--sha-123");
        assertThat(first.operation()).isPresent();
        assertThat(again.operation()).isEmpty();
        assertThat(updates()).isEqualTo(after);
        assertThat(sim.containerApp(DemoWorld.RESOURCE_GROUP, "shop-worker").imagesServing()).containsOnlyKeys(image.toString());
    }

    long jobRequests(String operation, java.util.Map<String, Long> since) {
        return sim.requestCounts().getOrDefault(operation, 0L) - since.getOrDefault(operation, 0L);
    }

    @Test
    void jobs_startedWithTheCandidateInATemplate_runIt_withoutChangingTheJob_andARetryFindsTheExecution() {
        PinnedImage image = push("reports/nightly", "2030.01.01");
        String jobBefore = sim.jobImage(DemoWorld.RESOURCE_GROUP, "nightly-report");
        java.util.Map<String, Long> before = sim.requestCounts();

        StartedExecution first = apps.startJobImage(JOB, "report", image, "promotion-1@a", job -> java.util.Optional.empty(), io.acapromoter.ports.StartTries.UNKNOWN);
        java.util.Map<String, Long> afterFirst = sim.requestCounts();
        StartedExecution again = apps.startJobImage(JOB, "report", image, "promotion-1@a", job -> java.util.Optional.empty(), io.acapromoter.ports.StartTries.UNKNOWN);
        StartedExecution other = apps.startJobImage(JOB, "report", image, "promotion-2@a", job -> java.util.Optional.empty(), io.acapromoter.ports.StartTries.UNKNOWN);
        JobExecution running = apps.getJobExecution(JOB, first.execution());
        rt.driver().advance(Duration.ofMinutes(1));
        JobExecution done = apps.getJobExecution(JOB, first.execution());

        assertThat(first.jobUpdated()).isEmpty();
        assertThat(afterFirst.getOrDefault("Jobs_Get", 0L) - before.getOrDefault("Jobs_Get", 0L)).isEqualTo(1);
        assertThat(afterFirst.getOrDefault("JobsExecutions_List", 0L) - before.getOrDefault("JobsExecutions_List", 0L))
                .as("nothing on the job tells a first try from a retry, so the executions are searched").isEqualTo(1);
        assertThat(afterFirst.getOrDefault("Jobs_Start", 0L) - before.getOrDefault("Jobs_Start", 0L)).isEqualTo(1);
        assertThat(jobRequests("Jobs_Update", before)).isZero();
        assertThat(sim.jobImage(DemoWorld.RESOURCE_GROUP, "nightly-report")).as("the job itself unchanged").isEqualTo(jobBefore);
        JsonNode ran = sim.jobExecutionRan(DemoWorld.RESOURCE_GROUP, "nightly-report", first.execution());
        assertThat(ran.path("containers").get(0).path("image").asText()).isEqualTo(image.toString());
        assertThat(ran.path("containers").get(0).path("env").toString()).contains("PROMOTER_START_KEY").contains("promotion-1@a");
        assertThat(again.execution()).as("the same start key finds the execution it started").isEqualTo(first.execution());
        assertThat(other.execution()).isNotEqualTo(first.execution());
        assertThat(sim.jobExecutions(DemoWorld.RESOURCE_GROUP, "nightly-report")).hasSize(2);
        assertThat(running.images()).containsEntry("report", image.toString());
        assertThat(running.isFinished()).isFalse();
        assertThat(done.succeeded()).isTrue();
        assertThatThrownBy(() -> apps.startJobImage(JOB, "nope", image, "promotion-3@a", job -> java.util.Optional.empty(), io.acapromoter.ports.StartTries.UNKNOWN))
                .hasMessageContaining("no container named 'nope'");
        assertThatThrownBy(() -> apps.updateJobImage(JOB, "nope", image)).hasMessageContaining("no container named 'nope'");
    }

    @Test
    void aJobStartWhoseCallerKnowsNoEarlierTryStarted_searchesNoExecutions_andSaysSoRightBeforeStarting() {
        PinnedImage image = push("reports/nightly", "2030.01.02");
        java.util.Map<String, Long> before = sim.requestCounts();
        java.util.List<String> told = new java.util.ArrayList<>();
        io.acapromoter.ports.StartTries firstTry = new io.acapromoter.ports.StartTries() {
            @Override
            public boolean mayHaveStarted() {
                return false;
            }

            @Override
            public void starting() {
                told.add("starting after " + jobRequests("Jobs_Get", before) + " read, " + jobRequests("Jobs_Start", before) + " starts");
            }
        };

        StartedExecution started = apps.startJobImage(JOB, "report", image, "promotion-5@a", job -> java.util.Optional.empty(), firstTry);

        assertThat(jobRequests("JobsExecutions_List", before)).isZero();
        assertThat(jobRequests("Jobs_Start", before)).isEqualTo(1);
        assertThat(told).containsExactly("starting after 1 read, 0 starts");
        assertThat(sim.jobExecutionRan(DemoWorld.RESOURCE_GROUP, "nightly-report", started.execution())
                .path("containers").get(0).path("image").asText()).isEqualTo(image.toString());
        assertThatThrownBy(() -> apps.startJobImage(JOB, "report", image, "promotion-6@a", j -> java.util.Optional.of("password"),
                firstTry)).isInstanceOf(io.acapromoter.ports.WriteRefused.class);
        assertThat(told).as("a refused start is not announced").hasSize(1);
    }

    @Test
    void jobs_whoseContainerMountsAVolume_areUpdatedAndStartedAsTheyStand_soTheMountIsThere() {
        sim.mountJobVolume(DemoWorld.RESOURCE_GROUP, "nightly-report", "report", "scratch", "/scratch");
        PinnedImage image = push("reports/nightly", "2030.02.01");
        java.util.Map<String, Long> before = sim.requestCounts();

        StartedExecution first = apps.startJobImage(JOB, "report", image, "promotion-3@a", job -> java.util.Optional.empty(), io.acapromoter.ports.StartTries.UNKNOWN);
        java.util.Map<String, Long> afterFirst = sim.requestCounts();
        StartedExecution again = apps.startJobImage(JOB, "report", image, "promotion-3@a", job -> java.util.Optional.empty(), io.acapromoter.ports.StartTries.UNKNOWN);

        assertThat(first.jobUpdated()).hasValueSatisfying(why -> assertThat(why).contains("container 'report' mounts volumes"));
        assertThat(afterFirst.getOrDefault("Jobs_Update", 0L) - before.getOrDefault("Jobs_Update", 0L)).isEqualTo(1);
        assertThat(afterFirst.getOrDefault("JobsExecutions_List", 0L)).as("this try wrote the job: no earlier one started")
                .isEqualTo(before.getOrDefault("JobsExecutions_List", 0L));
        assertThat(sim.jobImage(DemoWorld.RESOURCE_GROUP, "nightly-report")).isEqualTo(image.toString());
        JsonNode ran = sim.jobExecutionRan(DemoWorld.RESOURCE_GROUP, "nightly-report", first.execution());
        assertThat(ran.path("containers").get(0).path("volumeMounts").toString()).contains("/scratch");
        assertThat(ran.path("containers").get(0).path("env").toString()).contains("promotion-3@a");
        assertThat(again.execution()).as("a second try finds the execution the first started").isEqualTo(first.execution());
        assertThat(jobRequests("Jobs_Update", before)).as("and writes nothing").isEqualTo(1);
        assertThat(sim.jobExecutions(DemoWorld.RESOURCE_GROUP, "nightly-report")).hasSize(1);
        assertThat(apps.getJobExecution(JOB, first.execution()).images()).containsEntry("report", image.toString());
    }

    @Test
    void jobs_refusedByThePullCheck_startNothing_inEitherWay() {
        PinnedImage image = push("reports/nightly", "2030.04.01");

        assertThatThrownBy(() -> apps.startJobImage(JOB, "report", image, "promotion-4@a", j -> java.util.Optional.of("password"), io.acapromoter.ports.StartTries.UNKNOWN))
                .isInstanceOf(io.acapromoter.ports.WriteRefused.class).hasMessageContaining("password");
        sim.mountJobVolume(DemoWorld.RESOURCE_GROUP, "nightly-report", "report", "scratch", "/scratch");
        assertThatThrownBy(() -> apps.startJobImage(JOB, "report", image, "promotion-4@a", j -> java.util.Optional.of("password"), io.acapromoter.ports.StartTries.UNKNOWN))
                .isInstanceOf(io.acapromoter.ports.WriteRefused.class);

        assertThat(sim.jobExecutions(DemoWorld.RESOURCE_GROUP, "nightly-report")).isEmpty();
        assertThat(sim.jobImage(DemoWorld.RESOURCE_GROUP, "nightly-report")).isNotEqualTo(image.toString());
    }

    @Test
    void guardedWrites_refusedByTheirCondition_writeNothing() {
        PinnedImage worker = push("shop/worker", "v9.1.0");
        PinnedImage job = push("reports/nightly", "2030.03.01");
        long updates = updates();
        String jobBefore = sim.jobImage(DemoWorld.RESOURCE_GROUP, "nightly-report");

        assertThatThrownBy(() -> apps.beginDeployImage(WORKER, "worker", worker, "sha-456", app -> java.util.Optional.of("changed")))
                .isInstanceOf(io.acapromoter.ports.WriteRefused.class).hasMessageContaining("changed");
        assertThatThrownBy(() -> apps.updateJobImage(JOB, "report", job, j -> java.util.Optional.of("changed")))
                .isInstanceOf(io.acapromoter.ports.WriteRefused.class);
        PinnedImage web = push("shop/web", "v9.1.1");
        java.util.List<String> asked = new java.util.ArrayList<>();
        assertThatThrownBy(() -> apps.beginLabelledRevision(WEB, "web", web, "sha-789", "staging", app -> {
            asked.add(app.name() + " serves " + app.traffic().get(0).revision());
            return java.util.Optional.of("production refuses");
        })).isInstanceOf(io.acapromoter.ports.WriteRefused.class).hasMessageContaining("production refuses");
        assertThat(asked).singleElement().asString().startsWith("shop-web serves ");

        assertThat(updates()).isEqualTo(updates);
        assertThat(sim.jobImage(DemoWorld.RESOURCE_GROUP, "nightly-report")).isEqualTo(jobBefore);
    }

    @Test
    void registry_readsManifestsTagsAndSignatureReferrers() {
        PinnedImage image = push("shop/web", "v7.0.0");
        sim.pushSignature(DemoWorld.REGISTRY, "shop/web", image.digest().toString());
        var registry = rt.ports().registry();
        PinnedImage missing = new PinnedImage(image.registry(), image.repository(), Digest.parse("sha256:" + "0".repeat(64)));

        assertThat(registry.manifestMediaType(image)).hasValueSatisfying(t -> assertThat(MediaTypes.isImage(t)).isTrue());
        assertThat(registry.manifestMediaType(missing)).isEmpty();
        assertThat(registry.manifestFacts(image)).hasValueSatisfying(f -> {
            assertThat(f.mediaType()).isEqualTo(registry.manifestMediaType(image));
            assertThat(f.pushedAt()).isEqualTo(registry.pushedAt(image)).isPresent();
        });
        assertThat(registry.manifestFacts(missing)).isEmpty();
        assertThat(registry.digestOf(DemoWorld.REGISTRY_HOST, "shop/web", "v7.0.0")).contains(image.digest());
        assertThat(registry.digestOf(DemoWorld.REGISTRY_HOST, "shop/web", "no-such-tag")).isEmpty();
        assertThat(registry.referrers(image, MediaTypes.NOTATION_SIGNATURE)).hasSize(1);
        assertThat(registry.referrers(PinnedImage.parse(rt.world().productionImages().get("shop-web")), MediaTypes.NOTATION_SIGNATURE))
                .isEmpty();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "referrers API {0}, artifactType listed {1}, page size {2}")
    @org.junit.jupiter.params.provider.CsvSource({
            "true, true, 0",    // as the OCI spec says
            "true, false, 0",   // ACR has listed Notation signatures without artifactType (Azure/acr#784)
            "true, true, 1",    // one referrer per page, linked with Link: <...>; rel="next"
            "false, true, 0"})  // no referrers API (customer-managed key): the sha256-<hex> tag index
    void signatures_areFoundHoweverTheRegistryListsReferrers(boolean api, boolean listsArtifactType, int pageSize) {
        sim.setReferrersBehavior(DemoWorld.REGISTRY, api, listsArtifactType, pageSize);
        PinnedImage signed = push("shop/web", "signed-1");
        PinnedImage unsigned = push("shop/web", "unsigned-1");
        sim.pushSignature(DemoWorld.REGISTRY, "shop/web", signed.digest().toString());
        sim.pushSignature(DemoWorld.REGISTRY, "shop/web", signed.digest().toString());
        var registry = rt.ports().registry();

        assertThat(registry.referrers(signed, MediaTypes.NOTATION_SIGNATURE)).hasSize(2);
        assertThat(registry.referrers(unsigned, MediaTypes.NOTATION_SIGNATURE)).isEmpty();
        assertThat(registry.referrers(signed, "application/spdx+json")).isEmpty();
    }

    @Test
    void imageBuilder_schedulesATaskRunAndReadsItToTheEnd() {
        var builder = rt.ports().imageBuilder();

        String runId = builder.startRun(REGISTRY, DemoWorld.REBUILD_TASK, Map.of("BASE_IMAGE", "debian:12"), "promoter-rebuild-1");
        String again = builder.startRun(REGISTRY, DemoWorld.REBUILD_TASK, Map.of("BASE_IMAGE", "debian:12"), "promoter-rebuild-1");
        BuildRun queued = builder.getRun(REGISTRY, runId);
        rt.driver().advance(Duration.ofMinutes(2));
        BuildRun done = builder.getRun(REGISTRY, runId);

        assertThat(again).as("a task run of that name exists: no second run").isEqualTo(runId);
        assertThat(sim.taskRuns(DemoWorld.REGISTRY)).hasSize(1);
        assertThat(queued.isFinished()).isFalse();
        assertThat(done.succeeded()).isTrue();
        assertThat(done.logLink()).isPresent();
        assertThat(sim.digestForTag(DemoWorld.REGISTRY, "shop/web", "v1.0.1")).isPresent();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} step")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"Docker", "FileTask", "EncodedTask"})
    void imageBuilder_passesOverridesTheWayTheTaskStepTakesThem(String stepType) {
        sim.registerTask(DemoWorld.REGISTRY, "patch-" + stepType.toLowerCase(), "shop/web", "v1.0.2", stepType);

        String runId = rt.ports().imageBuilder().startRun(REGISTRY, "patch-" + stepType.toLowerCase(),
                Map.of("BASE_IMAGE", "debian:12"), "promoter-" + stepType.toLowerCase());

        assertThat(sim.taskRunOverrides(DemoWorld.REGISTRY, runId)).containsExactly(Map.entry("BASE_IMAGE", "debian:12"));
    }

    @Test
    void findings_returnsBothShapesForTheDigestsAskedAbout() {
        String digest = rt.world().productionImages().get("shop-web").split("@")[1];
        sim.addFinding(VulnerabilityFinding.current(DemoWorld.REGISTRY_HOST, "shop/web", digest, "CVE-2025-1111", "High"));
        sim.addFinding(VulnerabilityFinding.legacy(DemoWorld.REGISTRY_HOST, "shop/web", digest, "CVE-2025-2222", "Critical"));
        sim.addIndividualRecommendation(VulnerabilityFinding.current(DemoWorld.REGISTRY_HOST, "shop/web", digest, "CVE-2025-1111", "High"));
        sim.addIndividualRecommendation(VulnerabilityFinding.current(DemoWorld.REGISTRY_HOST, "shop/web", digest, "CVE-2025-3333", "Low"));

        List<Finding> findings = rt.ports().findings().forDigests(List.of(Digest.parse(digest))).findings();

        assertThat(findings).as("the same CVE on the same digest in both models counts once")
                .extracting(Finding::cve).containsExactlyInAnyOrder("CVE-2025-1111", "CVE-2025-2222", "CVE-2025-3333");
        assertThat(findings).extracting(Finding::model).containsExactlyInAnyOrder(FindingModel.GROUPED_CURRENT,
                FindingModel.GROUPED_LEGACY, FindingModel.INDIVIDUAL);
        assertThat(rt.ports().findings().forDigests(List.of(Digest.parse(digest))).scanned(Digest.parse(digest))).isTrue();
        assertThat(rt.ports().findings().loginServer(rt.ports().file().target("shop-web").orElseThrow().rebuild().orElseThrow()
                .registryResourceId())).contains(DemoWorld.REGISTRY_HOST);
        assertThat(rt.ports().findings().forDigests(List.of(Digest.parse("sha256:" + "1".repeat(64)))).findings()).isEmpty();
    }

    @Test
    void throttlingAndServerErrors_areRetriedByTheSdkPipeline() {
        sim.faults().inject(Fault.status(429).retryAfterSeconds(1).times(1).on("GET", ".*/containerApps/shop-web"));
        sim.faults().inject(Fault.status(503).times(2).on("GET", ".*/containerApps/shop-web/revisions"));

        assertThat(apps.getApp(WEB).name()).isEqualTo("shop-web");
        assertThat(sim.requests()).filteredOn(r -> r.status() == 429 || r.status() == 503).hasSize(3);
    }

    @Test
    void persistentServerError_isATransientErrorNamingTheOperationAndResource() {
        sim.faults().inject(Fault.status(500).always().on("PATCH", ".*/containerApps/shop-web"));

        assertThatThrownBy(() -> apps.beginDeployImage(WEB, "web", push("shop/web", "v8.0.0"), "sha-999"))
                .isInstanceOfSatisfying(AzureOperationException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.getMessage()).contains("deploy demoacr.azurecr.io/shop/web@sha256:").contains(WEB);
                });
    }

    @Test
    void aWriteRefusedBecauseAnotherOperationIsInProgress_isABusyTransientError_anOtherConflictIsNeither() {
        sim.faults().inject(Fault.status(409).code("ContainerAppOperationInProgress").times(1).on("PATCH", ".*/containerApps/shop-web"));

        assertThatThrownBy(() -> apps.beginDeployImage(WEB, "web", push("shop/web", "v8.2.0"), "sha-777"))
                .isInstanceOfSatisfying(AzureOperationException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.isBusy()).isTrue();
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.getMessage()).contains("ContainerAppOperationInProgress").contains(WEB);
                });

        sim.faults().inject(Fault.status(409).times(1).on("PATCH", ".*/containerApps/shop-web"));
        assertThatThrownBy(() -> apps.beginDeployImage(WEB, "web", push("shop/web", "v8.2.1"), "sha-776"))
                .isInstanceOfSatisfying(AzureOperationException.class, e -> {
                    assertThat(e.isBusy()).as("a 409 that does not say the app is busy").isFalse();
                    assertThat(e.isTransient()).isFalse();
                });
    }

    @Test
    void theSimulatorRefusesASecondWriteWhileTheFirstOnesOperationRuns_asContainerAppsDoes() {
        StartedRevision first = apps.beginDeployImage(WEB, "web", push("shop/web", "v8.3.0"), "sha-555");
        assertThat(apps.getOperation(WEB, first.operation().orElseThrow()).state()).isEqualTo(OperationStatus.State.IN_PROGRESS);

        assertThatThrownBy(() -> apps.beginDeployImage(WEB, "web", push("shop/web", "v8.3.1"), "sha-554"))
                .isInstanceOfSatisfying(AzureOperationException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.isBusy()).isTrue();
                });
    }

    @Test
    void aTrafficMoveWhoseOperationFails_throwsInsteadOfPassingAsDone() {
        sim.faults().inject(Fault.failedOperation().times(1).on("PATCH", ".*/containerApps/shop-web"));
        String serving = sim.containerApp(DemoWorld.RESOURCE_GROUP, "shop-web").latestReadyRevisionName();

        assertThatThrownBy(() -> apps.setTraffic(WEB, List.of(new TrafficSplit(serving, 100, Optional.of("production")))))
                .isInstanceOfSatisfying(AzureOperationException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).startsWith("set traffic on " + WEB + " failed").contains("FAILED");
                });
    }

    @Test
    void failedLongRunningOperation_andMissingResource_areClearErrors() {
        sim.faults().inject(Fault.failedOperation().times(1).on("PATCH", ".*/containerApps/shop-web"));

        StartedRevision started = apps.beginDeployImage(WEB, "web", push("shop/web", "v8.1.0"), "sha-888");

        assertThat(apps.getOperation(WEB, started.operation().orElseThrow())).satisfies(status -> {
            assertThat(status.state()).isEqualTo(OperationStatus.State.FAILED);
            assertThat(status.error()).hasValueSatisfying(e -> assertThat(e).startsWith("ContainerAppOperationFailed: Failed to provision"));
        });
        assertThatThrownBy(() -> apps.getApp(RG + "/providers/Microsoft.App/containerApps/ghost"))
                .isInstanceOfSatisfying(AzureOperationException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).startsWith("get container app on " + RG + "/providers/Microsoft.App/containerApps/ghost failed (HTTP 404)");
                });
    }
}
