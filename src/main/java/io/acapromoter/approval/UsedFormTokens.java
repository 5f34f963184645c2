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
    private final java.util.function.BiConsumer<String, Instant> onSpent;

    public UsedFormTokens() {
        this(Map.of(), (hash, expiry) -> { });
    }

    /**
     * Tokens spent before (by their hash, with their expiry) and where each newly spent one is recorded
     * before it counts, so "once" holds across restarts of a process that keeps them (the local runtime's
     * state directory). Hashes only, never tokens.
     */
    public UsedFormTokens(Map<String, Instant> spentBefore, java.util.function.BiConsumer<String, Instant> onSpent) {
        this.used.putAll(spentBefore);
        this.onSpent = java.util.Objects.requireNonNull(onSpent, "onSpent");
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
        String hash = hash(formToken);
        Instant until = Instant.ofEpochSecond(expiry);
        if (used.putIfAbsent(hash, until) != null) {
            return false;
        }
        onSpent.accept(hash, until);
        return true;
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
