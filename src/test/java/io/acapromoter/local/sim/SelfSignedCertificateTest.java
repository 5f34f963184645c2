package io.acapromoter.local.sim;

import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulator's certificate is made in process (it took two keytool child JVMs, about 3 s, before). */
class SelfSignedCertificateTest {

    @Test
    void create_givesAV3CertificateForEveryNameSignedByItsOwnKey() throws Exception {
        SelfSignedCertificate made = SelfSignedCertificate.create("Azure Simulator",
                List.of("localhost", "127.0.0.1", "*.azurecr.io"), Duration.ofDays(30));
        X509Certificate cert = made.certificate();

        cert.verify(made.keys().getPublic());
        cert.checkValidity();
        assertThat(cert.getVersion()).isEqualTo(3);
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=Azure Simulator");
        assertThat(cert.getSubjectAlternativeNames()).extracting(n -> n.get(0) + "=" + n.get(1))
                .containsExactly("2=localhost", "7=127.0.0.1", "2=*.azurecr.io");
    }

    @Test
    void create_refusesACertificateWithoutNames() {
        assertThatThrownBy(() -> SelfSignedCertificate.create("x", List.of(), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subject alternative name");
    }

    @Test
    void everyLocalServerTurnsNaglesAlgorithmOff() {
        System.clearProperty(TcpNoDelay.PROPERTY);
        try (AzureSimulator sim = AzureSimulator.builder().start()) {
            assertThat(System.getProperty(TcpNoDelay.PROPERTY)).isEqualTo("true");
        }
    }
}
