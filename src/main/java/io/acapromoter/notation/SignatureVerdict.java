package io.acapromoter.notation;

import java.time.Instant;

/** The outcome of checking one Notation signature against a candidate and a target's trust. */
public sealed interface SignatureVerdict {

    /** Why a signature was refused; each reads as what an approver needs to know. */
    enum Problem {
        /** Not a Notation envelope of a supported kind, or a header the verifier cannot honour. */
        MALFORMED,
        /** The signature does not verify with the certificate the envelope names. */
        FORGED,
        /** The certificate chain does not lead to a certificate the target trusts, or is invalid. */
        UNTRUSTED_CHAIN,
        /** The chain is trusted but its signing certificate is not an identity allowed to sign. */
        UNTRUSTED_IDENTITY,
        /** The signature's expiry, or a certificate's validity, has passed. */
        EXPIRED,
        /** The signed payload names another artifact than the candidate. */
        WRONG_DIGEST
    }

    /** A good signature by {@code signer} (the leaf subject) made at {@code signedAt}. */
    record Verified(String signer, Instant signedAt, String scheme) implements SignatureVerdict {
    }

    /** A refused signature, with the reason shown to approvers. */
    record Refused(Problem problem, String reason) implements SignatureVerdict {
    }
}
