package io.acapromoter.domain;

import java.util.Objects;

/**
 * The orchestration instance id of a promotion, derived from content (target + digest) so that a
 * redelivered event finds the instance it already started. Durable instance ids must not contain
 * {@code / \ ? #} or control characters; target names are validated to be safe, and this
 * constructor checks again.
 */
public record PromotionId(String value) {

    /** Durable Functions accepts instance ids of up to 256 characters. */
    static final int MAX_LENGTH = 256;

    public PromotionId {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("promotion id must have 1-" + MAX_LENGTH + " characters: '" + value + "'");
        }
        for (char c : value.toCharArray()) {
            if (c == '/' || c == '\\' || c == '?' || c == '#' || Character.isISOControl(c)) {
                throw new IllegalArgumentException("promotion id '" + value.replaceAll("\\p{Cntrl}", "?")
                        + "' contains a character Durable Functions does not allow in instance ids");
            }
        }
    }

    /** {@code <target>-<algorithm>-<hex>}: the same target and digest always give the same id. */
    public static PromotionId of(String targetName, Digest digest) {
        return new PromotionId(targetName + "-" + digest.algorithm() + "-" + digest.hex());
    }

    @Override
    public String toString() {
        return value;
    }
}
