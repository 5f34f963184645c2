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

    @Test
    void deploymentPackage_shipsOnlyPatchedVersionsOfWhatDurabletaskPulls() throws IOException {
        List<String> jars = jars();

        assertThat(atLeast(version(jars, "jackson-databind"), 2, 15, 0)).as("jackson-databind >= 2.15").isTrue();
        assertThat(atLeast(version(jars, "jackson-core"), 2, 15, 0)).as("jackson-core >= 2.15").isTrue();
        assertThat(atLeast(version(jars, "protobuf-java"), 3, 25, 5)).as("protobuf-java >= 3.25.5 (CVE-2024-7254)").isTrue();
        assertThat(atLeast(version(jars, "grpc-netty-shaded"), 1, 68, 1)).as("grpc >= 1.68.1").isTrue();
        assertThat(atLeast(version(jars, "grpc-protobuf"), 1, 68, 1)).as("grpc-protobuf >= 1.68.1").isTrue();
        assertThat(atLeast(version(jars, "guava"), 32, 0, 0)).as("guava >= 32 (CVE-2023-2976)").isTrue();
    }
}
