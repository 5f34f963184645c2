package io.acapromoter.local.sim;

import com.azure.containers.containerregistry.ContainerRegistryClient;
import com.azure.containers.containerregistry.ContainerRegistryClientBuilder;
import com.azure.containers.containerregistry.ContainerRegistryContentClient;
import com.azure.containers.containerregistry.ContainerRegistryContentClientBuilder;
import com.azure.containers.containerregistry.models.ContainerRegistryAudience;
import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.appcontainers.ContainerAppsApiManager;
import com.azure.resourcemanager.containerregistry.ContainerRegistryManager;
import com.azure.resourcemanager.resourcegraph.ResourceGraphManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import reactor.core.publisher.Mono;

/** The real Azure SDK clients, configured the only way they differ from Azure: endpoint, credential, TLS trust and proxy. */
final class SimClients {
    /** Any bearer token will do; the simulator checks presence, as a stand-in for Entra ID. */
    static final TokenCredential CREDENTIAL = request -> Mono.just(new AccessToken("sim-aad-token", OffsetDateTime.now().plusHours(1)));

    private SimClients() {
    }

    static java.net.http.HttpClient.Builder jdkBuilder(AzureSimulator sim) {
        return java.net.http.HttpClient.newBuilder().sslContext(sim.sslContext()).proxy(sim.ingressProxy())
                .connectTimeout(Duration.ofSeconds(5));
    }

    static HttpClient httpClient(AzureSimulator sim) {
        return new JdkHttpClientBuilder(jdkBuilder(sim)).responseTimeout(Duration.ofSeconds(3)).build();
    }

    static AzureProfile profile(AzureSimulator sim) {
        AzureEnvironment env = new AzureEnvironment(Map.of(
                "resourceManagerEndpointUrl", sim.armEndpoint(),
                "managementEndpointUrl", sim.armEndpoint(),
                "activeDirectoryEndpointUrl", "https://login.microsoftonline.com/"));
        return new AzureProfile(AzureSimulator.DEFAULT_TENANT, AzureSimulator.DEFAULT_SUBSCRIPTION, env);
    }

    /** Short fixed retry delays keep tests quick; a server's Retry-After still wins. */
    static RetryOptions fastRetries() {
        return new RetryOptions(new FixedDelayOptions(3, Duration.ofMillis(20)));
    }

    static ContainerAppsApiManager containerApps(AzureSimulator sim) {
        return ContainerAppsApiManager.configure()
                .withHttpClient(httpClient(sim))
                .withRetryOptions(fastRetries())
                .withDefaultPollInterval(Duration.ofMillis(20))
                .authenticate(CREDENTIAL, profile(sim));
    }

    static ContainerRegistryManager containerRegistry(AzureSimulator sim) {
        return ContainerRegistryManager.configure()
                .withHttpClient(httpClient(sim))
                .authenticate(CREDENTIAL, profile(sim));
    }

    static ResourceGraphManager resourceGraph(AzureSimulator sim) {
        return ResourceGraphManager.configure()
                .withHttpClient(httpClient(sim))
                .withRetryOptions(fastRetries())
                .authenticate(CREDENTIAL, profile(sim));
    }

    static ContainerRegistryClient registryClient(AzureSimulator sim, String registry) {
        return new ContainerRegistryClientBuilder()
                .endpoint(sim.registryEndpoint(registry))
                .audience(ContainerRegistryAudience.AZURE_RESOURCE_MANAGER_PUBLIC_CLOUD)
                .credential(CREDENTIAL)
                .httpClient(httpClient(sim))
                .buildClient();
    }

    static ContainerRegistryContentClient contentClient(AzureSimulator sim, String registry, String repository) {
        return new ContainerRegistryContentClientBuilder()
                .endpoint(sim.registryEndpoint(registry))
                .repositoryName(repository)
                .audience(ContainerRegistryAudience.AZURE_RESOURCE_MANAGER_PUBLIC_CLOUD)
                .credential(CREDENTIAL)
                .httpClient(httpClient(sim))
                .buildClient();
    }

}
