package io.acapromoter.functions;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * The root of the deployed Functions package: the folder holding {@code host.json}, the app jar
 * and the packaged {@code promotion.yaml}. The Java worker's working directory is not that folder
 * in Azure, so relative settings such as {@code PROMOTER_CONFIG} are resolved against the folder
 * of the app jar, which the host loads from the package root.
 */
final class PackageRoot {

    private PackageRoot() {
    }

    /** The folder of the jar holding {@code type}; the working directory when not run from a jar (tests). */
    static Path of(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source != null && source.getLocation() != null) {
            try {
                Path location = Path.of(source.getLocation().toURI());
                if (Files.isRegularFile(location) && location.getFileName().toString().endsWith(".jar")) {
                    return location.toAbsolutePath().getParent();
                }
            } catch (URISyntaxException | IllegalArgumentException e) {
                // An unusual class loader: fall through to the working directory.
            }
        }
        return Path.of("").toAbsolutePath();
    }

    static Path resolve(Path configured, Path root) {
        return configured.isAbsolute() ? configured : root.resolve(configured).normalize();
    }
}
