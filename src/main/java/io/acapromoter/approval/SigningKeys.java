package io.acapromoter.approval;

import io.acapromoter.settings.Settings;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The HMAC-SHA256 keys of approval links: the current one signs, the previous one is still
 * accepted until {@code previousUntil} so that links sent before a rotation keep working.
 * Each key is named by a key id derived from the key itself, carried in the token, so a
 * verifier knows which key to try without trying both. {@link #toString()} never shows a key.
 */
public final class SigningKeys {

    static final int MIN_KEY_BYTES = 32;

    private final Key current;
    private final Key previous;
    private final Instant previousUntil;

    private SigningKeys(Key current, Key previous, Instant previousUntil) {
        this.current = current;
        this.previous = previous;
        this.previousUntil = previousUntil;
    }

    /** One key, no rotation under way. */
    public static SigningKeys of(String key) {
        return new SigningKeys(Key.of(key, "current"), null, Instant.MIN);
    }

    /** A rotation: {@code previous} is accepted until {@code previousUntil}, then refused as a wrong key. */
    public static SigningKeys rotating(String current, String previous, Instant previousUntil) {
        return new SigningKeys(Key.of(current, "current"), Key.of(previous, "previous"), previousUntil);
    }

    /**
     * {@link Settings#APPROVAL_KEY} and, when set, {@link Settings#APPROVAL_KEY_PREVIOUS}. The grace
     * period of a rotation is the time the previous key stays configured: links carry their own
     * expiry (the approval deadline), so removing the previous key once the longest deadline has
     * passed ends the rotation.
     */
    public static SigningKeys fromSettings(Settings settings) {
        String current = settings.require(Settings.APPROVAL_KEY);
        Optional<String> previous = settings.get(Settings.APPROVAL_KEY_PREVIOUS);
        return previous.map(p -> rotating(current, p, Instant.MAX)).orElseGet(() -> of(current));
    }

    String currentKeyId() {
        return current.id;
    }

    byte[] sign(byte[] data) {
        return current.mac(data);
    }

    /** The key named {@code keyId} if it may verify at {@code now}. */
    Lookup lookup(String keyId, Instant now) {
        if (current.id.equals(keyId)) {
            return new Lookup(current, false);
        }
        if (previous != null && previous.id.equals(keyId)) {
            return now.isBefore(previousUntil) ? new Lookup(previous, false) : new Lookup(null, true);
        }
        return new Lookup(null, false);
    }

    @Override
    public String toString() {
        return "SigningKeys[current=" + current.id + (previous == null ? "" : ", previous=" + previous.id) + "]";
    }

    record Lookup(Key key, boolean retired) {
    }

    static final class Key {
        final String id;
        private final SecretKeySpec spec;

        private Key(String id, SecretKeySpec spec) {
            this.id = id;
            this.spec = spec;
        }

        static Key of(String secret, String which) {
            if (secret == null || secret.isBlank()) {
                throw new IllegalArgumentException("the " + which + " approval key is empty");
            }
            byte[] bytes = secret.strip().getBytes(StandardCharsets.UTF_8);
            if (bytes.length < MIN_KEY_BYTES) {
                throw new IllegalArgumentException("the " + which + " approval key must have at least " + MIN_KEY_BYTES
                        + " bytes (e.g. `openssl rand -base64 48`), it has " + bytes.length);
            }
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256")
                        .digest(("aca-promoter approval key id\n" + secret.strip()).getBytes(StandardCharsets.UTF_8));
                String id = Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 8);
                return new Key(id, new SecretKeySpec(bytes, "HmacSHA256"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SHA-256 is not available", e);
            }
        }

        byte[] mac(byte[] data) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(spec);
                return mac.doFinal(data);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        }

        @Override
        public String toString() {
            return "Key[" + id + "]";
        }
    }
}
