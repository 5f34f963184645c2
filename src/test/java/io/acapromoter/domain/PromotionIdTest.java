package io.acapromoter.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromotionIdTest {

    @Test
    void of_isDerivedFromTargetAndDigestOnly() {
        Digest digest = Digest.parse(ImageRefTest.D);

        assertThat(PromotionId.of("shop-web", digest)).isEqualTo(PromotionId.of("shop-web", digest));
        assertThat(PromotionId.of("shop-web", digest).value())
                .isEqualTo("shop-web-sha256-213bbc182920ab41e18edc2001e06abcca6735d87782d9cef68abd83941cf0e5");
        assertThat(PromotionId.of("other", digest)).isNotEqualTo(PromotionId.of("shop-web", digest));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "a\\b", "a?b", "a#b", "a\u0001b", "a\nb", ""})
    void constructor_rejectsCharactersDurableDoesNotAllow(String value) {
        assertThatThrownBy(() -> new PromotionId(value)).isInstanceOf(IllegalArgumentException.class);
    }
}
