package io.acapromoter.approval;

import io.acapromoter.domain.Decision;
import io.acapromoter.approval.LinkCheck.Refusal;
import io.acapromoter.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApprovalLinksTest {

    static final String KEY = "k".repeat(20) + "current-key-0123456789";
    static final String OLD_KEY = "o".repeat(20) + "previous-key-012345678";
    static final String INSTANCE = "web-sha256-" + "a".repeat(64);
    static final String DIGEST = "sha256:" + "a".repeat(64);
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    static final Instant EXPIRY = NOW.plus(Duration.ofHours(24));

    final MutableClock clock = new MutableClock(NOW);
    final ApprovalLinks links = new ApprovalLinks(SigningKeys.of(KEY), "https://promoter.example.net/", clock);

    static String payloadOf(String token) {
        return new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
    }

    /** Re-encodes the payload with one line changed, keeping the original signature. */
    static String withLine(String token, int line, UnaryOperator<String> change) {
        String[] parts = payloadOf(token).split("\n", -1);
        parts[line] = change.apply(parts[line]);
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
        return payload + token.substring(token.indexOf('.'));
    }

    @Test
    void verify_acceptsAFreshTokenAndReturnsWhatItBinds() {
        String token = links.token(INSTANCE, Decision.APPROVE, DIGEST, EXPIRY);

        LinkCheck check = links.verify(token, INSTANCE, DIGEST);

        assertThat(check.isValid()).isTrue();
        assertThat(check.token().instanceId()).isEqualTo(INSTANCE);
        assertThat(check.token().decision()).isEqualTo(Decision.APPROVE);
        assertThat(check.token().digest()).isEqualTo(DIGEST);
        assertThat(check.token().expiresAt()).isEqualTo(EXPIRY);
    }

    @Test
    void link_isThePublicBaseUrlWithTheApprovalRouteAndTheToken() {
        String token = links.token(INSTANCE, Decision.REJECT, DIGEST, EXPIRY);

        assertThat(links.link(token).toString()).isEqualTo("https://promoter.example.net/api/approvals/" + token);
        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    }

    static Stream<Arguments> tamperings() {
        return Stream.of(
                Arguments.of("instance", 2, (UnaryOperator<String>) s -> "web-sha256-" + "b".repeat(64), Refusal.TAMPERED),
                Arguments.of("decision", 3, (UnaryOperator<String>) s -> "reject", Refusal.TAMPERED),
                Arguments.of("digest", 4, (UnaryOperator<String>) s -> "sha256:" + "b".repeat(64), Refusal.TAMPERED),
                Arguments.of("expiry", 5, (UnaryOperator<String>) s -> Long.toString(Long.parseLong(s) + 86400), Refusal.TAMPERED),
                Arguments.of("key id", 1, (UnaryOperator<String>) s -> "AAAAAAAA", Refusal.WRONG_KEY),
                Arguments.of("version", 0, (UnaryOperator<String>) s -> "v2", Refusal.MALFORMED));
    }

    @ParameterizedTest(name = "changing the {0} gives {3}")
    @MethodSource("tamperings")
    void verify_refusesATokenChangedInAnyField(String field, int line, UnaryOperator<String> change, Refusal expected) {
        String token = links.token(INSTANCE, Decision.APPROVE, DIGEST, EXPIRY);

        LinkCheck check = links.verify(withLine(token, line, change));

        assertThat(check.isValid()).isFalse();
        assertThat(check.refusal()).isEqualTo(expected);
    }

    @Test
    void verify_refusesAChangedSignature() {
        String token = links.token(INSTANCE, Decision.APPROVE, DIGEST, EXPIRY);
        char last = token.charAt(token.length() - 2);
        String changed = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);

        assertThat(links.verify(changed).refusal()).isEqualTo(Refusal.TAMPERED);
    }

    @ParameterizedTest(name = "\"{0}\" is malformed")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"", "abc", "a.b.c", "!!!.???", ".abc", "abc.",
            "dj EK.abc"})
    void verify_refusesMalformedTokens(String token) {
        assertThat(links.verify(token).refusal()).isEqualTo(Refusal.MALFORMED);
    }

    @Test
    void verify_refusesAnOverlongTokenAsMalformed() {
        assertThat(links.verify("a".repeat(5000) + ".b").refusal()).isEqualTo(Refusal.MALFORMED);
    }

    @Test
    void verify_refusesAnExpiredTokenFromItsExpiryOn() {
        String token = links.token(INSTANCE, Decision.APPROVE, DIGEST, EXPIRY);

        clock.advance(Duration.ofHours(24));

        LinkCheck check = links.verify(token);
        assertThat(check.refusal()).isEqualTo(Refusal.EXPIRED);
        assertThat(check.detail()).contains(EXPIRY.toString());
    }

    @Test
    void verify_refusesATokenSignedWithAnotherKey() {
        ApprovalLinks other = new ApprovalLinks(SigningKeys.of(OLD_KEY), "https://promoter.example.net", clock);

        assertThat(links.verify(other.token(INSTANCE, Decision.APPROVE, DIGEST, EXPIRY)).refusal())
                .isEqualTo(Refusal.WRONG_KEY);
    }

    @Test
    void verify_acceptsThePreviousKeyDuringTheGracePeriodAndNotAfter() {
        ApprovalLinks before = new ApprovalLinks(SigningKeys.of(OLD_KEY), "https://promoter.example.net", clock);
        String oldToken = before.token(INSTANCE, Decision.APPROVE, DIGEST, EXPIRY);
        ApprovalLinks rotated = new ApprovalLinks(SigningKeys.rotating(KEY, OLD_KEY, NOW.plus(Duration.ofHours(2))),
                "https://promoter.example.net", clock);

        assertThat(rotated.verify(oldToken).isValid()).isTrue();
        assertThat(rotated.verify(rotated.token(INSTANCE, Decision.APPROVE, DIGEST, EXPIRY)).isValid()).isTrue();
        assertThat(rotated.verify(rotated.token(INSTANCE, Decision.APPROVE, DIGEST, EXPIRY)).token().keyId())
                .isNotEqualTo(rotated.verify(oldToken).token().keyId());

        clock.advance(Duration.ofHours(2));

        LinkCheck after = rotated.verify(oldToken);
        assertThat(after.refusal()).isEqualTo(Refusal.WRONG_KEY);
        assertThat(after.detail()).contains("rotated out");
    }

    @Test
    void verify_refusesATokenForAnotherInstanceOrDigest() {
        String token = links.token(INSTANCE, Decision.APPROVE, DIGEST, EXPIRY);

        assertThat(links.verify(token, "other-instance", DIGEST).refusal()).isEqualTo(Refusal.WRONG_INSTANCE);
        assertThat(links.verify(token, INSTANCE, "sha256:" + "c".repeat(64)).refusal()).isEqualTo(Refusal.WRONG_DIGEST);
    }

    @Test
    void fromSettings_readsKeysAndBaseUrlAndAcceptsThePreviousKeyWhileConfigured() {
        ApprovalLinks old = new ApprovalLinks(SigningKeys.of(OLD_KEY), "https://promoter.example.net", clock);
        ApprovalLinks configured = ApprovalLinks.fromSettings(new Settings(Map.of(
                Settings.APPROVAL_KEY, KEY, Settings.APPROVAL_KEY_PREVIOUS, OLD_KEY,
                Settings.PUBLIC_BASE_URL, "https://app.azurewebsites.net")), clock);

        assertThat(configured.verify(old.token(INSTANCE, Decision.APPROVE, DIGEST, EXPIRY)).isValid()).isTrue();
        assertThat(configured.link("t").toString()).isEqualTo("https://app.azurewebsites.net/api/approvals/t");
    }

    @Test
    void signingKeys_refuseShortKeysWithoutShowingThem() {
        assertThatThrownBy(() -> SigningKeys.of("short-secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 bytes")
                .message().doesNotContain("short-secret");
        assertThat(SigningKeys.of(KEY).toString()).doesNotContain(KEY);
    }

    @Test
    void formTokens_areBoundToLinkPersonAndExpiry() {
        FormTokens forms = FormTokens.of(links);
        String link = links.token(INSTANCE, Decision.APPROVE, DIGEST, EXPIRY);
        String otherLink = links.token(INSTANCE, Decision.REJECT, DIGEST, EXPIRY);
        String form = forms.issue(link, "Alice@contoso.com");

        assertThat(forms.check(form, link, "alice@contoso.com")).isNull();
        assertThat(forms.check(form, link, "bob@contoso.com")).isEqualTo(Refusal.TAMPERED);
        assertThat(forms.check(form, otherLink, "alice@contoso.com")).isEqualTo(Refusal.TAMPERED);
        assertThat(forms.check("1." + form.substring(form.indexOf('.') + 1), link, "alice@contoso.com"))
                .isEqualTo(Refusal.TAMPERED);
        assertThat(forms.check("nonsense", link, "alice@contoso.com")).isEqualTo(Refusal.MALFORMED);
        assertThat(forms.check(null, link, "alice@contoso.com")).isEqualTo(Refusal.MALFORMED);

        clock.advance(FormTokens.DEFAULT_LIFETIME);

        assertThat(forms.check(form, link, "alice@contoso.com")).isEqualTo(Refusal.EXPIRED);
    }
}
