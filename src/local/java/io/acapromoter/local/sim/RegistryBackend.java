package io.acapromoter.local.sim;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Azure Container Registry: the ARM registry resource and ACR Tasks runs ({@link AcrTasks}), and
 * the data plane: token exchange ({@link RegistryTokens}), manifests and tags ({@link Manifests},
 * {@link RegistryMetadata}), blobs ({@link BlobUploads}) and OCI referrers ({@link Referrers}),
 * with its Event Grid push events. All of them share one {@link RegistryStore} and its lock; this
 * class wires them and lists their routes.
 */
final class RegistryBackend {
    private static final String P = "/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.ContainerRegistry/registries/{reg}";

    private final RegistryStore store;
    private final RegistryTokens tokens;
    private final Referrers referrers;
    private final AcrTasks tasks;
    private final Manifests manifests;
    private final RegistryMetadata metadata;
    private final BlobUploads blobs;

    RegistryBackend(SimClock clock, Faults faults, AzureSimulator.Settings settings) {
        this.store = new RegistryStore(clock, settings);
        this.tokens = new RegistryTokens(store);
        this.referrers = new Referrers(store, tokens);
        this.tasks = new AcrTasks(store, referrers, faults, settings);
        this.manifests = new Manifests(store, tokens);
        this.metadata = new RegistryMetadata(tokens);
        this.blobs = new BlobUploads(tokens);
    }

    List<Route> armRoutes() {
        return List.of(
                Route.of("GET", P, "Registries_Get", tasks::getRegistry),
                Route.of("POST", P + "/scheduleRun", "Registries_ScheduleRun", tasks::scheduleRun),
                Route.of("GET", P + "/tasks/{task}", "Tasks_Get", tasks::getTask),
                Route.of("PUT", P + "/taskRuns/{taskRun}", "TaskRuns_Create", tasks::putTaskRun),
                Route.of("GET", P + "/taskRuns/{taskRun}", "TaskRuns_Get", tasks::getTaskRun),
                Route.of("GET", P + "/runs", "Runs_List", tasks::listRuns),
                Route.of("GET", P + "/runs/{run}", "Runs_Get", tasks::getRun),
                Route.of("POST", P + "/runs/{run}/listLogSasUrl", "Runs_GetLogSasUrl", tasks::logSasUrl));
    }

    List<Route> dataPlaneRoutes() {
        return List.of(
                Route.of("POST", "/oauth2/exchange", "Acr_ExchangeAadAccessTokenForAcrRefreshToken", tokens::exchange),
                Route.of("POST", "/oauth2/token", "Acr_ExchangeAcrRefreshTokenForAcrAccessToken", tokens::token),
                Route.of("GET", "/oauth2/token", "Acr_GetAcrAccessTokenFromLogin", tokens::dockerToken),
                Route.of("GET", "/v2/", "Acr_CheckDockerV2Support", r -> tokens.authorized(r, "registry:catalog:*", reg -> SimResponse.json(200, Json.object()))),
                Route.of("GET", "/acr/v1/_catalog", "Acr_GetRepositories", manifests::catalog),
                Route.of("GET", "/v2/{repo+}/manifests/{ref}", "Acr_GetManifest", manifests::getManifest),
                Route.of("HEAD", "/v2/{repo+}/manifests/{ref}", "Acr_GetManifest", manifests::getManifest),
                Route.of("GET", "/v2/{repo+}/referrers/{digest}", "Acr_GetReferrers", referrers::referrers),
                Route.of("PUT", "/v2/{repo+}/manifests/{ref}", "Acr_CreateManifest", manifests::putManifest),
                Route.of("GET", "/v2/{repo+}/tags/list", "Acr_GetTagList", manifests::tagList),
                Route.of("POST", "/v2/{repo+}/blobs/uploads/", "Acr_StartUpload", blobs::startUpload),
                Route.of("PATCH", "/v2/{repo+}/blobs/uploads/{upload}", "Acr_UploadChunk", blobs::uploadChunk),
                Route.of("PUT", "/v2/{repo+}/blobs/uploads/{upload}", "Acr_EndUpload", blobs::endUpload),
                Route.of("HEAD", "/v2/{repo+}/blobs/{digest}", "Acr_CheckBlobExists", blobs::getBlob),
                Route.of("GET", "/v2/{repo+}/blobs/{digest}", "Acr_GetBlob", blobs::getBlob),
                Route.of("GET", "/acr/v1/{repo+}/_tags/{ref}", "Acr_GetTagProperties", metadata::tagProperties),
                Route.of("GET", "/acr/v1/{repo+}/_tags", "Acr_GetTags", metadata::listTags),
                Route.of("GET", "/acr/v1/{repo+}/_manifests/{digest}", "Acr_GetManifestProperties", metadata::manifestProperties),
                Route.of("GET", "/sim-logs/{reg}/{run}", "Sim_RunLog", tasks::runLog));
    }

    // ---------------------------------------------------------------- Java API (set-up and read-back)

    String createRegistry(String subscriptionId, String resourceGroup, String name, String location) {
        return store.createRegistry(subscriptionId, resourceGroup, name, location);
    }

    void onPush(Consumer<String> listener) {
        store.onPush(listener);
    }

    PushedImage pushImage(String registry, String repository, String tag, String givenDigest) {
        return manifests.pushImage(registry, repository, tag, givenDigest);
    }

    PushedImage pushImageIndex(String registry, String repository, String tag) {
        return manifests.pushImageIndex(registry, repository, tag);
    }

    PushedImage pushSignature(String registry, String repository, String subjectDigest) {
        return referrers.pushSignature(registry, repository, subjectDigest, null, "application/jose+json");
    }

    PushedImage pushSignature(String registry, String repository, String subjectDigest, byte[] envelope, String mediaType) {
        return referrers.pushSignature(registry, repository, subjectDigest, envelope, mediaType);
    }

    PushedImage pushFindingsArtifact(String registry, String repository, String subjectDigest, List<String> cves) {
        return referrers.pushFindingsArtifact(registry, repository, subjectDigest, cves);
    }

    void scheduleFindingsArtifact(String registry, String repository, String subjectDigest, java.time.Instant at, List<String> cves) {
        referrers.scheduleFindingsArtifact(registry, repository, subjectDigest, at, cves);
    }

    boolean isReferrer(String registry, String repository, String digest) {
        return referrers.isReferrer(registry, repository, digest);
    }

    void setReferrersBehavior(String registry, boolean api, boolean listsArtifactType, int pageSize) {
        referrers.setBehavior(registry, api, listsArtifactType, pageSize);
    }

    void registerTask(String registry, String task, String repository, String tag, String stepType) {
        tasks.registerTask(registry, task, repository, tag, stepType);
    }

    void registerSigningTask(String registry, String task, String repository, String tag, NotationSigner signer) {
        tasks.registerSigningTask(registry, task, repository, tag, signer);
    }

    void failNextRuns(String registry, String task, int times) {
        tasks.failNextRuns(registry, task, times);
    }

    Map<String, String> runOverrides(String registry, String runId) {
        return tasks.runOverrides(registry, runId);
    }

    List<String> runStatuses(String registry) {
        return tasks.runStatuses(registry);
    }

    Optional<String> digestForTag(String registry, String repository, String tag) {
        return store.digestForTag(registry, repository, tag);
    }

    Optional<String> resourceGroupOf(String registry) {
        return store.resourceGroupOf(registry);
    }

    /** Moves task runs along with simulated time, and attaches Defender's findings artifacts whose scan is due. */
    void refresh() {
        tasks.refresh();
        referrers.refresh();
    }
}
