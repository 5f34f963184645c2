package io.acapromoter.approval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Form tokens already spent in this process, kept until they would have expired anyway, so a page's
 * form decides once even before its decision reaches the promotion's status or the audit trail (which
 * guard across processes: each person counts once). Stores hashes, never tokens.
 */
public final class UsedFormTokens {

    private final Map<String, Instant> used = new ConcurrentHashMap<>();

    public UsedFormTokens() {
        // empty: tokens are added as they are spent
    }

    /** True the first time {@code formToken} is presented; false for every replay. */
    boolean consume(String formToken, Instant now) {
        used.values().removeIf(expiry -> !expiry.isAfter(now));
        long expiry;
        try {
            expiry = Long.parseLong(formToken.substring(0, formToken.indexOf('.')));
        } catch (RuntimeException e) {
            return false;
        }
        return used.putIfAbsent(hash(formToken), Instant.ofEpochSecond(expiry)) == null;
    }

    private static String hash(String token) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
