package io.acapromoter.local.bench;

import io.acapromoter.policy.PromotionFileLoader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConcurrentPromotionsTest {

    @Test
    void threePromotions_areAllInFlightAtOnce_thenAllSucceed() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Map<String, Object> figures = ConcurrentPromotions.run(3, new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(figures).containsEntry("promotions", 3).containsEntry("waitingForApproval", 3)
                .containsEntry("ended", Map.of("SUCCEEDED", 3));
        assertThat((long) figures.get("heapMiBLive")).isPositive();
        assertThat((long) figures.get("rssMiB")).isPositive();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("3 promotions in flight, 3 waiting for approval");
    }

    @Test
    void theGeneratedPromotionFile_isValid_withATargetPerPromotion() {
        assertThat(PromotionFileLoader.parse(ConcurrentPromotions.config(1_000), "bench").targets())
                .filteredOn(t -> t.name().startsWith("load-")).hasSize(1_000).anyMatch(t -> t.name().equals("load-1000"));
    }

    @Test
    void aPromotionCountOutsideOneToAThousand_isRefused() {
        assertThatThrownBy(() -> ConcurrentPromotions.run(1_001, System.out)).hasMessageContaining("1 to 1000");
        assertThatThrownBy(() -> ConcurrentPromotions.run(0, System.out)).hasMessageContaining("1 to 1000");
    }
}
