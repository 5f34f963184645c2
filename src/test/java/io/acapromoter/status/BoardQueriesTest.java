package io.acapromoter.status;

import io.acapromoter.domain.Phase;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.domain.PromotionStatus.TimelineEntry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BoardQueriesTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:10:00Z");

    static PromotionStatus.Builder status(Phase phase, List<TimelineEntry> timeline) {
        return PromotionStatus.builder("web-sha256-" + "c".repeat(64), "web", "contoso.azurecr.io/web@sha256:" + "c".repeat(64))
                .phase(phase).detail("now").timeline(timeline).staging("web--new", null).deadline("2026-11-24T10:00:00Z");
    }

    @Test
    void timeInStep_countsFromTheFirstEntryOfTheCurrentStep_soACanaryStepAfterAnotherStaysOneStep() {
        PromotionStatus s = status(Phase.ROLLING_OUT, List.of(
                new TimelineEntry("2026-11-23T10:00:00Z", Phase.AWAITING_APPROVAL, "asked"),
                new TimelineEntry("2026-11-23T10:04:00Z", Phase.ROLLING_OUT, "releasing"),
                new TimelineEntry("2026-11-23T10:08:00Z", Phase.ROLLING_OUT, "web--new takes 50% of production traffic"))).build();

        TargetBoard.Candidate c = BoardQueries.candidate(s, BoardPageTest.production(), NOW);

        assertThat(c.step()).isEqualTo(Step.ROLLOUT);
        assertThat(c.stepSince()).isEqualTo("2026-11-23T10:04:00Z");
        assertThat(c.stepSeconds()).isEqualTo(360);
        assertThat(c.canaryWeight()).as("the candidate's revision's share of production traffic").isEqualTo(50);
        assertThat(c.deadline()).as("no deadline once approved").isNull();
    }

    @Test
    void awaitingApproval_showsTheDeadline_noCanaryWeight_andWarnsOfAnUnscannedImageAndUndeliveredRequests() {
        PromotionStatus s = status(Phase.AWAITING_APPROVAL, List.of(new TimelineEntry("2026-11-23T10:00:00Z", Phase.AWAITING_APPROVAL, "asked")))
                .warnings(List.of("no notification channel reached the approvers: teams=failed (HTTP 500)"))
                .vulnerabilityScan("NOT scanned by Defender after waiting 4 h: allowed with a warning").build();

        TargetBoard.Candidate c = BoardQueries.candidate(s, BoardPageTest.production(), NOW);

        assertThat(c.step()).isEqualTo(Step.APPROVAL);
        assertThat(c.deadline()).isEqualTo("2026-11-24T10:00:00Z");
        assertThat(c.canaryWeight()).isNull();
        assertThat(c.warnings()).containsExactly("no notification channel reached the approvers: teams=failed (HTTP 500)",
                "NOT scanned by Defender after waiting 4 h: allowed with a warning");
    }

    @Test
    void anApprovedPromotionHeldBackByAWindow_waitsAtTheRolloutStep_sinceItWasFirstHeld_withoutDeadlineOrCanaryWeight() {
        PromotionStatus s = status(Phase.AWAITING_APPROVAL, List.of(
                new TimelineEntry("2026-11-23T09:00:00Z", Phase.AWAITING_APPROVAL, "asked"),
                new TimelineEntry("2026-11-23T10:02:00Z", Phase.AWAITING_APPROVAL, "approved; waiting: target web is frozen by alice"),
                new TimelineEntry("2026-11-23T10:06:00Z", Phase.AWAITING_APPROVAL,
                        "approved; waiting for the rollout window until 2026-11-23T13:00:00Z (MON 14:00-16:00 (Europe/Berlin))")))
                .detail("approved; waiting for the rollout window until 2026-11-23T13:00:00Z (MON 14:00-16:00 (Europe/Berlin))").build();

        TargetBoard.Candidate c = BoardQueries.candidate(s, BoardPageTest.production(), NOW);

        assertThat(c.waiting()).isEqualTo("waiting for the rollout window until 2026-11-23T13:00:00Z (MON 14:00-16:00 (Europe/Berlin))");
        assertThat(c.step()).isEqualTo(Step.ROLLOUT);
        assertThat(c.stepSince()).as("held since the freeze, the first wait").isEqualTo("2026-11-23T10:02:00Z");
        assertThat(c.stepSeconds()).isEqualTo(480);
        assertThat(c.deadline()).as("the approval deadline no longer applies").isNull();
        assertThat(c.canaryWeight()).isNull();
    }

    @Test
    void aPromotionStillAwaitingApproval_isNotWaiting() {
        TargetBoard.Candidate c = BoardQueries.candidate(status(Phase.AWAITING_APPROVAL, List.of()).detail("awaiting 1 approval").build(),
                BoardPageTest.production(), NOW);

        assertThat(c.waiting()).isNull();
        assertThat(c.step()).isEqualTo(Step.APPROVAL);
    }

    @Test
    void aPendingPromotionIsAtVerify_withNoTimeWhenItsTimelineIsEmpty() {
        TargetBoard.Candidate c = BoardQueries.candidate(status(Phase.PENDING, List.of()).build(), BoardPageTest.production(), NOW);

        assertThat(c.step()).isEqualTo(Step.VERIFY);
        assertThat(c.stepSince()).isNull();
        assertThat(c.stepSeconds()).isZero();
    }
}
