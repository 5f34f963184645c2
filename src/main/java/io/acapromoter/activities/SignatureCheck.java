package io.acapromoter.activities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acapromoter.domain.Digest;
import io.acapromoter.domain.InvalidReferenceException;
import io.acapromoter.domain.MediaTypes;
import io.acapromoter.domain.PinnedImage;
import io.acapromoter.notation.NotationVerifier;
import io.acapromoter.notation.SignatureVerdict;
import io.acapromoter.policy.SignaturePolicy;
import io.acapromoter.ports.AzureOperationException;
import io.acapromoter.ports.Registry;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the Notation signatures attached to a candidate (OCI referrers of artifact type
 * {@code application/vnd.cncf.notary.signature}), reads each signature manifest's envelope layer
 * and verifies it against the target's trust. As with {@code notation verify}, one good signature
 * is enough; when none is good, every signature's reason is kept for the approver and ops.
 */
final class SignatureCheck {

    /** More referrers than this are not read: a flood of junk signatures must not stall the gate. */
    static final int MAX_SIGNATURES = 10;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the candidate's signatures amount to. */
    sealed interface Outcome {
    }

    /** No signature is attached (yet). */
    record Missing() implements Outcome {
    }

    /** A signature verified; {@code refusedOthers} are the reasons other signatures were refused. */
    record Verified(SignatureVerdict.Verified verdict, Digest signature, List<String> refusedOthers) implements Outcome {
    }

    /** Signatures are attached and none verified. */
    record Refused(List<SignatureVerdict.Refused> verdicts) implements Outcome {

        String reason() {
            StringBuilder b = new StringBuilder();
            for (SignatureVerdict.Refused r : verdicts) {
                b.append(b.isEmpty() ? "" : "; ").append(r.problem().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                        .append(": ").append(r.reason());
            }
            return b.toString();
        }
    }

    private SignatureCheck() {
    }

    static Outcome check(Registry registry, PinnedImage image, SignaturePolicy policy, Instant now) {
        List<Digest> signatures = registry.referrers(image, MediaTypes.NOTATION_SIGNATURE);
        if (signatures.isEmpty()) {
            return new Missing();
        }
        List<SignatureVerdict.Refused> refused = new ArrayList<>();
        List<String> refusedLines = new ArrayList<>();
        for (Digest signature : signatures.subList(0, Math.min(MAX_SIGNATURES, signatures.size()))) {
            SignatureVerdict verdict = verifyOne(registry, image, signature, policy, now);
            if (verdict instanceof SignatureVerdict.Verified ok) {
                return new Verified(ok, signature, refusedLines);
            }
            SignatureVerdict.Refused no = (SignatureVerdict.Refused) verdict;
            refused.add(no);
            refusedLines.add("signature " + signature.shortHex() + " refused: " + no.reason());
        }
        return new Refused(refused);
    }

    private static SignatureVerdict verifyOne(Registry registry, PinnedImage image, Digest signature, SignaturePolicy policy,
                                              Instant now) {
        PinnedImage manifestRef = new PinnedImage(image.registry(), image.repository(), signature);
        Optional<byte[]> manifest = registry.manifest(manifestRef);
        if (manifest.isEmpty()) {
            return malformed("signature manifest " + signature + " is listed as a referrer but does not exist");
        }
        JsonNode layer;
        Digest envelopeDigest;
        try {
            JsonNode m = JSON.readTree(manifest.get());
            JsonNode layers = m.path("layers");
            if (!layers.isArray() || layers.size() != 1) {
                return malformed("signature manifest " + signature + " must have exactly one layer (the envelope), has "
                        + (layers.isArray() ? layers.size() : 0));
            }
            String subject = m.path("subject").path("digest").asText("");
            if (!subject.equals(image.digest().toString())) {
                return malformed("signature manifest " + signature + " has subject '" + subject + "', not " + image.digest());
            }
            layer = layers.get(0);
            envelopeDigest = Digest.parse(layer.path("digest").asText(""));
        } catch (IOException | InvalidReferenceException e) {
            return malformed("signature manifest " + signature + " is not an OCI manifest: " + e.getMessage());
        }
        byte[] envelope;
        try {
            envelope = registry.blob(image.registry(), image.repository(), envelopeDigest, NotationVerifier.MAX_ENVELOPE_BYTES);
        } catch (AzureOperationException e) {
            if (e.isTransient()) {
                throw e;
            }
            return malformed("the envelope of signature " + signature + " cannot be read: " + e.getMessage());
        }
        return NotationVerifier.verify(envelope, layer.path("mediaType").asText(""), image.digest(), policy, now);
    }

    private static SignatureVerdict.Refused malformed(String reason) {
        return new SignatureVerdict.Refused(SignatureVerdict.Problem.MALFORMED, reason);
    }
}
