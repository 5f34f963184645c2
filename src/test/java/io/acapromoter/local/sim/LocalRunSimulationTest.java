package io.acapromoter.local.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.resourcemanager.appcontainers.models.ContainerApp;
import com.azure.resourcemanager.containerregistry.models.TaskRunRequest;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** What a local run (bin/promoter local) relies on: time that moves by itself, and access from tools outside the JVM. */
class LocalRunSimulationTest {

    @Test
    void onTheWallClock_revisionsProvisionAndTaskRunsPushWithoutAnyoneAdvancingTime() throws Exception {
        try (AzureSimulator sim = AzureSimulator.builder()
                .revisionProvisioningDelay(Duration.ofMillis(100))
                .taskRunDurations(Duration.ofMillis(50), Duration.ofMillis(100))
                .start()) {
            sim.createRegistry("rg", "simreg");
            sim.registerTask("simreg", "rebuild", "web", "1.0");
            List<String> pushes = new CopyOnWriteArrayList<>();
            sim.onImagePushed(pushes::add);
            sim.createContainerApp(ContainerAppSpec.of("rg", "web", "env", "simreg.azurecr.io/web:1.0"));
            ContainerApp app = SimClients.containerApps(sim).containerApps().getByResourceGroup("rg", "web");
            app.update().withTemplate(app.template().withRevisionSuffix("v2")).apply();
            SimClients.containerRegistry(sim).serviceClient().getRegistries()
                    .scheduleRun("rg", "simreg", new TaskRunRequest().withTaskId("/tasks/rebuild"));

            assertThat(eventually(() -> sim.containerApp("rg", "web").revision("web--v2").orElseThrow().provisioningState().equals("Provisioned")))
                    .isTrue();
            assertThat(eventually(() -> pushes.size() == 1)).isTrue();
        }
    }

    @Test
    void toolsOutsideTheJvm_canTrustThePemCertificateAndUseTheProxyPort() throws Exception {
        try (AzureSimulator sim = AzureSimulator.builder().start()) {
            sim.createContainerApp(ContainerAppSpec.of("rg", "curlable", "env", "simreg.azurecr.io/web:1.0"));
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("sim", CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(sim.certificatePem().getBytes(StandardCharsets.US_ASCII))));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            HttpClient client = HttpClient.newBuilder().sslContext(ssl)
                    .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", sim.proxyPort()))).build();

            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("https://curlable." + sim.defaultDomain() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(sim.certificatePem()).doesNotContain("PRIVATE");
        }
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
