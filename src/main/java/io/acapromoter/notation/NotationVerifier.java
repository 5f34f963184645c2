package io.acapromoter.notation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObjectJSON;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import io.acapromoter.domain.Digest;
import io.acapromoter.domain.InvalidReferenceException;
import io.acapromoter.notation.SignatureVerdict.Problem;
import io.acapromoter.notation.SignatureVerdict.Refused;
import io.acapromoter.notation.SignatureVerdict.Verified;
import io.acapromoter.policy.SignaturePolicy;
import io.acapromoter.policy.TrustedIdentity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Verifies a Notation signature envelope (Notary Project signature specification, JWS envelope)
 * the way {@code notation verify} does at the "strict" level, against one target's trust:
 * integrity (the signature verifies with the leaf certificate's key, whose algorithm must match
 * {@code alg}), authenticity (the {@code x5c} chain leads to a trusted certificate and the leaf is
 * an allowed identity), expiry, and that the signed payload names the candidate's digest.
 * Parsing and signature checks are Nimbus JOSE+JWT's and the JDK's (PKIX); revocation is not
 * checked (no OCSP/CRL access from the promoter).
 */
public final class NotationVerifier {

    public static final String JWS_MEDIA_TYPE = "application/jose+json";
    public static final String COSE_MEDIA_TYPE = "application/cose";
    public static final String PAYLOAD_MEDIA_TYPE = "application/vnd.cncf.notary.payload.v1+json";
    static final String SIGNING_SCHEME = "io.cncf.notary.signingScheme";
    static final String SIGNING_TIME = "io.cncf.notary.signingTime";
    static final String AUTHENTIC_SIGNING_TIME = "io.cncf.notary.authenticSigningTime";
    static final String EXPIRY = "io.cncf.notary.expiry";
    static final String SCHEME_X509 = "notary.x509";
    static final String SCHEME_SIGNING_AUTHORITY = "notary.x509.signingAuthority";
    /** Critical headers this verifier processes; any other critical header refuses the signature. */
    static final Set<String> UNDERSTOOD_CRITICAL = Set.of(SIGNING_SCHEME, SIGNING_TIME, EXPIRY);
    public static final int MAX_ENVELOPE_BYTES = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<JWSAlgorithm, String> ALGORITHMS = Map.of(
            JWSAlgorithm.PS256, "RSA 2048", JWSAlgorithm.PS384, "RSA 3072", JWSAlgorithm.PS512, "RSA 4096",
            JWSAlgorithm.ES256, "EC 256", JWSAlgorithm.ES384, "EC 384", JWSAlgorithm.ES512, "EC 521");

    private NotationVerifier() {
    }

    /**
     * Checks one envelope ({@code mediaType} is the signature manifest's layer media type) against
     * {@code candidate} and {@code trust} at {@code now}.
     */
    public static SignatureVerdict verify(byte[] envelope, String mediaType, Digest candidate, SignaturePolicy trust,
                                          Instant now) {
        if (COSE_MEDIA_TYPE.equals(mediaType)) {
            return refused(Problem.MALFORMED, "COSE signature envelopes (application/cose) are not verified by the "
                    + "promoter yet; sign with --signature-format jws");
        }
        if (!JWS_MEDIA_TYPE.equals(mediaType)) {
            return refused(Problem.MALFORMED, "signature envelope of media type '" + mediaType + "' is not a Notation envelope");
        }
        if (envelope.length > MAX_ENVELOPE_BYTES) {
            return refused(Problem.MALFORMED, "signature envelope is " + envelope.length + " bytes, over the "
                    + MAX_ENVELOPE_BYTES + " the promoter reads");
        }
        JWSObjectJSON.Signature signature;
        try {
            JWSObjectJSON jws = JWSObjectJSON.parse(new String(envelope, StandardCharsets.UTF_8));
            if (jws.getSignatures().size() != 1) {
                return refused(Problem.MALFORMED, "a Notation envelope carries exactly one signature, this one has "
                        + jws.getSignatures().size());
            }
            signature = jws.getSignatures().get(0);
        } catch (ParseException | RuntimeException e) {
            return refused(Problem.MALFORMED, "signature envelope is not a JWS JSON envelope: " + e.getMessage());
        }
        JWSHeader header = signature.getHeader();

        Optional<Refused> headerProblem = checkHeader(header);
        if (headerProblem.isPresent()) {
            return headerProblem.get();
        }
        List<X509Certificate> chain;
        try {
            chain = chain(signature.getUnprotectedHeader() == null ? null : signature.getUnprotectedHeader().getParam("x5c"));
        } catch (IllegalArgumentException e) {
            return refused(Problem.MALFORMED, e.getMessage());
        }
        X509Certificate leaf = chain.get(0);
        String signer = leaf.getSubjectX500Principal().getName();

        // Integrity: the algorithm follows from the key, then the signature must verify with that key.
        String keyKind = keyKind(leaf.getPublicKey());
        if (!keyKind.equals(ALGORITHMS.get(header.getAlgorithm()))) {
            return refused(Problem.FORGED, "the envelope says " + header.getAlgorithm() + " but the signing certificate "
                    + signer + " has a " + keyKind + " key (algorithm substitution)");
        }
        try {
            if (!signature.verify(verifier(leaf.getPublicKey()))) {
                return refused(Problem.FORGED, "the signature does not verify with the key of the certificate it names ("
                        + signer + "): the envelope was altered or signed with another key");
            }
        } catch (JOSEException e) {
            return refused(Problem.FORGED, "the signature cannot be checked with " + signer + "'s key: " + e.getMessage());
        }

        Instant signedAt = time(header, SIGNING_TIME).orElseThrow();
        Optional<Refused> chainProblem = checkChain(chain, trust, now, signedAt);
        if (chainProblem.isPresent()) {
            return chainProblem.get();
        }
        if (!trust.allows(leaf.getSubjectX500Principal())) {
            return refused(Problem.UNTRUSTED_IDENTITY, "signed by " + signer + ", which is not allowed to sign for this "
                    + "target (allowed: " + trust.identities().stream().map(TrustedIdentity::text)
                    .collect(Collectors.joining("; ")) + ")");
        }
        Optional<Instant> expiry = time(header, EXPIRY);
        if (expiry.isPresent() && !now.isBefore(expiry.get())) {
            return refused(Problem.EXPIRED, "the signature by " + signer + " expired at " + expiry.get());
        }

        // Only now is the payload read: it is signed, so its content can be trusted.
        try {
            JsonNode payload = JSON.readTree(signature.toJWSObject().getPayload().toBytes());
            JsonNode target = payload.path("targetArtifact");
            String digest = target.path("digest").asText("");
            if (!target.isObject() || digest.isEmpty()) {
                return refused(Problem.MALFORMED, "the signed payload has no targetArtifact digest");
            }
            if (!Digest.parse(digest).equals(candidate)) {
                return refused(Problem.WRONG_DIGEST, "the signature by " + signer + " is for " + digest + ", not for "
                        + candidate + " (a signature copied from another image)");
            }
        } catch (IOException | InvalidReferenceException e) {
            return refused(Problem.MALFORMED, "the signed payload is not a Notation payload: " + e.getMessage());
        }
        return new Verified(signer, signedAt, SCHEME_X509);
    }

    private static Optional<Refused> checkHeader(JWSHeader header) {
        if (!ALGORITHMS.containsKey(header.getAlgorithm())) {
            return Optional.of(refused(Problem.MALFORMED, "algorithm '" + header.getAlgorithm()
                    + "' is not one Notation signs with (PS256/384/512, ES256/384/512)"));
        }
        if (!PAYLOAD_MEDIA_TYPE.equals(header.getContentType())) {
            return Optional.of(refused(Problem.MALFORMED, "payload content type '" + header.getContentType()
                    + "' is not " + PAYLOAD_MEDIA_TYPE));
        }
        Set<String> critical = header.getCriticalParams() == null ? Set.of() : header.getCriticalParams();
        if (!critical.contains(SIGNING_SCHEME)) {
            return Optional.of(refused(Problem.MALFORMED, "the header does not mark " + SIGNING_SCHEME + " critical"));
        }
        Set<String> unknown = new HashSet<>(critical);
        unknown.removeAll(UNDERSTOOD_CRITICAL);
        if (!unknown.isEmpty()) {
            return Optional.of(refused(Problem.MALFORMED, "the signature requires " + String.join(", ", unknown.stream().sorted().toList())
                    + ", which the promoter does not process (e.g. a Notation verification plugin)"));
        }
        Object scheme = header.getCustomParam(SIGNING_SCHEME);
        if (SCHEME_SIGNING_AUTHORITY.equals(scheme)) {
            return Optional.of(refused(Problem.MALFORMED, "signing scheme " + SCHEME_SIGNING_AUTHORITY
                    + " needs a signing-authority trust store, which targets do not have; sign with " + SCHEME_X509));
        }
        if (!SCHEME_X509.equals(scheme)) {
            return Optional.of(refused(Problem.MALFORMED, "unknown signing scheme '" + scheme + "'"));
        }
        for (String name : List.of(SIGNING_TIME, EXPIRY)) {
            if (header.getCustomParam(name) != null) {
                try {
                    time(header, name);
                } catch (IllegalArgumentException e) {
                    return Optional.of(refused(Problem.MALFORMED, e.getMessage()));
                }
            }
        }
        if (header.getCustomParam(SIGNING_TIME) == null) {
            return Optional.of(refused(Problem.MALFORMED, "the header has no " + SIGNING_TIME));
        }
        return Optional.empty();
    }

    private static Optional<Instant> time(JWSHeader header, String name) {
        Object value = header.getCustomParam(name);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value.toString()).toInstant());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " '" + value + "' is not an RFC 3339 time");
        }
    }

    private static List<X509Certificate> chain(Object x5c) {
        if (!(x5c instanceof List<?> items) || items.isEmpty()) {
            throw new IllegalArgumentException("the envelope has no certificate chain (unprotected header x5c)");
        }
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Object item : items) {
                byte[] der = Base64.getDecoder().decode(String.valueOf(item));
                out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the certificate chain (x5c) holds something that is not a certificate: "
                    + e.getMessage());
        }
        return out;
    }

    /**
     * The chain must lead to a trusted certificate: the path is the chain up to the first trusted
     * certificate (which becomes the anchor), validated by PKIX at {@code now} without revocation;
     * every certificate must also have been valid when the signature was made.
     */
    private static Optional<Refused> checkChain(List<X509Certificate> chain, SignaturePolicy trust, Instant now,
                                               Instant signedAt) {
        X509Certificate leaf = chain.get(0);
        String signer = leaf.getSubjectX500Principal().getName();
        boolean[] usage = leaf.getKeyUsage();
        if (usage == null || !usage[0]) {
            return Optional.of(refused(Problem.UNTRUSTED_CHAIN, "the signing certificate " + signer
                    + " is not allowed to make digital signatures (key usage)"));
        }
        try {
            List<String> eku = leaf.getExtendedKeyUsage();
            if (eku != null && eku.stream().anyMatch(FORBIDDEN_EKU::contains)) {
                return Optional.of(refused(Problem.UNTRUSTED_CHAIN, "the signing certificate " + signer
                        + " is a TLS, e-mail or timestamping certificate, not a code-signing one"));
            }
        } catch (java.security.cert.CertificateParsingException e) {
            return Optional.of(refused(Problem.MALFORMED, "the signing certificate's extended key usage cannot be read"));
        }
        int anchorAt = -1;
        for (int i = 0; i < chain.size() && anchorAt < 0; i++) {
            if (trust.certificates().contains(chain.get(i))) {
                anchorAt = i;
            }
        }
        if (anchorAt < 0) {
            return Optional.of(refused(Problem.UNTRUSTED_CHAIN, "signed by " + signer + " under "
                    + chain.get(chain.size() - 1).getSubjectX500Principal().getName()
                    + ", and none of the " + chain.size() + " certificates of its chain is trusted by this target"));
        }
        for (X509Certificate cert : chain.subList(0, anchorAt + 1)) {
            try {
                cert.checkValidity(Date.from(signedAt));
                cert.checkValidity(Date.from(now));
            } catch (CertificateExpiredException | CertificateNotYetValidException e) {
                return Optional.of(refused(Problem.EXPIRED, "certificate " + cert.getSubjectX500Principal().getName()
                        + " (valid " + cert.getNotBefore().toInstant() + " to " + cert.getNotAfter().toInstant()
                        + ") is not valid at " + now + " or at the signing time " + signedAt));
            }
        }
        if (anchorAt == 0) {
            return Optional.empty();
        }
        try {
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(chain.get(anchorAt), null)));
            params.setRevocationEnabled(false);
            params.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(chain.subList(0, anchorAt)), params);
            return Optional.empty();
        } catch (CertPathValidatorException e) {
            Problem problem = e.getReason() == CertPathValidatorException.BasicReason.EXPIRED
                    || e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID ? Problem.EXPIRED : Problem.UNTRUSTED_CHAIN;
            return Optional.of(refused(problem, "the certificate chain of " + signer + " does not validate: " + e.getMessage()
                    + (e.getReason() == PKIXReason.NO_TRUST_ANCHOR ? " (no trusted anchor)" : "")));
        } catch (GeneralSecurityException e) {
            return Optional.of(refused(Problem.UNTRUSTED_CHAIN, "the certificate chain of " + signer + " cannot be checked: "
                    + e.getMessage()));
        }
    }

    /** serverAuth, clientAuth, emailProtection, timeStamping, anyExtendedKeyUsage. */
    private static final Set<String> FORBIDDEN_EKU = Set.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2",
            "1.3.6.1.5.5.7.3.4", "1.3.6.1.5.5.7.3.8", "2.5.29.37.0");

    private static String keyKind(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return "RSA " + rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return "EC " + ec.getParams().getCurve().getField().getFieldSize();
        }
        return key.getAlgorithm();
    }

    private static JWSVerifier verifier(PublicKey key) throws JOSEException {
        if (key instanceof RSAPublicKey rsa) {
            return new RSASSAVerifier(rsa, UNDERSTOOD_CRITICAL);
        }
        if (key instanceof ECPublicKey ec) {
            return new ECDSAVerifier(ec, UNDERSTOOD_CRITICAL);
        }
        throw new JOSEException("unsupported key type " + key.getAlgorithm());
    }

    private static Refused refused(Problem problem, String reason) {
        return new Refused(problem, reason);
    }
}
