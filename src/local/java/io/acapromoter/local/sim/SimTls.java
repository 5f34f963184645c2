package io.acapromoter.local.sim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate made once per JVM with the JDK's own {@code keytool}, kept in memory
 * only (the temporary key store is deleted at once). It covers localhost, 127.0.0.1, every
 * {@code *.azurecr.io} login server and the simulated apps' domain, so clients keep full
 * hostname verification and only their trust anchor differs from Azure.
 */
final class SimTls {
    /** The environment default domain every simulated environment shares (the cert's wildcard covers it). */
    static final String APPS_DOMAIN = "sim-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4))
            + ".westeurope.azurecontainerapps.io";
    static final String REGISTRY_SUFFIX = ".azurecr.io";

    private static SSLContext context;
    private static String certificatePem;

    private SimTls() {
    }

    static synchronized SSLContext sslContext() {
        if (context == null) {
            context = generate();
        }
        return context;
    }

    /** The certificate (never the key) in PEM, for tools such as {@code curl --cacert}. */
    static synchronized String certificatePem() {
        sslContext();
        return certificatePem;
    }

    private static SSLContext generate() {
        char[] password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16)).toCharArray();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("azure-sim-tls");
            Path store = dir.resolve("sim.p12");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "sim",
                    "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                    "-dname", "CN=Azure Simulator", "-validity", "30",
                    "-ext", "san=dns:localhost,ip:127.0.0.1,dns:*" + REGISTRY_SUFFIX + ",dns:*." + APPS_DOMAIN,
                    "-keystore", store.toString(), "-storetype", "PKCS12",
                    "-storepass", new String(password), "-keypass", new String(password)))
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool could not create the simulator certificate: " + output);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, password);
            }
            certificatePem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getCertificate("sim").getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("sim", keys.getCertificate("sim"));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not set up the simulator's TLS: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the simulator certificate", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // best effort: the directory is in the temp area and the key is only for this local simulator
        }
    }
}
