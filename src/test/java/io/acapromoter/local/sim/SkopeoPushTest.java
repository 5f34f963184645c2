package io.acapromoter.local.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acapromoter.local.DemoWorld;
import io.acapromoter.local.LocalRuntime;
import io.acapromoter.local.durable.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real OCI client against the simulator's registry: skopeo pushes an OCI image layout made
 * here (blob uploads, manifest PUT, the token flow, TLS against the simulator's certificate),
 * reads it back, and the push's ImagePushed event starts a promotion in the local runtime, as
 * {@code skopeo copy} into {@code bin/promoter local} does. Skipped, saying so, only where skopeo
 * is not installed ({@code .ci/run} installs it).
 */
class SkopeoPushTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    final LocalRuntime rt = new LocalRuntime(ManualClock.startingAt("2026-11-23T10:00:00Z"), null, "http://localhost:7071",
            new PrintStream(new ByteArrayOutputStream()));
    final AzureSimulator sim = rt.sim();

    @BeforeAll
    static void needsSkopeo() {
        boolean installed = System.getenv("PATH") != null && java.util.Arrays.stream(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(p -> Files.isExecutable(Path.of(p, "skopeo")));
        assumeTrue(installed, "skopeo is not installed (apt-get install -y skopeo; .ci/run installs it): the real-client push test is skipped");
    }

    @AfterEach
    void stop() {
        rt.close();
    }

    record Run(int exit, String output) {
    }

    Run skopeo(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("skopeo", "--insecure-policy"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("skopeo did not finish: " + command);
        }
        return new Run(p.exitValue(), output);
    }

    static String sha256(byte[] bytes) {
        return RegistryStore.sha256(bytes);
    }

    static void blob(Path layout, byte[] content) throws IOException {
        Files.write(layout.resolve("blobs/sha256").resolve(sha256(content).substring(7)), content);
    }

    /** An OCI image layout with one image (an empty layer, a config naming it) under {@code ref}; returns the manifest digest. */
    static String ociLayout(Path layout, String ref) throws IOException {
        Files.createDirectories(layout.resolve("blobs/sha256"));
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        byte[] tar = new byte[1024];
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(tar);
        }
        byte[] layer = gz.toByteArray();
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"nonce\":\"" + UUID.randomUUID() + "\"}},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + sha256(tar) + "\"]}}").getBytes(StandardCharsets.UTF_8);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + sha256(config) + "\",\"size\":" + config.length + "},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + sha256(layer) + "\",\"size\":" + layer.length + "}]}")
                .getBytes(StandardCharsets.UTF_8);
        blob(layout, layer);
        blob(layout, config);
        blob(layout, manifest);
        Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"digest\":\"" + sha256(manifest) + "\",\"size\":" + manifest.length + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + ref + "\"}}]}");
        return sha256(manifest);
    }

    /** A directory skopeo reads trust anchors from, holding the simulator's certificate. */
    Path certDir() throws IOException {
        Path certs = Files.createDirectories(dir.resolve("certs"));
        Files.writeString(certs.resolve("simulator.crt"), sim.certificatePem());
        return certs;
    }

    String registry() {
        return "localhost:" + sim.port();
    }

    @Test
    void skopeoCopy_pushesAnOciImageWhoseEventStartsAPromotion() throws Exception {
        String digest = ociLayout(dir.resolve("layout"), "v1.2.0");
        Path certs = certDir();

        Run copy = skopeo("copy", "--dest-cert-dir", certs.toString(), "--dest-creds", "dev:any-password",
                "oci:" + dir.resolve("layout") + ":v1.2.0", "docker://" + registry() + "/shop/web:v1.2.0");

        assertThat(copy.exit()).as(copy.output()).isZero();
        assertThat(sim.digestForTag(DemoWorld.REGISTRY, "shop/web", "v1.2.0")).contains(digest);
        assertThat(rt.orchestrations().list("PromotionOrchestrator", "", 10)).as("the push's ImagePushed event started a promotion")
                .singleElement().satisfies(p -> assertThat(p.instanceId()).startsWith("shop-web"));

        Run inspect = skopeo("inspect", "--cert-dir", certs.toString(), "--creds", "dev:any-password",
                "docker://" + registry() + "/shop/web:v1.2.0");
        assertThat(inspect.exit()).as(inspect.output()).isZero();
        JsonNode inspected = JSON.readTree(inspect.output());
        assertThat(inspected.path("Digest").asText()).isEqualTo(digest);
        assertThat(inspected.path("RepoTags").toString()).contains("v1.2.0");
        assertThat(inspected.path("Architecture").asText()).isEqualTo("amd64");
    }

    @Test
    void skopeoCopy_withoutCredentials_isRefusedAsAcrRefusesAnAnonymousPush() throws Exception {
        ociLayout(dir.resolve("layout"), "v1.2.1");

        Run copy = skopeo("copy", "--dest-tls-verify=false", "oci:" + dir.resolve("layout") + ":v1.2.1",
                "docker://" + registry() + "/shop/web:v1.2.1");

        assertThat(copy.exit()).isNotZero();
        assertThat(copy.output()).containsIgnoringCase("unauthorized");
        assertThat(sim.digestForTag(DemoWorld.REGISTRY, "shop/web", "v1.2.1")).isEmpty();
        assertThat(rt.orchestrations().list("PromotionOrchestrator", "", 10)).isEmpty();
    }
}
