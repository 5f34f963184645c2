package io.acapromoter.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A content digest such as {@code sha256:0123…}: the only thing that names an image exactly.
 * Kept as its own type so a tag or a random string can never be passed where a digest is meant.
 */
public record Digest(String algorithm, String hex) {

    private static final Pattern HEX = Pattern.compile("[a-f0-9]+");

    public Digest {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(hex, "hex");
        int expected = switch (algorithm) {
            case "sha256" -> 64;
            case "sha512" -> 128;
            default -> throw new InvalidReferenceException(algorithm + ":" + hex,
                    "unsupported digest algorithm '" + algorithm + "' (expected sha256 or sha512)");
        };
        if (!HEX.matcher(hex).matches()) {
            throw new InvalidReferenceException(algorithm + ":" + hex,
                    "digest must be lowercase hexadecimal");
        }
        if (hex.length() != expected) {
            throw new InvalidReferenceException(algorithm + ":" + hex,
                    algorithm + " digest must have " + expected + " hex characters, found " + hex.length());
        }
    }

    /** Parses {@code algorithm:hex}; fails with a message that names the input and the problem. */
    public static Digest parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidReferenceException(String.valueOf(text), "digest is empty");
        }
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new InvalidReferenceException(text, "digest must look like sha256:<64 hex characters>");
        }
        return new Digest(text.substring(0, colon), text.substring(colon + 1));
    }

    /** The first 12 hex characters, as people read digests in logs and cards. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
