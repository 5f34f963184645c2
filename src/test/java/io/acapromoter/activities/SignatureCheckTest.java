package io.acapromoter.activities;

import io.acapromoter.domain.Digest;
import io.acapromoter.domain.PinnedImage;
import io.acapromoter.local.sim.NotationSigner;
import io.acapromoter.policy.SignaturePolicy;
import io.acapromoter.ports.AzureOperationException;
import io.acapromoter.ports.Registry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignatureCheckTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final PinnedImage IMAGE = PinnedImage.parse("contoso.azurecr.io/web@sha256:" + "ab".repeat(32));
    static final NotationSigner SIGNER = NotationSigner.selfSigned("CN=builder,O=Contoso,C=US", NOW.minus(Duration.ofDays(1)),
            NOW.plus(Duration.ofDays(30)));
    static final SignaturePolicy TRUST = new SignaturePolicy(SIGNER.chain(), List.of(), true, Duration.ofMinutes(1));

    /** A registry holding signature manifests and blobs; blob reads can be made to fail. */
    static final class FakeRegistry implements Registry {
        final List<Digest> referrers = new ArrayList<>();
        final Map<Digest, byte[]> manifests = new LinkedHashMap<>();
        final Map<Digest, byte[]> blobs = new LinkedHashMap<>();
        AzureOperationException blobFault;

        Digest attach(byte[] envelope, boolean uploadBlob) {
            Digest layer = digest(envelope);
            if (uploadBlob) {
                blobs.put(layer, envelope);
            }
            byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                    + "\"artifactType\":\"application/vnd.cncf.notary.signature\",\"layers\":[{\"mediaType\":\"application/jose+json\","
                    + "\"digest\":\"" + layer + "\",\"size\":" + envelope.length + "}],\"subject\":{\"mediaType\":"
                    + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + IMAGE.digest() + "\",\"size\":10}}")
                    .getBytes(StandardCharsets.UTF_8);
            Digest d = digest(manifest);
            manifests.put(d, manifest);
            referrers.add(d);
            return d;
        }

        @Override
        public Optional<String> manifestMediaType(PinnedImage image) {
            return Optional.empty();
        }

        @Override
        public Optional<Digest> digestOf(String registry, String repository, String tag) {
            return Optional.empty();
        }

        @Override
        public Optional<Instant> pushedAt(PinnedImage image) {
            return Optional.empty();
        }

        @Override
        public List<Digest> referrers(PinnedImage image, String artifactType) {
            return List.copyOf(referrers);
        }

        @Override
        public Optional<byte[]> manifest(PinnedImage image) {
            return Optional.ofNullable(manifests.get(image.digest()));
        }

        @Override
        public byte[] blob(String registry, String repository, Digest digest, int maxBytes) {
            if (blobFault != null) {
                throw blobFault;
            }
            byte[] b = blobs.get(digest);
            if (b == null) {
                throw new AzureOperationException("get blob", registry + "/" + repository + "@" + digest, 404, false,
                        "BLOB_UNKNOWN", null);
            }
            return b;
        }
    }

    static Digest digest(byte[] content) {
        try {
            return Digest.parse("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    final FakeRegistry registry = new FakeRegistry();

    byte[] good() {
        return SIGNER.sign(IMAGE.digest().toString(), "application/vnd.oci.image.manifest.v1+json", 10, NOW, null);
    }

    @Test
    void check_saysMissingWhenNothingIsAttached() {
        assertThat(SignatureCheck.check(registry, IMAGE, TRUST, NOW)).isInstanceOf(SignatureCheck.Missing.class);
    }

    @Test
    void check_passesOnOneGoodSignatureAndReportsTheJunkOneBesideIt() {
        Digest junk = registry.attach("junk".getBytes(StandardCharsets.UTF_8), false);
        registry.attach(good(), true);

        SignatureCheck.Outcome outcome = SignatureCheck.check(registry, IMAGE, TRUST, NOW);

        assertThat(outcome).isInstanceOfSatisfying(SignatureCheck.Verified.class, ok -> {
            assertThat(ok.verdict().signer()).contains("CN=builder");
            assertThat(ok.refusedOthers()).singleElement().asString().contains(junk.shortHex()).contains("cannot be read");
        });
    }

    @Test
    void check_refusesWhenEverySignatureIsBadWithEachReason() {
        registry.attach("{}".getBytes(StandardCharsets.UTF_8), true);
        registry.attach(NotationSigner.forge(good(), "sha256:" + "cd".repeat(32)), true);

        SignatureCheck.Outcome outcome = SignatureCheck.check(registry, IMAGE, TRUST, NOW);

        assertThat(outcome).isInstanceOfSatisfying(SignatureCheck.Refused.class, refused -> assertThat(refused.reason())
                .contains("malformed: signature envelope is not a JWS JSON envelope").contains("; forged: "));
    }

    @Test
    void check_letsATransientRegistryFaultThroughToBeRetried() {
        registry.attach(good(), true);
        registry.blobFault = new AzureOperationException("get blob", "x", 503, true, "unavailable", null);

        assertThatThrownBy(() -> SignatureCheck.check(registry, IMAGE, TRUST, NOW)).isSameAs(registry.blobFault);
    }
}
