package io.acapromoter.orchestration;

import com.google.gson.Gson;
import com.microsoft.durabletask.JacksonDataConverter;
import io.acapromoter.domain.Digest;
import io.acapromoter.domain.PinnedImage;
import io.acapromoter.policy.RebuildRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RebuildInputTest {

    static final Digest DIGEST = Digest.parse("sha256:213bbc182920ab41e18edc2001e06abcca6735d87782d9cef68abd83941cf0e5");
    static final Instant WINDOW = Instant.parse("2026-11-23T00:00:00Z");
    static final RebuildRequest REQUEST = new RebuildRequest("shop-web",
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/shared/providers/Microsoft.ContainerRegistry/registries/contoso",
            "rebuild-shop-web", Map.of("BASE", "debian-12"), new PinnedImage("contoso.azurecr.io", "shop/web", DIGEST),
            List.of("CVE-2024-6387", "CVE-2023-5363"), WINDOW);

    @Test
    void of_flattensTheRequestWithAContentDerivedId() {
        RebuildInput input = RebuildInput.of(REQUEST, Instant.parse("2026-11-23T10:15:00Z"));

        assertThat(input.rebuildId()).isEqualTo("rebuild-shop-web-sha256-" + DIGEST.hex() + "-20261123T000000Z");
        assertThat(input.replacesDigest()).isEqualTo(DIGEST.toString());
        assertThat(input.replacedImage()).isEqualTo(REQUEST.replaces());
        assertThat(input.cves()).containsExactly("CVE-2024-6387", "CVE-2023-5363");
        assertThat(input.windowStart()).isEqualTo("2026-11-23T00:00:00Z");
        assertThat(input.requestedAt()).isEqualTo("2026-11-23T10:15:00Z");
    }

    @Test
    void roundTripsThroughTheFunctionsWorkersGsonAndDurabletasksJackson() {
        RebuildInput input = RebuildInput.of(REQUEST, Instant.parse("2026-11-23T10:15:00Z"));
        JacksonDataConverter jackson = new JacksonDataConverter();
        Gson gson = new Gson();

        RebuildInput viaJackson = jackson.deserialize(jackson.serialize(input), RebuildInput.class);
        RebuildInput viaGson = gson.fromJson(gson.toJson(input), RebuildInput.class);
        RebuildInput viaBoth = jackson.deserialize(gson.toJson(input), RebuildInput.class);

        assertThat(viaJackson).isEqualTo(input);
        assertThat(viaGson).isEqualTo(input);
        assertThat(viaBoth).isEqualTo(input);
    }

    @Test
    void rebuildId_isTheSameForTheSameTargetDigestAndWindow() {
        assertThat(RebuildId.of("shop-web", DIGEST, WINDOW)).isEqualTo(RebuildId.of("shop-web", DIGEST, WINDOW));
        assertThat(RebuildId.of("shop-web", DIGEST, WINDOW)).isNotEqualTo(RebuildId.of("shop-web", DIGEST, WINDOW.plusSeconds(86400)));
        assertThat(RebuildId.of("shop-web", DIGEST, WINDOW)).isNotEqualTo(RebuildId.of("shop-api", DIGEST, WINDOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "a\\b", "a?b", "a#b", "a\nb", ""})
    void rebuildId_refusesCharactersDurableDoesNotAllow(String value) {
        assertThatThrownBy(() -> new RebuildId(value)).isInstanceOf(IllegalArgumentException.class);
    }
}
