package io.acapromoter.local;

import io.acapromoter.approval.Response;
import io.acapromoter.domain.Phase;
import io.acapromoter.local.durable.DriverJournal;
import io.acapromoter.local.durable.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code local --state DIR}: a restart resumes every promotion in flight, and approval links sent before it still work. */
class LocalStateTest {

    static final Duration LONG = Duration.ofMinutes(30);

    @TempDir
    Path state;

    final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    LocalRuntime runtime() {
        return LocalRuntime.withState(ManualClock.startingAt("2026-11-23T10:00:00Z"), state, "http://localhost:7071",
                new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @Test
    void aPromotionAwaitingApprovalBeforeARestart_isApprovedWithTheLinkSentBeforeItAndSucceeds() {
        LocalFlow before = new LocalFlow(runtime());
        String id = before.push("shop-web");
        String worker = before.push("shop-worker");
        before.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);
        URI link = before.request(id).approve();

        try (LocalFlow after = new LocalFlow(before.rt.restart(new PrintStream(printed, true, StandardCharsets.UTF_8)))) {
            assertThat(after.rt.resumed()).isEqualTo(2);
            assertThat(after.phase(id)).isEqualTo(Phase.AWAITING_APPROVAL);

            Response decided = after.decide(id, link, "bob@example.com", "approve", null);
            assertThat(decided.status()).as(decided.body()).isEqualTo(200);
            after.advanceUntilFinished(id, LONG);
            after.advanceUntilPhase(worker, Phase.AWAITING_APPROVAL, LONG);

            assertThat(after.status(id).phase()).as(after.status(id).detail()).isEqualTo(Phase.SUCCEEDED);
            assertThat(after.rt.sim().containerApp(DemoWorld.RESOURCE_GROUP, "shop-web").imagesServing())
                    .containsOnlyKeys(after.status(id).image());
            after.assertDeterministic();
        }
    }

    /** The form post bob would send from the approve link's page. */
    static java.util.Map<String, String> formOfThePage(LocalRuntime rt, String token, io.acapromoter.approval.Principal who) {
        java.util.regex.Matcher form = LocalFlow.FORM_TOKEN.matcher(rt.approvals().get(token, who).body());
        assertThat(form.find()).isTrue();
        return java.util.Map.of("form_token", form.group(1), "decision", "approve");
    }

    @Test
    void aFormTokenSpentBeforeARestart_isRefusedAfterIt() {
        LocalFlow before = new LocalFlow(runtime());
        String id = before.push("shop-web");
        before.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);
        URI link = before.request(id).approve();
        String token = link.getPath().substring(io.acapromoter.approval.ApprovalLinks.ROUTE.length());
        io.acapromoter.approval.Principal bob = new io.acapromoter.approval.Principal("bob@example.com", List.of());
        java.util.Map<String, String> post = formOfThePage(before.rt, token, bob);
        assertThat(before.rt.approvals().post(token, post, bob, "127.0.0.1").status()).isEqualTo(200);

        try (LocalFlow after = new LocalFlow(before.rt.restart(new PrintStream(printed, true, StandardCharsets.UTF_8)))) {
            Response again = after.rt.approvals().post(token, post, bob, "127.0.0.1");

            assertThat(again.status()).isEqualTo(409);
            assertThat(again.body()).contains("already sent");
        }
    }

    /**
     * In Azure the spent-token set is per worker; what makes a replay on another worker harmless is that
     * a decision counts once per person: the page refuses a person who already decided (status or audit),
     * and in the window before either shows it, the orchestrator's own tally refuses the second event.
     */
    @Test
    void aFormTokenReplayedOnAnotherWorkerBeforeTheDecisionLands_countsThePersonOnce() {
        try (LocalFlow flow = new LocalFlow()) {
            String id = flow.push("shop-api");
            flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);
            URI link = flow.request(id).approve();
            String token = link.getPath().substring(io.acapromoter.approval.ApprovalLinks.ROUTE.length());
            io.acapromoter.approval.Principal bob = new io.acapromoter.approval.Principal("bob@example.com", List.of());
            java.util.Map<String, String> post = formOfThePage(flow.rt, token, bob);
            io.acapromoter.approval.ApprovalEndpoint otherWorker = new io.acapromoter.approval.ApprovalEndpoint(flow.rt.links(),
                    flow.rt.orchestrations(), new MemoryAuditLog(), flow.rt.driver().clock(), java.util.Optional.empty(),
                    new io.acapromoter.approval.UsedFormTokens());

            assertThat(flow.rt.approvals().post(token, post, bob, "127.0.0.1").status()).isEqualTo(200);
            assertThat(otherWorker.post(token, post, bob, "127.0.0.1").status()).as("before the decision landed").isEqualTo(200);
            flow.rt.driver().runUntilIdle();

            assertThat(flow.status(id).decisions()).singleElement().satisfies(d -> assertThat(d.approver()).isEqualTo("bob@example.com"));
            assertThat(otherWorker.post(token, post, bob, "127.0.0.1").status()).as("once the status shows it").isEqualTo(409);
        }
    }

    @Test
    void aCorruptJournalLine_stopsTheStartNamingTheFileAndLine() throws Exception {
        LocalFlow first = new LocalFlow(runtime());
        first.push("shop-web");
        first.rt.driver().runUntilIdle();
        first.close();
        Path journal = state.resolve("journal.log");
        List<String> lines = Files.readAllLines(journal);
        assertThat(lines).isNotEmpty();
        String last = lines.get(lines.size() - 1);
        Files.writeString(journal, String.join("\n", lines.subList(0, lines.size() - 1)) + "\n" + last.substring(0, last.length() / 2));

        assertThatThrownBy(this::runtime).isInstanceOf(DriverJournal.JournalException.class)
                .hasMessageContaining(journal.toString()).hasMessageContaining("line " + lines.size())
                .hasMessageContaining("Nothing was resumed");
        assertThat(Files.readAllLines(journal)).as("left as it was").hasSize(lines.size());
    }

    @Test
    void theSigningKeyIsKeptInTheStateDirectoryReadableByItsOwnerOnly() throws Exception {
        runtime().close();
        Path key = state.resolve(StateDir.SIGNING_KEY);
        String first = Files.readString(key);
        runtime().close();

        assertThat(Files.readString(key)).isEqualTo(first);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }
}
