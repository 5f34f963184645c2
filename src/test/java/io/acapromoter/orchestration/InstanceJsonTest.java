package io.acapromoter.orchestration;

import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.logging.CapturedLog;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceJsonTest {

    @Test
    void unreadableStoreJson_isEmpty_andSaysWhichInstanceAndWhy() {
        try (CapturedLog log = new CapturedLog(InstanceJson.class)) {
            Optional<PromotionStatus> status = InstanceJson.read("web-sha256-ab",
                    Optional.of("{\"promotionId\":\"web-sha256-ab\",\"phase\":\"PAUSED\"}"), PromotionStatus.class);

            assertThat(status).isEmpty();
            assertThat(log.lines()).singleElement().asString().startsWith("WARNING event=store.unreadable")
                    .contains("instance=web-sha256-ab", "type=PromotionStatus", "PAUSED");
        }
    }

    @Test
    void unknownFields_stillRead_withoutAWarning() {
        try (CapturedLog log = new CapturedLog(InstanceJson.class)) {
            Optional<PromotionStatus> status = InstanceJson.read("web-sha256-ab",
                    Optional.of("{\"promotionId\":\"web-sha256-ab\",\"phase\":\"STAGING\",\"addedLater\":1}"), PromotionStatus.class);

            assertThat(status).map(PromotionStatus::phase).contains(io.acapromoter.domain.Phase.STAGING);
            assertThat(log.lines()).isEmpty();
        }
    }
}
