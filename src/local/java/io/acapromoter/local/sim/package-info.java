/**
 * A local Azure simulator: one HTTPS server that speaks the ARM routes (Microsoft.App container
 * apps, revisions, environments, jobs; Microsoft.ContainerRegistry registries, scheduleRun and
 * runs; Microsoft.ResourceGraph resources) and the ACR data plane (oauth2 exchange/token,
 * manifests, tags, OCI referrers), with state, long-running operations, simulated time and
 * injectable faults. Each active revision is a small HTTPS app of its own, reached through an
 * HTTP CONNECT proxy under the host names Azure would give it.
 *
 * <p>It exists so that the real Azure SDK adapters, the orchestrations and {@code bin/promoter
 * local} run without Azure, and fail the way Azure fails. A client differs from an Azure one only
 * in endpoint, credential and TLS trust:
 * <ul>
 *   <li>HTTP client: {@code new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder()
 *       .sslContext(sim.sslContext()).proxy(sim.ingressProxy())).build()};</li>
 *   <li>ARM: an {@code AzureEnvironment} whose {@code resourceManagerEndpointUrl} is
 *       {@link io.acapromoter.local.sim.AzureSimulator#armEndpoint()}, any bearer token;</li>
 *   <li>registry data plane: endpoint {@code https://<name>.azurecr.io} (through the proxy) and any
 *       {@code TokenCredential}; the simulator runs ACR's challenge and token exchange. With a
 *       single registry, {@code https://localhost:<port>} reaches it directly too.</li>
 *   <li>app URLs ({@code https://<app>.<domain>}, {@code https://<app>---<label>.<domain>},
 *       {@code https://<revision>.<domain>}) through the same proxy and TLS context.</li>
 * </ul>
 *
 * <pre>{@code
 * AzureEnvironment env = new AzureEnvironment(Map.of(
 *         "resourceManagerEndpointUrl", sim.armEndpoint(),
 *         "managementEndpointUrl", sim.armEndpoint(),
 *         "activeDirectoryEndpointUrl", "https://login.microsoftonline.com/"));
 * HttpClient http = new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder()
 *         .sslContext(sim.sslContext()).proxy(sim.ingressProxy())).build();
 * ContainerAppsApiManager apps = ContainerAppsApiManager.configure().withHttpClient(http)
 *         .authenticate(credential, new AzureProfile(AzureSimulator.DEFAULT_TENANT, AzureSimulator.DEFAULT_SUBSCRIPTION, env));
 * }</pre>
 *
 * <p>Time is a {@link io.acapromoter.local.sim.SimClock}: tests use a manual one and call
 * {@code sim.advance(...)}; local runs use the wall clock and a background tick applies what
 * became due (revision provisioning, crashes, job executions, ACR Task runs and their pushes).
 *
 * <p>Deliberate simplifications: Resource Graph does not run KQL (it returns the findings it holds,
 * narrowed to the {@code sha256:} digests named in the query); all environments share one default
 * domain (so app names are unique per simulator); a manifest pushed under a given digest does not
 * hash to it; error codes for invalid traffic are the simulator's own, in Azure's error shape.
 */
package io.acapromoter.local.sim;
