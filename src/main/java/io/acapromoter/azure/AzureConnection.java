package io.acapromoter.azure;

import com.azure.containers.containerregistry.models.ContainerRegistryAudience;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.util.Configuration;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.resourcemanager.appcontainers.ContainerAppsApiManager;
import com.azure.resourcemanager.containerregistry.ContainerRegistryManager;
import com.azure.resourcemanager.resourcegraph.ResourceGraphManager;
import io.acapromoter.settings.Settings;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the adapters reach Azure: the ARM endpoint, the credential, the HTTP client (the JDK one)
 * and the retry options of the SDK pipeline (429 with Retry-After and 5xx are retried there).
 * Only these differ between Azure and the local simulator. SDK managers are built once per
 * subscription and shared.
 */
public final class AzureConnection {

    /**
     * azure-core sets Content-Length, which the JDK client computes itself and drops with a WARNING
     * on every request; that says nothing useful, so the JDK client adapter's loggers keep to SEVERE
     * (held here: java.util.logging keeps loggers only weakly).
     */
    private static final java.util.logging.Logger RESTRICTED_HEADER_LOG = quiet(
            "com.azure.core.http.jdk.httpclient");

    static final String LOGS_ENDPOINT = "https://api.loganalytics.io/";

    private final String armEndpoint;
    private final TokenCredential credential;
    private final HttpClient httpClient;
    private final RetryOptions retryOptions;
    private final Duration pollInterval;
    private final Map<String, ContainerAppsApiManager> containerApps = new ConcurrentHashMap<>();
    private final Map<String, ContainerRegistryManager> registries = new ConcurrentHashMap<>();
    private final Map<String, ResourceGraphManager> graphs = new ConcurrentHashMap<>();

    public AzureConnection(String armEndpoint, TokenCredential credential, HttpClient httpClient, RetryOptions retryOptions,
                           Duration pollInterval) {
        this.armEndpoint = armEndpoint.endsWith("/") ? armEndpoint : armEndpoint + "/";
        this.credential = credential;
        this.httpClient = httpClient;
        this.retryOptions = retryOptions;
        this.pollInterval = pollInterval;
    }

    /** Azure itself: managed identity (or developer sign-in) through {@code DefaultAzureCredential}. */
    public static AzureConnection fromSettings(Settings settings) {
        HttpClient http = new JdkHttpClientBuilder().build();
        return new AzureConnection(settings.getOrDefault(Settings.ARM_ENDPOINT, "https://management.azure.com/"),
                credential(settings.get(Settings.AZURE_CLIENT_ID), Configuration.getGlobalConfiguration(), http), http,
                new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(4).setBaseDelay(Duration.ofSeconds(1))
                        .setMaxDelay(Duration.ofSeconds(30))), Duration.ofSeconds(5));
    }

    /**
     * The credential chain Azure runs: environment credential, workload identity, managed identity
     * (then developer sign-ins). {@code configuration} is where it reads {@code IDENTITY_ENDPOINT},
     * {@code AZURE_TENANT_ID} and the rest: the process environment in Azure, a fixed one in tests.
     */
    static TokenCredential credential(java.util.Optional<String> managedIdentityClientId, Configuration configuration,
                                      HttpClient httpClient) {
        DefaultAzureCredentialBuilder credential = new DefaultAzureCredentialBuilder().configuration(configuration)
                .httpClient(httpClient);
        managedIdentityClientId.ifPresent(credential::managedIdentityClientId);
        return credential.build();
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.SEVERE);
        return logger;
    }

    public TokenCredential credential() {
        return credential;
    }

    public HttpClient httpClient() {
        return httpClient;
    }

    AzureProfile profile(String subscriptionId) {
        AzureEnvironment environment = armEndpoint.equals(AzureEnvironment.AZURE.getResourceManagerEndpoint())
                ? AzureEnvironment.AZURE
                : new AzureEnvironment(Map.of("resourceManagerEndpointUrl", armEndpoint, "managementEndpointUrl", armEndpoint,
                "activeDirectoryEndpointUrl", "https://login.microsoftonline.com/"));
        return new AzureProfile(null, subscriptionId, environment);
    }

    public ContainerAppsApiManager containerApps(String subscriptionId) {
        return containerApps.computeIfAbsent(subscriptionId, s -> ContainerAppsApiManager.configure()
                .withHttpClient(httpClient).withRetryOptions(retryOptions).withDefaultPollInterval(pollInterval)
                .authenticate(credential, profile(s)));
    }

    public ContainerRegistryManager containerRegistry(String subscriptionId) {
        return registries.computeIfAbsent(subscriptionId, s -> ContainerRegistryManager.configure()
                .withHttpClient(httpClient).withRetryOptions(retryOptions)
                .authenticate(credential, profile(s)));
    }

    public ResourceGraphManager resourceGraph() {
        return graphs.computeIfAbsent("", s -> ResourceGraphManager.configure()
                .withHttpClient(httpClient).withRetryOptions(retryOptions)
                .authenticate(credential, profile(null)));
    }

    public ArmContainerApps armContainerApps() {
        return new ArmContainerApps(this::containerApps);
    }

    public AcrRegistry acrRegistry() {
        return new AcrRegistry(credential, httpClient, ContainerRegistryAudience.AZURE_RESOURCE_MANAGER_PUBLIC_CLOUD);
    }

    public AcrTaskImageBuilder acrTasks() {
        return new AcrTaskImageBuilder(this::containerRegistry);
    }

    /** Azure Monitor metrics and, for Application Insights, the Logs query API at its public endpoint. */
    public AzureMonitorMetrics metrics() {
        return metrics(LOGS_ENDPOINT);
    }

    /** As {@link #metrics()}, with the Logs query API at {@code logsEndpoint} (the local simulator). */
    public AzureMonitorMetrics metrics(String logsEndpoint) {
        return new AzureMonitorMetrics(pipeline(armEndpoint + ".default"), armEndpoint, pipeline(LOGS_ENDPOINT + ".default"),
                logsEndpoint);
    }

    /** The ARM clients' pipeline for a plain REST call: the same HTTP client, retries and credential. */
    private HttpPipeline pipeline(String scope) {
        return new HttpPipelineBuilder().httpClient(httpClient)
                .policies(new RetryPolicy(retryOptions), new BearerTokenAuthenticationPolicy(credential, scope)).build();
    }

    public ResourceGraphFindings findings(java.util.List<String> subscriptions) {
        return new ResourceGraphFindings(resourceGraph(), subscriptions, this::containerRegistry);
    }
}
