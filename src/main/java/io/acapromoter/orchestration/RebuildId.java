package io.acapromoter.orchestration;

import io.acapromoter.domain.Digest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * The orchestration instance id of a rebuild, derived from content (target + replaced digest + window
 * start): every finding on that digest in one window, redelivered or repeated by Defender's daily rescan,
 * names the same instance, so starting it again is a no-op. Durable instance ids must not contain
 * {@code / \ ? #} or control characters.
 */
public record RebuildId(String value) {

    static final int MAX_LENGTH = 256;
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    public RebuildId {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("rebuild id must have 1-" + MAX_LENGTH + " characters: '" + value + "'");
        }
        for (char c : value.toCharArray()) {
            if (c == '/' || c == '\\' || c == '?' || c == '#' || Character.isISOControl(c)) {
                throw new IllegalArgumentException("rebuild id '" + value.replaceAll("\\p{Cntrl}", "?")
                        + "' contains a character Durable Functions does not allow in instance ids");
            }
        }
    }

    /** {@code rebuild-<target>-<algorithm>-<hex>-<window start as yyyyMMddTHHmmssZ>}. */
    public static RebuildId of(String target, Digest replaced, Instant windowStart) {
        return new RebuildId("rebuild-" + target + "-" + replaced.algorithm() + "-" + replaced.hex() + "-" + COMPACT.format(windowStart));
    }

    @Override
    public String toString() {
        return value;
    }
}
