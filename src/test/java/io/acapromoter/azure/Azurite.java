package io.acapromoter.azure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Azurite's Table service for tests: installed with npm into {@code target/azurite} at a pinned
 * version on first use, started on a free port, stopped by {@link #close()}. When Node.js/npm are
 * missing or the install fails, the tests fail with what to install: the audit trail is not a part
 * to skip silently.
 */
final class Azurite implements AutoCloseable {

    static final String VERSION = "3.35.0";
    static final Path HOME = Path.of("target", "azurite");
    static final String ACCOUNT_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static final String HOW_TO_INSTALL = "Azurite " + VERSION + " is needed for the audit log tests. "
            + "Install Node.js and npm (Debian: apt-get install -y nodejs npm), then run "
            + "`npm install --prefix target/azurite --no-audit --no-fund azurite@" + VERSION + "` "
            + "(the tests try that themselves).";

    private final Process process;
    private final int port;

    private Azurite(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Azurite start() throws IOException, InterruptedException {
        Path bin = HOME.resolve("node_modules/.bin/azurite-table");
        if (!Files.isExecutable(bin) || !installedVersionIs(VERSION)) {
            install();
        }
        int port = freePort();
        Path log = HOME.resolve("azurite-table.log");
        Process process = new ProcessBuilder(bin.toAbsolutePath().toString(), "--tableHost", "127.0.0.1",
                "--tablePort", Integer.toString(port), "--inMemoryPersistence", "--skipApiVersionCheck",
                "--disableTelemetry", "--silent")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("Azurite exited with " + process.exitValue() + ": " + Files.readString(log)
                        + "\n" + HOW_TO_INSTALL);
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return new Azurite(process, port);
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        process.destroyForcibly();
        throw new AssertionError("Azurite did not open port " + port + " within 60 s: " + Files.readString(log));
    }

    private static boolean installedVersionIs(String version) throws IOException {
        Path pkg = HOME.resolve("node_modules/azurite/package.json");
        return Files.exists(pkg) && Files.readString(pkg).contains("\"version\": \"" + version + "\"");
    }

    private static void install() throws IOException, InterruptedException {
        Files.createDirectories(HOME);
        Process npm;
        try {
            npm = new ProcessBuilder("npm", "install", "--prefix", HOME.toAbsolutePath().toString(), "--no-audit",
                    "--no-fund", "--loglevel=error", "azurite@" + VERSION).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("npm is not available (" + e.getMessage() + "). " + HOW_TO_INSTALL, e);
        }
        StringBuilder out = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(npm.getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines().forEach(l -> out.append(l).append('\n'));
        }
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            npm.destroyForcibly();
            throw new AssertionError("npm could not install Azurite:\n" + out + HOW_TO_INSTALL);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** The well-known development account's connection string for this instance. */
    String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + ACCOUNT_KEY
                + ";TableEndpoint=http://127.0.0.1:" + port + "/devstoreaccount1;";
    }

    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroy);
    }
}
