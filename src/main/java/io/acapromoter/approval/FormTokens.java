package io.acapromoter.approval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

/**
 * The token in the confirmation page's form: HMAC-bound to the link token, the signed-in person
 * and a short expiry, so a POST only counts when it comes from a page this app served to that
 * person. A replay after the decision is refused because the person already decided.
 * Format: {@code <expiry epoch seconds>.<key id>.<base64url HMAC>}.
 */
public final class FormTokens {

    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(15);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SigningKeys keys;
    private final Clock clock;
    private final Duration lifetime;

    public FormTokens(SigningKeys keys, Clock clock, Duration lifetime) {
        this.keys = keys;
        this.clock = clock;
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("form token lifetime must be positive, was " + lifetime);
        }
        this.lifetime = lifetime;
    }

    public static FormTokens of(ApprovalLinks links) {
        return new FormTokens(links.keys(), links.clock(), DEFAULT_LIFETIME);
    }

    /** A form token for {@code person} on the page of {@code linkToken}. */
    public String issue(String linkToken, String person) {
        long expiry = clock.instant().plus(lifetime).getEpochSecond();
        return expiry + "." + keys.currentKeyId() + "." + ENCODER.encodeToString(keys.sign(data(linkToken, person, expiry)));
    }

    /** Checks that {@code formToken} was issued for {@code linkToken} and {@code person} and has not expired. */
    public LinkCheck.Refusal check(String formToken, String linkToken, String person) {
        if (formToken == null || formToken.length() > 200) {
            return LinkCheck.Refusal.MALFORMED;
        }
        String[] parts = formToken.split("\\.", -1);
        if (parts.length != 3) {
            return LinkCheck.Refusal.MALFORMED;
        }
        long expiry;
        byte[] mac;
        try {
            expiry = Long.parseLong(parts[0]);
            mac = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return LinkCheck.Refusal.MALFORMED;
        }
        SigningKeys.Lookup lookup = keys.lookup(parts[1], clock.instant());
        if (lookup.key() == null) {
            return LinkCheck.Refusal.WRONG_KEY;
        }
        if (!MessageDigest.isEqual(lookup.key().mac(data(linkToken, person, expiry)), mac)) {
            return LinkCheck.Refusal.TAMPERED;
        }
        if (!clock.instant().isBefore(Instant.ofEpochSecond(expiry))) {
            return LinkCheck.Refusal.EXPIRED;
        }
        return null;
    }

    private static byte[] data(String linkToken, String person, long expiry) {
        try {
            byte[] linkHash = MessageDigest.getInstance("SHA-256").digest(linkToken.getBytes(StandardCharsets.UTF_8));
            String text = "form\n" + ENCODER.encodeToString(linkHash) + "\n"
                    + person.strip().toLowerCase(Locale.ROOT) + "\n" + expiry;
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
