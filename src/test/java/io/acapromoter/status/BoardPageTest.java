package io.acapromoter.status;

import io.acapromoter.domain.Phase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BoardPageTest {

    static final String DIGEST = "sha256:" + "ab".repeat(32);
    static final String IMAGE = "contoso.azurecr.io/shop/web@" + DIGEST;
    static final String HOSTILE = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>&amp;";

    static TargetBoard.Production production() {
        return new TargetBoard.Production(IMAGE, DIGEST, "2026-11-23T09:00:00Z", "web-sha256-old",
                List.of(new TargetBoard.Share("web--old", 50, "production", IMAGE), new TargetBoard.Share("web--new", 50, "staging", null)),
                "2026-11-23T10:00:00Z", null);
    }

    static TargetBoard.Candidate candidate(Phase phase, Step step, Integer weight, String deadline) {
        return new TargetBoard.Candidate("web-sha256-" + "cd".repeat(32), "contoso.azurecr.io/shop/web@sha256:" + "cd".repeat(32),
                "1.4.2", phase, step, "2026-11-23T09:55:00Z", 300, "deploying", weight, deadline, List.of(), List.of());
    }

    static TargetBoard target(List<TargetBoard.Candidate> candidates) {
        return new TargetBoard("web", "app", "canary", production(), candidates, List.of(), List.of(), List.of(), List.of());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "VERIFY, '<li class=\"current\" data-step=\"verify\" data-state=\"current\" aria-current=\"step\">verify</li><li class=\"todo\" data-step=\"staging\"'",
            "APPROVAL, '<li class=\"done\" data-step=\"smoke\" data-state=\"done\">smoke</li><li class=\"current\" data-step=\"approval\"'",
            "MONITOR, '<li class=\"done\" data-step=\"rollout\" data-state=\"done\">rollout</li><li class=\"current\" data-step=\"monitor\"'"})
    void stepBar_marksTheStepsBeforeDoneTheCurrentOneCurrentAndTheRestToDo(Step step, String expected) {
        StringBuilder out = new StringBuilder();

        BoardPage.stepBar(step, false, out);

        assertThat(out.toString()).contains(expected);
        assertThat(out.toString().split("data-state=\"current\"", -1)).hasSize(2);
    }

    @Test
    void aCanaryInFlightShowsItsWeightAsAMeterAndTheTimeInItsStep() {
        String html = BoardPage.standard().board(new Board("2026-11-23T10:00:00Z",
                List.of(target(List.of(candidate(Phase.ROLLING_OUT, Step.ROLLOUT, 50, null))))));

        assertThat(html).contains("data-canary=\"50\"").contains("<meta http-equiv=\"refresh\" content=\"15\">")
                .contains("ROLLING_OUT</span> for <span data-in-step>5 min 0 s</span>")
                .contains("<tr data-revision=\"web--new\"><td>web--new</td><td>staging</td><td><meter min=\"0\" max=\"100\" value=\"50\">")
                .doesNotContain("<script");
    }

    @Test
    void anAwaitingApprovalShowsItsDeadline_andNoCanaryMeter() {
        String html = BoardPage.standard().board(new Board("2026-11-23T10:00:00Z",
                List.of(target(List.of(candidate(Phase.AWAITING_APPROVAL, Step.APPROVAL, null, "2026-11-24T10:00:00Z"))))));

        assertThat(html).contains("<time data-deadline>2026-11-24T10:00:00Z</time>").doesNotContain("data-canary");
    }

    @Test
    void anApprovedPromotionHeldBackShowsWhatItWaitsFor_withTheRolloutStepWaiting_andNoDeadline() {
        TargetBoard.Candidate held = new TargetBoard.Candidate("web-sha256-" + "cd".repeat(32), IMAGE, "1.4.2",
                Phase.AWAITING_APPROVAL, Step.ROLLOUT, "2026-11-23T09:55:00Z", 300,
                "approved; waiting for the rollout window until 2026-11-23T13:00:00Z (MON 14:00-16:00 (Europe/Berlin))", null, null,
                List.of(), List.of(), "waiting for the rollout window until 2026-11-23T13:00:00Z (MON 14:00-16:00 (Europe/Berlin))");

        String html = BoardPage.standard().board(new Board("2026-11-23T10:00:00Z", List.of(target(List.of(held)))));

        assertThat(html).contains("<p class=\"waiting\" data-waiting>Approved; waiting for the rollout window until "
                        + "2026-11-23T13:00:00Z (MON 14:00-16:00 (Europe/Berlin))</p>")
                .contains("<li class=\"done\" data-step=\"approval\" data-state=\"done\">approval</li>"
                        + "<li class=\"waiting\" data-step=\"rollout\" data-state=\"waiting\" aria-current=\"step\">rollout</li>")
                .contains("<span class=\"phase\" data-phase>APPROVED, WAITING</span> for <span data-in-step>5 min 0 s</span>")
                .doesNotContain("data-deadline").doesNotContain("data-detail").doesNotContain("data-state=\"current\"");
    }

    @Test
    void everyCardLinksToItsTargetsOperatorActions_fromTheBoardAndFromTheTargetsPage() {
        TargetBoard web = target(List.of());

        assertThat(BoardPage.standard().board(new Board("2026-11-23T10:00:00Z", List.of(web))))
                .contains("<a data-actions href=\"targets/web/actions\">operator actions</a>");
        assertThat(BoardPage.standard().target(web, "2026-11-23T10:00:00Z"))
                .contains("<a data-actions href=\"../targets/web/actions\">operator actions</a>");
    }

    @Test
    void aFrozenTargetShowsWhoFrozeItWhenAndWhy() {
        TargetBoard frozen = target(List.of()).withNotice(new TargetBoard.Notice("frozen",
                "frozen by alice@example.com since 2026-11-23T09:00:00Z: incident <42>; approved promotions wait"));

        assertThat(BoardPage.standard().board(new Board("2026-11-23T10:00:00Z", List.of(frozen))))
                .contains("<p class=\"notice notice-frozen\" data-notice=\"frozen\">frozen by alice@example.com since "
                        + "2026-11-23T09:00:00Z: incident &lt;42&gt;; approved promotions wait</p>");
    }

    @Test
    void operatorsLatestActionsAreListedNewestFirst_withWhoWhenAndWhy() {
        TargetBoard acted = new TargetBoard("web", "app", "canary", production(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(new TargetBoard.OperatorAction("2026-11-23T09:30:00Z", "alice@example.com", "operator.unfreeze", "unfrozen",
                                "incident over"),
                        new TargetBoard.OperatorAction("2026-11-23T09:00:00Z", "alice@example.com", "operator.freeze", "frozen",
                                "incident 42")));

        String html = BoardPage.standard().board(new Board("2026-11-23T10:00:00Z", List.of(acted)));

        assertThat(html).contains("<h3>Operator actions</h3>").containsSubsequence(
                "<tr data-action=\"operator.unfreeze\"><td>2026-11-23T09:30:00Z</td><td>alice@example.com</td><td>operator.unfreeze"
                        + "</td><td>unfrozen</td><td>incident over</td></tr>",
                "<tr data-action=\"operator.freeze\">");
        assertThat(BoardPage.standard().board(new Board("2026-11-23T10:00:00Z", List.of(target(List.of())))))
                .doesNotContain("<h3>Operator actions</h3>");
    }

    @Test
    void anEmptyBoardSaysSo() {
        assertThat(BoardPage.standard().board(new Board("2026-11-23T10:00:00Z", List.of())))
                .contains("<p data-empty>No targets in the promotion file.</p>");
        assertThat(BoardPage.standard().board(new Board("2026-11-23T10:00:00Z", List.of(target(List.of())))))
                .contains("Nothing in flight.");
    }

    @Test
    void everyValueFromOutsideIsEscaped_inTextAndInAttributes() {
        TargetBoard.Candidate hostile = new TargetBoard.Candidate(HOSTILE, HOSTILE, HOSTILE, Phase.AWAITING_APPROVAL, Step.APPROVAL,
                HOSTILE, 1, HOSTILE, null, HOSTILE, List.of(HOSTILE), List.of(HOSTILE));
        TargetBoard.Candidate waiting = new TargetBoard.Candidate(HOSTILE, HOSTILE, HOSTILE, Phase.AWAITING_APPROVAL, Step.ROLLOUT,
                HOSTILE, 1, HOSTILE, null, null, List.of(), List.of(), HOSTILE);
        TargetBoard board = new TargetBoard(HOSTILE, HOSTILE, HOSTILE,
                new TargetBoard.Production(HOSTILE, HOSTILE, HOSTILE, HOSTILE, List.of(new TargetBoard.Share(HOSTILE, 10, HOSTILE, HOSTILE)),
                        HOSTILE, HOSTILE),
                List.of(hostile, waiting), List.of(new TargetBoard.Rebuild(HOSTILE, HOSTILE, List.of(HOSTILE), HOSTILE, HOSTILE)),
                List.of(new TargetBoard.Outcome(HOSTILE, HOSTILE, Phase.ROLLED_BACK, HOSTILE, HOSTILE)),
                List.of(new ProductionRun(HOSTILE, HOSTILE, HOSTILE, HOSTILE, HOSTILE, List.of(HOSTILE), HOSTILE, HOSTILE)),
                List.of(new TargetBoard.Notice(HOSTILE, HOSTILE)),
                List.of(new TargetBoard.OperatorAction(HOSTILE, HOSTILE, HOSTILE, HOSTILE, HOSTILE)));

        for (String html : List.of(BoardPage.standard().board(new Board(HOSTILE, List.of(board))),
                BoardPage.standard().target(board, HOSTILE))) {
            assertThat(html).doesNotContain("<script>").doesNotContain("<img").doesNotContain("onerror=alert(1)>")
                    .doesNotContain("'x'").contains("data-target=\"&lt;script&gt;").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&gt;&lt;img");
        }
    }

    @Test
    void aSectionAddedByAnotherFeatureIsDrawnAfterTheStandardOnes() {
        String html = BoardPage.standard().with((t, root, out) -> out.append("<p data-extra>frozen: ").append(t.name()).append("</p>"))
                .board(new Board("2026-11-23T10:00:00Z", List.of(target(List.of()))));

        assertThat(html).contains("<p data-extra>frozen: web</p></section>");
    }

    @ParameterizedTest
    @CsvSource({"0, 0 s", "59, 59 s", "60, 1 min 0 s", "3599, 59 min 59 s", "3600, 1 h 0 min", "90061, 25 h 1 min"})
    void human_writesDurationsForPeople(long seconds, String expected) {
        assertThat(BoardPage.human(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }
}
