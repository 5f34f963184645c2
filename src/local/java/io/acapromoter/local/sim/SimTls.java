package io.acapromoter.local.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate made once per JVM, in process ({@link SelfSignedCertificate}: no
 * {@code keytool} child JVMs), kept in memory only. It covers localhost, 127.0.0.1, every
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
        try {
            SelfSignedCertificate made = SelfSignedCertificate.create("Azure Simulator",
                    List.of("localhost", "127.0.0.1", "*" + REGISTRY_SUFFIX, "*." + APPS_DOMAIN), Duration.ofDays(30));
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("sim", made.keys().getPrivate(), password, new Certificate[] {made.certificate()});
            certificatePem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(made.certificate().getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("sim", made.certificate());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not set up the simulator's TLS: " + e.getMessage(), e);
        }
    }
}
