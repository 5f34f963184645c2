package io.acapromoter.local.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.containers.containerregistry.ContainerRegistryClient;
import com.azure.containers.containerregistry.models.ArtifactManifestProperties;
import com.azure.containers.containerregistry.models.GetManifestResult;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.models.CloudEvent;
import com.azure.messaging.eventgrid.EventGridEvent;
import com.azure.messaging.eventgrid.systemevents.ContainerRegistryImagePushedEventData;
import com.azure.resourcemanager.containerregistry.ContainerRegistryManager;
import com.azure.resourcemanager.containerregistry.fluent.models.RunInner;
import com.azure.resourcemanager.containerregistry.models.RunStatus;
import com.azure.resourcemanager.containerregistry.models.TaskRunRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistrySimulationTest {
    private static final String RG = "rg-acr";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AzureSimulator sim;
    private final List<String> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() {
        sim = AzureSimulator.builder()
                .clock(SimClock.manual(Instant.parse("2026-01-01T00:00:00Z")))
                .taskRunDurations(Duration.ofSeconds(5), Duration.ofSeconds(60))
                .start();
        sim.createRegistry(RG, "simreg");
        sim.onImagePushed(events::add);
    }

    @AfterAll
    void stop() {
        sim.close();
    }

    @Test
    void registryClient_readsManifestPropertiesByTagAfterTheChallengeAndTokenExchange() {
        PushedImage pushed = sim.pushImage("simreg", "web", "1.0");
        sim.clearRequests();
        ContainerRegistryClient client = SimClients.registryClient(sim, "simreg");

        ArtifactManifestProperties byTag = client.getArtifact("web", "1.0").getManifestProperties();
        ArtifactManifestProperties byDigest = client.getArtifact("web", pushed.digest()).getManifestProperties();

        assertThat(byTag.getDigest()).isEqualTo(pushed.digest());
        assertThat(byTag.getTags()).containsExactly("1.0");
        assertThat(byDigest.getRepositoryName()).isEqualTo("web");
        assertThat(sim.requestCounts()).containsKeys("Acr_ExchangeAadAccessTokenForAcrRefreshToken", "Acr_ExchangeAcrRefreshTokenForAcrAccessToken");
        assertThat(sim.requests()).anyMatch(r -> r.status() == 401);
    }

    @Test
    void contentClient_downloadsTheManifestWhoseContentMatchesItsDigest() {
        PushedImage pushed = sim.pushImage("simreg", "api", "2.0");

        GetManifestResult manifest = SimClients.contentClient(sim, "simreg", "api").getManifest("2.0");

        assertThat(manifest.getDigest()).isEqualTo(pushed.digest());
        assertThat(manifest.getManifestMediaType().toString()).isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
    }

    @Test
    void unknownTag_isNotFound() {
        sim.pushImage("simreg", "web", "1.0");
        ContainerRegistryClient client = SimClients.registryClient(sim, "simreg");

        assertThatThrownBy(() -> client.getArtifact("web", "9.9").getManifestProperties()).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void imageIndex_isServedWithItsPlatformReferences() {
        PushedImage index = sim.pushImageIndex("simreg", "multi", "1.0");

        ArtifactManifestProperties props = SimClients.registryClient(sim, "simreg").getArtifact("multi", "1.0").getManifestProperties();

        assertThat(index.mediaType()).isEqualTo("application/vnd.oci.image.index.v1+json");
        assertThat(props.getRelatedArtifacts()).hasSize(2);
    }

    @Test
    void referrers_listTheNotationSignatureOfASignedDigestOnly() throws Exception {
        PushedImage signed = sim.pushImage("simreg", "signed", "1.0");
        PushedImage unsigned = sim.pushImage("simreg", "signed", "1.1");
        PushedImage signature = sim.pushSignature("simreg", "signed", signed.digest());

        JsonNode referrers = referrers("signed", signed.digest());
        JsonNode none = referrers("signed", unsigned.digest());

        assertThat(referrers.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.index.v1+json");
        assertThat(referrers.path("manifests")).hasSize(1);
        assertThat(referrers.path("manifests").get(0).path("digest").asText()).isEqualTo(signature.digest());
        assertThat(referrers.path("manifests").get(0).path("artifactType").asText()).isEqualTo("application/vnd.cncf.notary.signature");
        assertThat(none.path("manifests")).isEmpty();
    }

    /** The ACR challenge flow by hand: 401 with scope, AAD token for refresh token, refresh token for access token. */
    private JsonNode referrers(String repository, String digest) throws Exception {
        HttpClient http = SimClients.jdkBuilder(sim).build();
        String base = sim.registryEndpoint("simreg");
        URI uri = URI.create(base + "/v2/" + repository + "/referrers/" + digest + "?artifactType="
                + URLEncoder.encode("application/vnd.cncf.notary.signature", StandardCharsets.UTF_8));
        HttpResponse<String> challenge = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(challenge.statusCode()).isEqualTo(401);
        String header = challenge.headers().firstValue("WWW-Authenticate").orElseThrow();
        String service = param(header, "service");
        String scope = param(header, "scope");
        assertThat(param(header, "realm")).isEqualTo(base + "/oauth2/token");

        String refresh = JSON.readTree(post(http, base + "/oauth2/exchange",
                "grant_type=access_token&service=" + service + "&access_token=sim-aad-token")).path("refresh_token").asText();
        String access = JSON.readTree(post(http, base + "/oauth2/token",
                "grant_type=refresh_token&service=" + service + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8)
                        + "&refresh_token=" + refresh)).path("access_token").asText();

        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + access).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static String post(HttpClient http, String url, String form) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static String param(String header, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(header);
        assertThat(m.find()).as("%s in %s", name, header).isTrue();
        return m.group(1);
    }

    @Test
    void push_sendsAnImagePushedEventThatTheEventGridSdkParses() {
        events.clear();
        PushedImage pushed = sim.pushImage("simreg", "events", "3.1");

        EventGridEvent event = EventGridEvent.fromString(events.get(0)).get(0);
        ContainerRegistryImagePushedEventData data = event.getData().toObject(ContainerRegistryImagePushedEventData.class);

        assertThat(event.getEventType()).isEqualTo("Microsoft.ContainerRegistry.ImagePushed");
        assertThat(data.getTarget().getDigest()).isEqualTo(pushed.digest());
        assertThat(data.getTarget().getRepository()).isEqualTo("events");
        assertThat(data.getTarget().getTag()).isEqualTo("3.1");
        assertThat(data.getRequest().getHost()).isEqualTo("simreg.azurecr.io");
    }

    @Test
    void pushEvent_convertsToACloudEventThatTheEventGridSdkParses() {
        events.clear();
        sim.setPusher("alice@example.com");
        PushedImage pushed = sim.pushImage("simreg", "events", "3.2");
        sim.setPusher("ci-pipeline");

        CloudEvent event = CloudEvent.fromString(AzureSimulator.asCloudEvent(events.get(0))).get(0);
        ContainerRegistryImagePushedEventData data = event.getData().toObject(ContainerRegistryImagePushedEventData.class);

        assertThat(event.getType()).isEqualTo("Microsoft.ContainerRegistry.ImagePushed");
        assertThat(event.getSource()).endsWith("/registries/simreg");
        assertThat(data.getTarget().getDigest()).isEqualTo(pushed.digest());
        assertThat(data.getActor().getName()).isEqualTo("alice@example.com");
    }

    @Test
    void failingListener_doesNotStopThePushOrOtherListeners() {
        try (AzureSimulator own = AzureSimulator.builder().start()) {
            own.createRegistry(RG, "simreg");
            List<String> seen = new CopyOnWriteArrayList<>();
            own.onImagePushed(e -> {
                throw new IllegalStateException("subscriber down");
            });
            own.onImagePushed(seen::add);

            PushedImage pushed = own.pushImage("simreg", "robust", "1");

            assertThat(own.digestForTag("simreg", "robust", "1")).contains(pushed.digest());
            assertThat(seen).hasSize(1);
        }
    }

    @Test
    void taskRun_goesQueuedRunningSucceededAndPushesTheRebuiltImage() {
        sim.registerTask("simreg", "rebuild-web", "web", "1.0");
        String before = sim.pushImage("simreg", "web", "1.0").digest();
        events.clear();
        ContainerRegistryManager acr = SimClients.containerRegistry(sim);
        String taskId = "/subscriptions/" + AzureSimulator.DEFAULT_SUBSCRIPTION + "/resourceGroups/" + RG
                + "/providers/Microsoft.ContainerRegistry/registries/simreg/tasks/rebuild-web";

        RunInner run = acr.serviceClient().getRegistries().scheduleRun(RG, "simreg", new TaskRunRequest().withTaskId(taskId));
        assertThat(run.status()).isEqualTo(RunStatus.QUEUED);

        sim.advance(Duration.ofSeconds(5));
        assertThat(acr.serviceClient().getRuns().get(RG, "simreg", run.runId()).status()).isEqualTo(RunStatus.RUNNING);
        assertThat(events).isEmpty();

        sim.advance(Duration.ofSeconds(60));
        RunInner done = acr.serviceClient().getRuns().get(RG, "simreg", run.runId());

        assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
        String rebuilt = done.outputImages().get(0).digest();
        assertThat(rebuilt).isNotEqualTo(before).isEqualTo(sim.digestForTag("simreg", "web", "1.0").orElseThrow());
        assertThat(events).hasSize(1).allMatch(e -> e.contains(rebuilt));
        assertThat(acr.serviceClient().getRuns().getLogSasUrl(RG, "simreg", run.runId()).logLink()).contains(run.runId());
    }

    @Test
    void taskRunToldToFail_endsFailedWithoutAPush() {
        sim.registerTask("simreg", "rebuild-api", "api", "2.0");
        sim.failNextTaskRuns("simreg", "rebuild-api", 1);
        events.clear();
        ContainerRegistryManager acr = SimClients.containerRegistry(sim);
        String taskId = "/subscriptions/" + AzureSimulator.DEFAULT_SUBSCRIPTION + "/resourceGroups/" + RG
                + "/providers/Microsoft.ContainerRegistry/registries/simreg/tasks/rebuild-api";

        RunInner run = acr.serviceClient().getRegistries().scheduleRun(RG, "simreg", new TaskRunRequest().withTaskId(taskId));
        sim.advance(Duration.ofSeconds(65));

        assertThat(acr.serviceClient().getRuns().get(RG, "simreg", run.runId()).status()).isEqualTo(RunStatus.FAILED);
        assertThat(events).isEmpty();
    }

    @Test
    void registryResource_reportsItsLoginServer() {
        assertThat(SimClients.containerRegistry(sim).containerRegistries().getByResourceGroup(RG, "simreg").loginServerUrl())
                .isEqualTo("simreg.azurecr.io");
    }
}
