package io.acapromoter.policy;

import io.acapromoter.domain.Decision;
import io.acapromoter.domain.PromotionStatus.DecisionEntry;
import io.acapromoter.policy.ApprovalRules.Refusal;
import io.acapromoter.policy.ApprovalRules.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApprovalRulesTest {

    static final String OPS_GROUP = "7f3c2a10-0000-4000-8000-00000000abcd";
    final ApprovalRules rules = new ApprovalRules(List.of("Alice@Contoso.com", "bob@contoso.com", "group:" + OPS_GROUP),
            2, "mallory@contoso.com");

    static DecisionEntry approve(String who) {
        return new DecisionEntry(who, Decision.APPROVE, null, "2026-11-23T10:00:00Z");
    }

    @ParameterizedTest(name = "{0} in groups [{1}] is an approver: {2}")
    @CsvSource(delimiter = '|', value = {
            "alice@contoso.com|                 |true",
            "ALICE@CONTOSO.COM|                 |true",
            " bob@contoso.com |                 |true",
            "carol@contoso.com|                 |false",
            "carol@contoso.com|7F3C2A10-0000-4000-8000-00000000ABCD|true",
            "carol@contoso.com|11111111-0000-4000-8000-000000000000|false",
            "group:7f3c2a10-0000-4000-8000-00000000abcd||false",
            "alice@contoso.co |                 |false"})
    void isApprover_matchesUsersCaseInsensitivelyAndGroupsById(String name, String groups, boolean expected) {
        List<String> ids = groups == null ? List.of() : Arrays.asList(groups.split(","));

        assertThat(rules.isApprover(name, ids)).isEqualTo(expected);
    }

    @Test
    void judge_refusesSomeoneWhoIsNotAnApprover() {
        ApprovalRules.Verdict v = rules.judge("carol@contoso.com", List.of(), Decision.APPROVE, null, List.of());

        assertThat(v.counted()).isFalse();
        assertThat(v.refusal()).isEqualTo(Refusal.NOT_APPROVER);
        assertThat(v.reason()).contains("carol@contoso.com").contains("not an approver");
    }

    @Test
    void judge_refusesThePusherApprovingTheirOwnImageEvenThroughAGroup() {
        ApprovalRules.Verdict v = rules.judge("Mallory@contoso.com", List.of(OPS_GROUP), Decision.APPROVE, null, List.of());

        assertThat(v.counted()).isFalse();
        assertThat(v.refusal()).isEqualTo(Refusal.PUSHER);
    }

    @Test
    void judge_letsThePusherRejectTheirOwnImage() {
        ApprovalRules.Verdict v = rules.judge("mallory@contoso.com", List.of(OPS_GROUP), Decision.REJECT, "wrong build", List.of());

        assertThat(v.counted()).isTrue();
        assertThat(v.after().state()).isEqualTo(State.REJECTED);
    }

    @Test
    void judge_countsEachPersonOnceForAQuorumOfTwo() {
        ApprovalRules.Verdict first = rules.judge("alice@contoso.com", List.of(), Decision.APPROVE, null, List.of());
        ApprovalRules.Verdict again = rules.judge("ALICE@contoso.com", List.of(), Decision.APPROVE, null,
                List.of(approve("alice@contoso.com")));
        ApprovalRules.Verdict second = rules.judge("bob@contoso.com", List.of(), Decision.APPROVE, null,
                List.of(approve("alice@contoso.com")));

        assertThat(first.counted()).isTrue();
        assertThat(first.after().state()).isEqualTo(State.OPEN);
        assertThat(first.after().approvals()).isEqualTo(1);
        assertThat(again.counted()).isFalse();
        assertThat(again.refusal()).isEqualTo(Refusal.ALREADY_DECIDED);
        assertThat(second.counted()).isTrue();
        assertThat(second.after().state()).isEqualTo(State.APPROVED);
        assertThat(second.reason()).contains("2 of 2");
    }

    @Test
    void judge_aRejectionAfterOneApprovalEndsTheRequest() {
        ApprovalRules.Verdict v = rules.judge("bob@contoso.com", List.of(), Decision.REJECT, "smoke test looks wrong",
                List.of(approve("alice@contoso.com")));

        assertThat(v.counted()).isTrue();
        assertThat(v.after().state()).isEqualTo(State.REJECTED);
        assertThat(v.after().rejectedBy()).isEqualTo("bob@contoso.com");
    }

    @Test
    void judge_refusesDecisionsAfterTheEnd() {
        List<DecisionEntry> rejected = List.of(new DecisionEntry("bob@contoso.com", Decision.REJECT, "no", "t"));
        List<DecisionEntry> approved = List.of(approve("alice@contoso.com"), approve("bob@contoso.com"));

        assertThat(rules.judge("carol@x", List.of(OPS_GROUP), Decision.APPROVE, null, rejected).refusal()).isEqualTo(Refusal.CLOSED);
        assertThat(rules.judge("carol@x", List.of(OPS_GROUP), Decision.REJECT, "late", approved).refusal()).isEqualTo(Refusal.CLOSED);
    }

    @Test
    void judge_requiresAReasonToRejectAndAKnownDecision() {
        assertThat(rules.judge("alice@contoso.com", List.of(), Decision.REJECT, "  ", List.of()).refusal()).isEqualTo(Refusal.INVALID);
        assertThat(rules.judge("alice@contoso.com", List.of(), null, null, List.of()).refusal()).isEqualTo(Refusal.INVALID);
    }

    @Test
    void outcome_ofNoDecisionsIsOpen() {
        assertThat(rules.outcome(List.of())).isEqualTo(new ApprovalRules.Outcome(State.OPEN, 0, 2, null));
    }

    @Test
    void constructor_refusesZeroApprovalsRequired() {
        assertThatThrownBy(() -> new ApprovalRules(List.of("a@b"), 0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }

    @Test
    void noPusherNamed_meansNobodyIsBlockedAsPusher() {
        ApprovalRules open = new ApprovalRules(List.of("alice@contoso.com"), 1, " ");

        assertThat(open.judge("alice@contoso.com", List.of(), Decision.APPROVE, null, List.of()).after().state())
                .isEqualTo(State.APPROVED);
    }
}
