package io.acapromoter.policy;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A target's signature requirement: a Notation signature that verifies against {@code certificates}
 * and was made by one of {@code identities} (the target's trust store and trusted identities, as in
 * a Notation trust policy).
 *
 * @param certificates trusted certificates: CA roots, or the self-signed signing certificate itself
 * @param identities   leaf subjects allowed to sign; empty when {@code anyIdentity}
 * @param anyIdentity  any signing certificate that chains to {@code certificates} may sign ({@code '*'})
 * @param waitFor      how long a candidate may wait for its signature to be attached (signing
 *                     follows the push: an ACR Task signs right after it pushes)
 */
public record SignaturePolicy(List<X509Certificate> certificates, List<TrustedIdentity> identities, boolean anyIdentity,
                              Duration waitFor) {

    public SignaturePolicy {
        certificates = List.copyOf(certificates);
        identities = List.copyOf(identities);
        Objects.requireNonNull(waitFor, "waitFor");
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("a signature policy needs at least one trusted certificate");
        }
        if (identities.isEmpty() != anyIdentity) {
            throw new IllegalArgumentException("list the identities allowed to sign, or '*' alone for any");
        }
    }

    /** Whether the signing certificate's subject may sign for the target. */
    public boolean allows(javax.security.auth.x500.X500Principal signer) {
        return anyIdentity || identities.stream().anyMatch(id -> id.matches(signer));
    }
}
