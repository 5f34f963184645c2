package io.acapromoter.local.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObjectJSON;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.UnprotectedHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes Notation signature envelopes (JWS JSON, signing scheme {@code notary.x509}) with keys and
 * certificates made on the spot, as {@code notation sign} with the Azure Key Vault plugin does:
 * PS256 with an RSA 2048 key, the certificate chain in {@code x5c}. For tests and the simulator's
 * signing ACR Tasks only: the keys live in memory and die with the process.
 */
public final class NotationSigner {

    public static final String ENVELOPE_MEDIA_TYPE = "application/jose+json";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair key;
    private final List<X509Certificate> chain;

    private NotationSigner(KeyPair key, List<X509Certificate> chain) {
        this.key = key;
        this.chain = List.copyOf(chain);
    }

    /** A certificate authority that issues signing certificates (its root certificate is what targets trust). */
    public record Authority(KeyPair key, X509Certificate certificate) {

        public static Authority create(String subject, Instant from, Instant to) {
            KeyPair key = rsa();
            return new Authority(key, makeCertificate(new X500Name(subject), key, new X500Name(subject), key, true, from, to));
        }

        /** A signer whose leaf certificate {@code subject} this authority issued. */
        public NotationSigner issue(String subject, Instant from, Instant to) {
            KeyPair leaf = rsa();
            return new NotationSigner(leaf, List.of(makeCertificate(new X500Name(subject), leaf,
                    X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), key, false, from, to), certificate));
        }
    }

    /** A signer with a self-signed certificate (Key Vault's self-signed certificates, {@code self_signed=true}). */
    public static NotationSigner selfSigned(String subject, Instant from, Instant to) {
        KeyPair key = rsa();
        return new NotationSigner(key, List.of(makeCertificate(new X500Name(subject), key, new X500Name(subject), key, false, from, to)));
    }

    /** The signing certificate, then its issuers. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The last certificate of the chain, as PEM: what a target lists under {@code signature.trust.certificates}. */
    public String rootPem() {
        return pem(chain.get(chain.size() - 1));
    }

    /** The signing certificate's subject. */
    public String subject() {
        return chain.get(0).getSubjectX500Principal().getName();
    }

    /** An envelope signing {@code digest} (a manifest of {@code mediaType} and {@code size}) at {@code signedAt}. */
    public byte[] sign(String digest, String mediaType, long size, Instant signedAt, Instant expiry) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("mediaType", mediaType);
        target.put("digest", digest);
        target.put("size", size);
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.PS256)
                .contentType("application/vnd.cncf.notary.payload.v1+json")
                .customParam("io.cncf.notary.signingScheme", "notary.x509")
                .customParam("io.cncf.notary.signingTime", signedAt.toString());
        if (expiry != null) {
            header.customParam("io.cncf.notary.expiry", expiry.toString())
                    .criticalParams(Set.of("io.cncf.notary.signingScheme", "io.cncf.notary.expiry"));
        } else {
            header.criticalParams(Set.of("io.cncf.notary.signingScheme"));
        }
        try {
            JWSObjectJSON jws = new JWSObjectJSON(new Payload(Map.of("targetArtifact", target)));
            UnprotectedHeader unprotected = new UnprotectedHeader.Builder()
                    .param("x5c", chain.stream().map(NotationSigner::base64).toList())
                    .param("io.cncf.notary.signingAgent", "notation/1.3.0 notation-azure-kv/1.2.0 (simulated)")
                    .build();
            jws.sign(header.build(), unprotected, new RSASSASigner(key.getPrivate()));
            return jws.serializeFlattened().getBytes(StandardCharsets.UTF_8);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign: " + e.getMessage(), e);
        }
    }

    /** {@code envelope} with its payload swapped for one naming {@code otherDigest}, the signature kept: a forgery. */
    public static byte[] forge(byte[] envelope, String otherDigest) {
        ObjectNode json = (ObjectNode) Json.parse(envelope);
        String payload = new String(Base64.getUrlDecoder().decode(json.get("payload").asText()), StandardCharsets.UTF_8);
        String changed = payload.replaceAll("sha256:[0-9a-f]{64}", otherDigest);
        json.put("payload", Base64.getUrlEncoder().withoutPadding().encodeToString(changed.getBytes(StandardCharsets.UTF_8)));
        return Json.bytes(json);
    }

    public static String pem(X509Certificate certificate) {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(encoded(certificate)) + "\n-----END CERTIFICATE-----\n";
    }

    private static String base64(X509Certificate certificate) {
        return Base64.getEncoder().encodeToString(encoded(certificate));
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An X.509 v3 certificate with the extensions the Notary Project requires of CA and signing certificates. */
    private static X509Certificate makeCertificate(X500Name subject, KeyPair subjectKey, X500Name issuer, KeyPair issuerKey,
                                                   boolean ca, Instant from, Instant to) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    new BigInteger(64, RANDOM).abs().add(BigInteger.ONE), Date.from(from), Date.from(to),
                    subject, subjectKey.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign : KeyUsage.digitalSignature));
            if (!ca) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey.getPrivate())));
        } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a certificate for " + subject + ": " + e.getMessage(), e);
        }
    }
}
