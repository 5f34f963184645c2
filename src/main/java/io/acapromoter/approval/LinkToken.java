package io.acapromoter.approval;

import io.acapromoter.domain.Decision;
import java.time.Instant;
import java.util.Objects;

/**
 * What a signed approval link says, once its signature was checked.
 *
 * @param instanceId the promotion (orchestration instance) it is for
 * @param decision   the decision the link offers first
 * @param digest     the candidate's digest ({@code sha256:…}) it was sent for
 * @param expiresAt  when it stops working (the approval deadline)
 * @param keyId      the id of the key that signed it
 */
public record LinkToken(String instanceId, Decision decision, String digest, Instant expiresAt, String keyId) {

    public LinkToken {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(keyId, "keyId");
    }
}
