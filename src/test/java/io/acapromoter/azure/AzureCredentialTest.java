package io.acapromoter.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.Configuration;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The package leaves out msal4j-persistence-extension and JNA (token caches and key rings for
 * desktop sign-ins). The credential chain Azure runs still builds, managed identity gets a token
 * from the platform's identity endpoint (what Flex Consumption gives the app).
 */
class AzureCredentialTest {

    private static final TokenRequestContext ARM = new TokenRequestContext().addScopes("https://management.azure.com/.default");

    private HttpServer identityEndpoint;

    @AfterEach
    void stop() throws IOException {
        if (identityEndpoint != null) {
            identityEndpoint.stop(0);
        }
    }

    @Test
    void persistentTokenCacheAndJnaAreNotOnTheClasspath() {
        assertThatThrownBy(() -> Class.forName("com.sun.jna.Platform")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("com.microsoft.aad.msal4jextensions.PersistenceSettings"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    /**
     * msal4j picks the managed identity source from the process environment (never from azure-core's
     * Configuration), so this runs a fresh JVM with the App Service / Functions variables set: the
     * identity endpoint is a local server, and nothing reaches for the instance metadata service.
     */
    @Test
    void managedIdentity_getsATokenFromThePlatformIdentityEndpoint() throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        identityEndpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        identityEndpoint.createContext("/msi/token", exchange -> {
            requests.add(exchange.getRequestURI().getQuery() + " header=" + exchange.getRequestHeaders().getFirst("X-IDENTITY-HEADER"));
            byte[] body = ("{\"access_token\":\"mi-token\",\"expires_on\":\"" + Instant.now().plusSeconds(3600).getEpochSecond()
                    + "\",\"resource\":\"https://management.azure.com/\",\"token_type\":\"Bearer\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        identityEndpoint.start();
        ProcessBuilder jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AzureCredentialTest.class.getName()).redirectErrorStream(true);
        jvm.environment().keySet().removeIf(k -> k.startsWith("AZURE_") || k.startsWith("IDENTITY_") || k.startsWith("MSI_")
                || k.equals("IMDS_ENDPOINT"));
        jvm.environment().put("IDENTITY_ENDPOINT", "http://127.0.0.1:" + identityEndpoint.getAddress().getPort() + "/msi/token");
        jvm.environment().put("IDENTITY_HEADER", "platform-secret");
        jvm.environment().put("AZURE_CLIENT_ID", "11111111-2222-3333-4444-555555555555");
        Process process = jvm.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(output).contains("token=mi-token");
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0)).contains("resource=https://management.azure.com", "client_id=11111111-2222-3333-4444-555555555555",
                "header=platform-secret");
    }

    /** The child JVM of the managed identity test: the credential exactly as the app builds it in Azure. */
    public static void main(String[] args) {
        TokenCredential credential = AzureConnection.credential(Optional.ofNullable(System.getenv("AZURE_CLIENT_ID")),
                Configuration.getGlobalConfiguration(), new JdkHttpClientBuilder().build());
        System.out.println("token=" + credential.getTokenSync(ARM).getToken());
    }
}
