package io.acapromoter.functions;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * durabletask 1.4.0 asks for jackson 2.12, protobuf 3.12, grpc 1.46 and guava 31, all with known
 * CVEs. The pom overrides them; this checks what actually ships in the deployment package.
 */
class PackagedDependenciesIT {

    static List<String> jars() throws IOException {
        try (Stream<Path> libs = Files.list(FunctionBindingsIT.STAGING.resolve("lib"))) {
            return libs.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static int[] version(List<String> jars, String prefix) {
        Pattern p = Pattern.compile(Pattern.quote(prefix) + "-(\\d+)\\.(\\d+)\\.(\\d+).*\\.jar");
        for (String jar : jars) {
            Matcher m = p.matcher(jar);
            if (m.matches()) {
                return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
            }
        }
        throw new AssertionError(prefix + " is not in the package: " + jars);
    }

    static boolean atLeast(int[] v, int major, int minor, int patch) {
        return v[0] != major ? v[0] > major : v[1] != minor ? v[1] > minor : v[2] >= patch;
    }

    /**
     * Exactly what ships, by artifact (versions are checked above). A jar added or dropped by a
     * dependency change shows up here, to be looked at, not found later in the package.
     * Left out on purpose: grpc-netty-shaded (grpc-okhttp is the transport, DurableClientChannelTest),
     * msal4j-persistence-extension and JNA (AzureCredentialTest), proto-google-common-protos (only
     * grpc's StatusProto reads it). Guava stays: grpc-api and grpc-core call it throughout.
     */
    static final List<String> SHIPPED = List.of(
            "animal-sniffer-annotations", "annotations", "annotations", "azure-communication-common", "azure-communication-email",
            "azure-containers-containerregistry", "azure-core", "azure-core-http-jdk-httpclient", "azure-core-management",
            "azure-data-tables", "azure-functions-java-library", "azure-identity", "azure-json", "azure-messaging-eventgrid",
            "azure-resourcemanager-appcontainers", "azure-resourcemanager-containerregistry", "azure-resourcemanager-resourcegraph",
            "azure-resourcemanager-resources", "azure-xml", "durabletask-azure-functions", "durabletask-client",
            "error_prone_annotations", "failureaccess", "grpc-api", "grpc-context", "grpc-core", "grpc-okhttp", "grpc-protobuf",
            "grpc-protobuf-lite", "grpc-stub", "grpc-util", "gson", "guava", "j2objc-annotations", "jackson-annotations",
            "jackson-core", "jackson-databind", "jackson-dataformat-yaml", "jackson-datatype-jsr310", "jspecify", "jsr305",
            "kotlin-stdlib", "kotlin-stdlib-common", "kotlin-stdlib-jdk7", "kotlin-stdlib-jdk8", "listenablefuture", "msal4j", "nimbus-jose-jwt",
            "okio", "okio-jvm", "perfmark-api", "protobuf-java", "reactive-streams", "reactor-core", "slf4j-api", "slf4j-jdk14",
            "snakeyaml");

    /** The issue-13 goal: a deployment package of at most 25 MiB (it was 35.2 MiB with netty-shaded and JNA). */
    static final long MAX_PACKAGE_BYTES = 25L << 20;

    @Test
    void deploymentPackage_shipsExactlyTheExpectedJars() throws IOException {
        List<String> artifacts = jars().stream().map(j -> j.replaceFirst("-\\d[^-]*(-(jre|android))?\\.jar$", "")
                .replaceFirst("-9999\\.0-empty-to-avoid-conflict-with-guava\\.jar$", "")).sorted().toList();

        assertThat(artifacts).containsExactlyElementsOf(SHIPPED.stream().sorted().toList());
    }

    @Test
    void deploymentPackage_isAtMost25MiB() throws IOException {
        long bytes;
        try (Stream<Path> files = Files.walk(FunctionBindingsIT.STAGING)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }

        assertThat(bytes).as("package size in bytes (%.1f MiB)", bytes / 1048576.0).isLessThanOrEqualTo(MAX_PACKAGE_BYTES);
    }

    @Test
    void deploymentPackage_shipsOnlyPatchedVersionsOfWhatDurabletaskPulls() throws IOException {
        List<String> jars = jars();

        assertThat(atLeast(version(jars, "jackson-databind"), 2, 15, 0)).as("jackson-databind >= 2.15").isTrue();
        assertThat(atLeast(version(jars, "jackson-core"), 2, 15, 0)).as("jackson-core >= 2.15").isTrue();
        assertThat(atLeast(version(jars, "protobuf-java"), 3, 25, 5)).as("protobuf-java >= 3.25.5 (CVE-2024-7254)").isTrue();
        assertThat(atLeast(version(jars, "grpc-okhttp"), 1, 68, 1)).as("grpc >= 1.68.1").isTrue();
        assertThat(atLeast(version(jars, "grpc-protobuf"), 1, 68, 1)).as("grpc-protobuf >= 1.68.1").isTrue();
        assertThat(atLeast(version(jars, "guava"), 32, 0, 0)).as("guava >= 32 (CVE-2023-2976)").isTrue();
    }
}
