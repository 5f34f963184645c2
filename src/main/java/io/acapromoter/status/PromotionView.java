package io.acapromoter.status;

import io.acapromoter.domain.PromotionStatus;

/** A promotion as the status endpoint shows it: the orchestration state and the promotion's own status. */
public record PromotionView(String id, String runtimeState, String createdAt, String lastUpdatedAt, String failure,
                            PromotionStatus promotion) {
}
