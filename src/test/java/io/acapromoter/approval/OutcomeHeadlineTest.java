package io.acapromoter.approval;

import io.acapromoter.domain.Decision;
import io.acapromoter.domain.Phase;
import io.acapromoter.domain.PromotionStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The outcome notices' headline (Teams, e-mail, the local sink) says what happened, not more. */
class OutcomeHeadlineTest {

    static PromotionStatus.Builder succeeded() {
        return PromotionStatus.builder("web-sha256-" + "a".repeat(64), "web", "contoso.azurecr.io/web@sha256:" + "a".repeat(64))
                .phase(Phase.SUCCEEDED);
    }

    @Test
    void anApprovedPromotionThatSucceeded_wasApprovedAndRolledOut() {
        PromotionStatus s = succeeded().decisions(List.of(new PromotionStatus.DecisionEntry("bob", Decision.APPROVE, "", "2026-11-23T10:00:00Z")))
                .build();

        assertThat(ApprovalPage.headline(s)).isEqualTo("This promotion was approved and rolled out to production");
    }

    @Test
    void anOperatorsRollbackThatSucceeded_isNotCalledApproved() {
        PromotionStatus s = succeeded().detail("production runs contoso.azurecr.io/web@sha256:" + "a".repeat(64)).build();

        assertThat(ApprovalPage.headline(s)).isEqualTo("This promotion succeeded without an approval: production runs its image");
    }
}
