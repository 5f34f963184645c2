package io.acapromoter.approval;

import io.acapromoter.domain.Decision;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.settings.Settings;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * Signs and checks approval links: {@code <public base URL>/api/approvals/<token>}. A token is
 * {@code base64url(payload) "." base64url(HMAC-SHA256(payload))}, the payload binding the
 * instance, the decision, the digest, the expiry and the signing key's id. The link only opens the
 * confirmation page; deciding takes a POST from that page (see {@link FormTokens}).
 */
public final class ApprovalLinks {

    /** The route of the confirmation page, below the public base URL. */
    public static final String ROUTE = "/api/approvals/";
    static final String VERSION = "v1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /** Far more than a real token; stops pathological input before decoding. */
    static final int MAX_TOKEN_LENGTH = 1024;

    private final SigningKeys keys;
    private final String baseUrl;
    private final Clock clock;

    public ApprovalLinks(SigningKeys keys, String publicBaseUrl, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
        URI base = URI.create(publicBaseUrl.strip());
        if (!"https".equals(base.getScheme()) && !"http".equals(base.getScheme()) || base.getHost() == null) {
            throw new IllegalArgumentException("public base URL must be an absolute http(s) URL, was '" + publicBaseUrl + "'");
        }
        this.baseUrl = publicBaseUrl.strip().replaceAll("/+$", "");
    }

    /** From {@link Settings#PUBLIC_BASE_URL}, {@link Settings#APPROVAL_KEY} and {@link Settings#APPROVAL_KEY_PREVIOUS}. */
    public static ApprovalLinks fromSettings(Settings settings, Clock clock) {
        return new ApprovalLinks(SigningKeys.fromSettings(settings), settings.require(Settings.PUBLIC_BASE_URL), clock);
    }

    SigningKeys keys() {
        return keys;
    }

    Clock clock() {
        return clock;
    }

    /** A signed token for {@code instanceId}, {@code decision} and {@code digest}, valid until {@code expiresAt}. */
    public String token(String instanceId, Decision decision, String digest, Instant expiresAt) {
        String payload = String.join("\n", VERSION, keys.currentKeyId(), requireLine(instanceId, "instance id"),
                decision.wire(), requireLine(digest, "digest"), Long.toString(expiresAt.getEpochSecond()));
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(keys.sign(bytes));
    }

    /** The confirmation page's URL for a new token. */
    public URI link(String instanceId, Decision decision, String digest, Instant expiresAt) {
        return link(token(instanceId, decision, digest, expiresAt));
    }

    /** The confirmation page's URL for {@code token}. */
    public URI link(String token) {
        return URI.create(baseUrl + ROUTE + token);
    }

    /**
     * The approve and reject links of a promotion waiting for approval, valid until its deadline
     * ({@code fallback} from now when the status has none).
     */
    public Pair forStatus(PromotionStatus status, Duration fallback) {
        Instant expiry = status.deadline() == null || status.deadline().isBlank()
                ? clock.instant().plus(fallback) : Instant.parse(status.deadline());
        String digest = ApprovalFacts.digest(status.image());
        return new Pair(link(status.promotionId(), Decision.APPROVE, digest, expiry),
                link(status.promotionId(), Decision.REJECT, digest, expiry));
    }

    /** The two links of one promotion. Never log them. */
    public record Pair(URI approve, URI reject) {
    }

    /** Checks encoding, key, signature (constant time) and expiry. */
    public LinkCheck verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return LinkCheck.refused(LinkCheck.Refusal.MALFORMED, "the link is incomplete or not an approval link");
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.') || dot == token.length() - 1) {
            return LinkCheck.refused(LinkCheck.Refusal.MALFORMED, "the link is incomplete or not an approval link");
        }
        byte[] payload;
        byte[] mac;
        try {
            payload = DECODER.decode(token.substring(0, dot));
            mac = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return LinkCheck.refused(LinkCheck.Refusal.MALFORMED, "the link is damaged (it may have been cut when copied)");
        }
        String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
        if (parts.length != 6 || !VERSION.equals(parts[0])) {
            return LinkCheck.refused(LinkCheck.Refusal.MALFORMED, "the link is not an approval link of this app");
        }
        SigningKeys.Lookup lookup = keys.lookup(parts[1], clock.instant());
        if (lookup.key() == null) {
            return LinkCheck.refused(LinkCheck.Refusal.WRONG_KEY, lookup.retired()
                    ? "the link was signed with a key that was rotated out; ask for a new link"
                    : "the link was not signed by this app's current keys");
        }
        if (!MessageDigest.isEqual(lookup.key().mac(payload), mac)) {
            return LinkCheck.refused(LinkCheck.Refusal.TAMPERED, "the link was changed after it was sent");
        }
        // Signed by us: the remaining parts are as we wrote them, but stay defensive.
        var decision = Decision.parse(parts[3]);
        long expiry;
        try {
            expiry = Long.parseLong(parts[5]);
        } catch (NumberFormatException e) {
            return LinkCheck.refused(LinkCheck.Refusal.MALFORMED, "the link's expiry is unreadable");
        }
        if (decision.isEmpty() || parts[2].isEmpty() || parts[4].isEmpty()) {
            return LinkCheck.refused(LinkCheck.Refusal.MALFORMED, "the link is not an approval link of this app");
        }
        Instant expiresAt = Instant.ofEpochSecond(expiry);
        if (!clock.instant().isBefore(expiresAt)) {
            return LinkCheck.refused(LinkCheck.Refusal.EXPIRED, "the link expired at " + expiresAt);
        }
        return LinkCheck.accepted(new LinkToken(parts[2], decision.get(), parts[4], expiresAt, parts[1]));
    }

    /** {@link #verify(String)}, then checks that the link is for {@code instanceId} and {@code digest}. */
    public LinkCheck verify(String token, String instanceId, String digest) {
        LinkCheck check = verify(token);
        if (!check.isValid()) {
            return check;
        }
        if (!check.token().instanceId().equals(instanceId)) {
            return LinkCheck.refused(LinkCheck.Refusal.WRONG_INSTANCE, "the link is for another promotion");
        }
        if (!check.token().digest().equals(digest)) {
            return LinkCheck.refused(LinkCheck.Refusal.WRONG_DIGEST,
                    "the link was sent for another image digest than the one this promotion holds");
        }
        return check;
    }

    private static String requireLine(String value, String what) {
        if (value == null || value.isEmpty() || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " must be non-empty without control characters");
        }
        return value;
    }
}
