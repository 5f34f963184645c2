package io.acapromoter.notation;

import io.acapromoter.domain.Digest;
import io.acapromoter.local.sim.NotationSigner;
import io.acapromoter.notation.SignatureVerdict.Problem;
import io.acapromoter.policy.SignaturePolicy;
import io.acapromoter.policy.TrustedIdentity;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NotationVerifierTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final Instant FROM = NOW.minus(Duration.ofDays(30));
    static final Instant TO = NOW.plus(Duration.ofDays(365));
    static final String DIGEST = "sha256:" + "ab".repeat(32);
    static final String OTHER = "sha256:" + "cd".repeat(32);
    static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String BUILDER = "CN=shop-builder,O=Contoso,ST=WA,C=US";

    static final NotationSigner.Authority CA = NotationSigner.Authority.create("CN=Contoso Signing Root,O=Contoso,C=US", FROM, TO);
    static final NotationSigner SIGNER = CA.issue(BUILDER, FROM, TO);

    static SignaturePolicy trustingCa(String identity) {
        return new SignaturePolicy(List.of(CA.certificate()), List.of(TrustedIdentity.parse(identity)), false, Duration.ZERO);
    }

    static SignatureVerdict verify(byte[] envelope, SignaturePolicy policy) {
        return NotationVerifier.verify(envelope, NotationVerifier.JWS_MEDIA_TYPE, Digest.parse(DIGEST), policy, NOW);
    }

    static byte[] good() {
        return SIGNER.sign(DIGEST, MANIFEST, 1234, NOW.minusSeconds(60), null);
    }

    @Test
    void verify_acceptsASignatureByAnAllowedIdentityChainingToTheTrustedRoot() {
        SignatureVerdict verdict = verify(good(), trustingCa("x509.subject: C=US, ST=WA, O=Contoso, CN=shop-builder"));

        assertThat(verdict).isInstanceOf(SignatureVerdict.Verified.class);
        assertThat(((SignatureVerdict.Verified) verdict).signer()).contains("CN=shop-builder");
        assertThat(((SignatureVerdict.Verified) verdict).signedAt()).isEqualTo(NOW.minusSeconds(60));
    }

    @Test
    void verify_acceptsASelfSignedCertificateThatIsItselfTrusted() {
        NotationSigner self = NotationSigner.selfSigned("CN=kv-signer,O=Contoso,C=US", FROM, TO);
        SignaturePolicy policy = new SignaturePolicy(self.chain(), List.of(), true, Duration.ZERO);

        assertThat(verify(self.sign(DIGEST, MANIFEST, 1, NOW, null), policy)).isInstanceOf(SignatureVerdict.Verified.class);
    }

    @Test
    void verify_refusesAForgedPayloadAsForged() {
        byte[] forged = NotationSigner.forge(SIGNER.sign(OTHER, MANIFEST, 1, NOW, null), DIGEST);

        assertRefused(verify(forged, trustingCa("x509.subject: C=US, ST=WA, O=Contoso, CN=shop-builder")), Problem.FORGED,
                "does not verify");
    }

    @Test
    void verify_refusesAnImageReSignedWithAnUntrustedKey() {
        NotationSigner intruder = NotationSigner.selfSigned(BUILDER, FROM, TO);

        assertRefused(verify(intruder.sign(DIGEST, MANIFEST, 1, NOW, null), trustingCa("x509.subject: " + BUILDER)),
                Problem.UNTRUSTED_CHAIN, "none of the 1 certificates");
    }

    @Test
    void verify_refusesASignerTheTargetDoesNotAllow() {
        assertRefused(verify(good(), trustingCa("x509.subject: C=US, O=Contoso, CN=release-team")), Problem.UNTRUSTED_IDENTITY,
                "not allowed to sign");
    }

    @Test
    void verify_refusesAnExpiredSignature() {
        byte[] expired = SIGNER.sign(DIGEST, MANIFEST, 1, NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofDays(1)));

        assertRefused(verify(expired, trustingCa("x509.subject: " + BUILDER)), Problem.EXPIRED, "expired at");
    }

    @Test
    void verify_refusesASigningCertificateThatHasExpired() {
        NotationSigner old = CA.issue(BUILDER, FROM, NOW.minus(Duration.ofDays(1)));

        assertRefused(verify(old.sign(DIGEST, MANIFEST, 1, NOW.minus(Duration.ofDays(3)), null), trustingCa("x509.subject: " + BUILDER)),
                Problem.EXPIRED, "is not valid at");
    }

    @Test
    void verify_refusesASignatureOfAnotherDigest() {
        byte[] copied = SIGNER.sign(OTHER, MANIFEST, 1, NOW, null);

        assertRefused(verify(copied, trustingCa("x509.subject: " + BUILDER)), Problem.WRONG_DIGEST, "is for " + OTHER);
    }

    @Test
    void verify_refusesWhatIsNotAnEnvelope() {
        assertRefused(verify("{\"payload\":1}".getBytes(StandardCharsets.UTF_8), trustingCa("x509.subject: " + BUILDER)),
                Problem.MALFORMED, "not a JWS JSON envelope");
        assertRefused(NotationVerifier.verify(good(), NotationVerifier.COSE_MEDIA_TYPE, Digest.parse(DIGEST),
                trustingCa("x509.subject: " + BUILDER), NOW), Problem.MALFORMED, "COSE");
    }

    static void assertRefused(SignatureVerdict verdict, Problem problem, String reason) {
        assertThat(verdict).isInstanceOf(SignatureVerdict.Refused.class);
        SignatureVerdict.Refused refused = (SignatureVerdict.Refused) verdict;
        assertThat(refused.problem()).as(refused.reason()).isEqualTo(problem);
        assertThat(refused.reason()).contains(reason);
    }
}
