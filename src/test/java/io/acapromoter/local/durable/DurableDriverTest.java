package io.acapromoter.local.durable;

import com.microsoft.durabletask.OrchestrationRuntimeStatus;
import com.microsoft.durabletask.RetryPolicy;
import com.microsoft.durabletask.TaskCanceledException;
import com.microsoft.durabletask.TaskFailedException;
import com.microsoft.durabletask.TaskOptions;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorAction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurableDriverTest {

    private static final String ID = "toy-1";

    private ManualClock clock;
    private DurableDriver driver;

    @BeforeEach
    void setUp() {
        clock = ManualClock.startingAt("2026-01-05T09:00:00Z");
        driver = new DurableDriver(clock);
    }

    private InstanceState state(String instanceId) {
        return driver.getInstance(instanceId).orElseThrow();
    }

    private OrchestrationRuntimeStatus status() {
        return state(ID).runtimeStatus();
    }

    // ------------------------------------------------------------------ activities

    @Test
    void activityResult_becomesTheOrchestrationOutput() {
        driver.registerOrchestrator("Greet", ctx -> ctx.callActivity("SayHello", ctx.getInput(String.class), String.class).await());
        driver.registerActivity("SayHello", input -> input.replace("\"", "\"Hello ").replaceFirst("\"Hello $", "\""));

        assertThat(driver.scheduleNewOrchestration("Greet", ID, "\"Ada\"")).isTrue();
        assertThat(status()).isEqualTo(OrchestrationRuntimeStatus.PENDING);
        driver.runUntilIdle();

        InstanceState done = state(ID);
        assertThat(done.runtimeStatus()).isEqualTo(OrchestrationRuntimeStatus.COMPLETED);
        assertThat(done.outputJson()).isEqualTo("\"Hello Ada\"");
        assertThat(done.inputJson()).isEqualTo("\"Ada\"");
        assertThat(done.failure()).isNull();
    }

    record Numbers(int a, int b) {
    }

    record Sum(int total, String note) {
    }

    @Test
    void typedActivity_readsInputWithGsonAndTheOrchestratorReadsOutputWithJackson() {
        driver.registerOrchestrator("Add", ctx -> {
            Sum sum = ctx.callActivity("AddNumbers", new Numbers(2, 40), Sum.class).await();
            return sum.total() + " " + sum.note();
        });
        driver.registerActivity("AddNumbers", Numbers.class, n -> new Sum(n.a() + n.b(), "from gson"));

        driver.scheduleNewOrchestration("Add", ID, null);
        driver.runUntilIdle();

        assertThat(state(ID).outputJson()).isEqualTo("\"42 from gson\"");
    }

    record Stamped(Instant at) {
    }

    /**
     * Why activity payloads carry times as ISO-8601 strings: Gson writes an Instant as its fields
     * ({"seconds":…,"nanos":…}), which durabletask's Jackson converter refuses to read back.
     */
    @Test
    void typedActivity_returningAJavaTimeValue_cannotBeReadBackByDurabletasksJackson() {
        driver.registerOrchestrator("Stamp", ctx -> ctx.callActivity("Now", null, Stamped.class).await());
        driver.registerActivity("Now", String.class, ignored -> new Stamped(Instant.EPOCH));

        driver.scheduleNewOrchestration("Stamp", ID, null);
        driver.runUntilIdle();

        assertThat(state(ID).failure().cause())
                .contains("DataConverterException")
                .contains("java.time.Instant");
    }

    /** What an orchestrator catching the failure of an activity that throws {@code thrown} sees. */
    String failureSeenByTheOrchestrator(RuntimeException thrown) {
        driver.registerOrchestrator("Catcher", ctx -> {
            try {
                ctx.callActivity("Boom", null, String.class).await();
                return "no failure";
            } catch (TaskFailedException e) {
                return e.getTaskName() + " | " + e.getErrorDetails().getErrorType() + " | " + e.getErrorDetails().getErrorMessage();
            }
        });
        driver.registerActivity("Boom", input -> {
            throw thrown;
        });

        driver.scheduleNewOrchestration("Catcher", ID, null);
        driver.runUntilIdle();
        return state(ID).outputJson();
    }

    @Test
    void activityFailure_reachesTheOrchestratorAsTaskFailedExceptionWithDetails() {
        assertThat(failureSeenByTheOrchestrator(new IllegalStateException("registry answered 503")))
                .isEqualTo("\"Boom | IllegalStateException | registry answered 503\"");
    }

    @Test
    void activityFailure_isReportedByItsRootCauseShortNameAndFirstLine_asTheFunctionsHostDoes() {
        RuntimeException wrapped = new IllegalStateException("wrapper", new java.io.UncheckedIOException(
                "connection reset\nat line 2", new java.io.IOException("socket closed\nsecond line")));

        assertThat(failureSeenByTheOrchestrator(wrapped)).isEqualTo("\"Boom | IOException | socket closed\"");
    }

    @Test
    void retryPolicy_retriesAFailingActivityOnDurableTimersUntilItSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        driver.registerActivity("Flaky", input -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new IllegalStateException("attempt " + attempts.get() + " failed");
            }
            return "\"ok on attempt " + attempts.get() + "\"";
        });
        TaskOptions retry = new TaskOptions(new RetryPolicy(3, Duration.ofSeconds(30)));
        driver.registerOrchestrator("Retrying", ctx -> ctx.callActivity("Flaky", null, retry, String.class).await());

        driver.scheduleNewOrchestration("Retrying", ID, null);
        driver.runUntilIdle();

        assertThat(attempts).hasValue(1);
        assertThat(status()).isEqualTo(OrchestrationRuntimeStatus.RUNNING);
        assertThat(driver.nextTimer()).contains(Instant.parse("2026-01-05T09:00:30Z"));

        driver.advance(Duration.ofMinutes(5));

        assertThat(attempts).hasValue(3);
        assertThat(state(ID).outputJson()).isEqualTo("\"ok on attempt 3\"");
        assertThat(driver.history(ID)).filteredOn(HistoryEvent::hasTimerCreated).hasSize(2);
        assertThat(driver.history(ID)).filteredOn(HistoryEvent::hasTaskFailed).hasSize(2);
    }

    @Test
    void retryHandler_decidesOnTheFailureDetailsAndWaitsWithItsOwnTimer() {
        AtomicInteger attempts = new AtomicInteger();
        driver.registerActivity("Throttled", input -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("429 Too Many Requests");
            }
            return "\"deployed\"";
        });
        TaskOptions retry = new TaskOptions(context -> {
            if (!context.getLastFailure().getErrorMessage().contains("429")) {
                return false;
            }
            context.getOrchestrationContext().createTimer(Duration.ofMinutes(2)).await();
            return true;
        });
        driver.registerOrchestrator("Deploying", ctx -> ctx.callActivity("Throttled", null, retry, String.class).await());

        driver.scheduleNewOrchestration("Deploying", ID, null);
        driver.advance(Duration.ofMinutes(1));
        assertThat(status()).isEqualTo(OrchestrationRuntimeStatus.RUNNING);

        driver.advance(Duration.ofMinutes(1));
        assertThat(state(ID).outputJson()).isEqualTo("\"deployed\"");
        assertThat(attempts).hasValue(2);
        assertThat(driver.replay(ID).mismatches()).isEmpty();
    }

    @Test
    void runUntilIdle_fromInsideAnActivity_isRefused() {
        driver.registerActivity("Reentrant", input -> {
            driver.runUntilIdle();
            return null;
        });
        driver.registerOrchestrator("CallsReentrant", ctx -> ctx.callActivity("Reentrant", null, String.class).await());

        driver.scheduleNewOrchestration("CallsReentrant", ID, null);
        driver.runUntilIdle();

        assertThat(state(ID).failure().cause()).contains("cannot be called from inside an activity");
    }

    @Test
    void persistentActivityFailure_failsTheOrchestrationAfterTheLastAttempt() {
        AtomicInteger attempts = new AtomicInteger();
        driver.registerActivity("Broken", input -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("digest not found");
        });
        TaskOptions retry = new TaskOptions(new RetryPolicy(2, Duration.ofSeconds(10)));
        driver.registerOrchestrator("Doomed", ctx -> ctx.callActivity("Broken", null, retry, String.class).await());

        driver.scheduleNewOrchestration("Doomed", ID, null);
        driver.advance(Duration.ofMinutes(1));

        InstanceState failed = state(ID);
        assertThat(attempts).hasValue(2);
        assertThat(failed.runtimeStatus()).isEqualTo(OrchestrationRuntimeStatus.FAILED);
        // As in Azure, the Functions middleware hides the cause behind a generic message (durabletask-java#200).
        assertThat(failed.failure().errorMessage()).isEqualTo("Unexpected failure in the task execution");
        assertThat(failed.failure().cause()).contains(TaskFailedException.class.getName()).contains("digest not found");
    }

    @Test
    void unregisteredActivity_failsTheTaskWithAMessageNamingIt() {
        driver.registerOrchestrator("CallsNothing", ctx -> ctx.callActivity("Missing", null, String.class).await());

        driver.scheduleNewOrchestration("CallsNothing", ID, null);
        driver.runUntilIdle();

        assertThat(state(ID).failure().cause()).contains("No activity registered with name 'Missing'");
    }

    // ------------------------------------------------------------------ timers

    @Test
    void timer_firesOnlyWhenTheClockReachesIt() {
        driver.registerOrchestrator("Sleeper", ctx -> {
            ctx.createTimer(Duration.ofHours(1)).await();
            return ctx.getCurrentInstant().toString();
        });

        driver.scheduleNewOrchestration("Sleeper", ID, null);
        driver.runUntilIdle();
        driver.advance(Duration.ofMinutes(59));
        assertThat(status()).isEqualTo(OrchestrationRuntimeStatus.RUNNING);

        driver.advance(Duration.ofMinutes(1));
        assertThat(status()).isEqualTo(OrchestrationRuntimeStatus.COMPLETED);
        // The fired timer's episode starts 1 ms after the fire time, as on a real host (see DurableDriver#episodeStart).
        assertThat(state(ID).outputJson()).isEqualTo("\"2026-01-05T10:00:00.001Z\"");
    }

    /** Also guards the 1 ms episode offset: without it durabletask 1.4.0 re-creates a fired timer forever. */
    @Test
    void advance_firesTimersInOrderIncludingOnesCreatedDuringTheWindow() {
        driver.registerOrchestrator("Ticker", ctx -> {
            StringBuilder ticks = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                ctx.createTimer(Duration.ofMinutes(10)).await();
                ticks.append(ctx.getCurrentInstant().toString(), 11, 16).append(' ');
            }
            return ticks.toString().trim();
        });

        driver.scheduleNewOrchestration("Ticker", ID, null);
        driver.advance(Duration.ofHours(1));

        assertThat(state(ID).outputJson()).isEqualTo("\"09:10 09:20 09:30\"");
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-05T10:00:00Z"));
    }

    /**
     * durabletask 1.4.0 splits timers longer than 3 days (OrchestrationRunner's maximum timer interval) into
     * sub-timers, but {@code createTimer(d).await()} returns when the first 3-day sub-timer fires. Azure runs
     * the same executor, so orchestrator code must not await a single timer longer than 3 days.
     */
    @Test
    void awaitingATimerLongerThanThreeDays_returnsAfterTheFirstThreeDaySubTimerInDurabletask140() {
        driver.registerOrchestrator("Patient", ctx -> {
            ctx.createTimer(Duration.ofDays(5)).await();
            return ctx.getCurrentInstant().toString().substring(0, 16);
        });

        driver.scheduleNewOrchestration("Patient", ID, null);
        driver.advance(Duration.ofDays(3));

        assertThat(state(ID).outputJson()).isEqualTo("\"2026-01-08T09:00\"");
        assertThat(driver.history(ID)).filteredOn(HistoryEvent::hasTimerCreated).hasSize(2);
    }

    /** The timeout of waitForExternalEvent hooks the whole timer, so long approval deadlines are kept. */
    @Test
    void externalEventTimeoutLongerThanThreeDays_expiresOnlyAtTheDeadline() {
        driver.registerOrchestrator("LongApproval", ctx -> {
            try {
                return ctx.waitForExternalEvent("Decision", Duration.ofDays(5), String.class).await();
            } catch (TaskCanceledException e) {
                return "expired at " + ctx.getCurrentInstant().toString().substring(0, 16);
            }
        });

        driver.scheduleNewOrchestration("LongApproval", ID, null);
        driver.advance(Duration.ofDays(4));
        assertThat(status()).isEqualTo(OrchestrationRuntimeStatus.RUNNING);

        driver.advance(Duration.ofDays(1));
        assertThat(state(ID).outputJson()).isEqualTo("\"expired at 2026-01-10T09:00\"");
        assertThat(driver.replay(ID).mismatches()).isEmpty();
    }

    // ------------------------------------------------------------------ external events

    private void registerApproval() {
        driver.registerOrchestrator("Approval", ctx -> {
            try {
                return "approved by " + ctx.waitForExternalEvent("Decision", Duration.ofHours(1), String.class).await();
            } catch (TaskCanceledException e) {
                return "expired";
            }
        });
    }

    @Test
    void externalEvent_arrivingBeforeTheTimeout_isReceived() {
        registerApproval();
        driver.scheduleNewOrchestration("Approval", ID, null);
        driver.advance(Duration.ofMinutes(30));

        assertThat(driver.raiseEvent(ID, "Decision", "\"alice\"")).isTrue();
        driver.runUntilIdle();

        assertThat(state(ID).outputJson()).isEqualTo("\"approved by alice\"");
        assertThat(driver.nextTimer()).as("the finished instance's timeout timer is dropped").isEmpty();
    }

    @Test
    void externalEvent_notArrivingBeforeTheTimeout_cancelsTheWait() {
        registerApproval();
        driver.scheduleNewOrchestration("Approval", ID, null);
        driver.advance(Duration.ofMinutes(59));
        assertThat(status()).isEqualTo(OrchestrationRuntimeStatus.RUNNING);

        driver.advance(Duration.ofMinutes(1));

        assertThat(state(ID).outputJson()).isEqualTo("\"expired\"");
        assertThat(driver.raiseEvent(ID, "Decision", "\"too late\"")).isFalse();
    }

    @Test
    void externalEvent_raisedBeforeTheWaitIsReached_isBufferedUntilTheWait() {
        driver.registerOrchestrator("SlowApproval", ctx -> {
            ctx.createTimer(Duration.ofMinutes(10)).await();
            try {
                return "approved by " + ctx.waitForExternalEvent("Decision", Duration.ofHours(1), String.class).await();
            } catch (TaskCanceledException e) {
                return "expired";
            }
        });
        driver.scheduleNewOrchestration("SlowApproval", ID, null);
        driver.runUntilIdle();

        driver.raiseEvent(ID, "Decision", "\"bob\"");
        driver.runUntilIdle();
        assertThat(status()).isEqualTo(OrchestrationRuntimeStatus.RUNNING);

        driver.advance(Duration.ofMinutes(10));
        assertThat(state(ID).outputJson()).isEqualTo("\"approved by bob\"");
    }

    @Test
    void raiseEvent_toAnUnknownInstance_isRejected() {
        assertThatThrownBy(() -> driver.raiseEvent("nobody", "Decision", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nobody");
    }

    // ------------------------------------------------------------------ status and lifecycle

    @Test
    void customStatus_isReadableWhileTheOrchestrationWaits() {
        driver.registerOrchestrator("Phased", ctx -> {
            ctx.setCustomStatus(Map.of("phase", "AWAITING_APPROVAL"));
            ctx.waitForExternalEvent("Go").await();
            ctx.setCustomStatus(Map.of("phase", "SUCCEEDED"));
            return null;
        });
        driver.scheduleNewOrchestration("Phased", ID, null);
        driver.runUntilIdle();

        assertThat(state(ID).customStatusJson()).isEqualTo("{\"phase\":\"AWAITING_APPROVAL\"}");

        driver.raiseEvent(ID, "Go", null);
        driver.runUntilIdle();
        assertThat(state(ID).customStatusJson()).isEqualTo("{\"phase\":\"SUCCEEDED\"}");
        assertThat(state(ID).runtimeStatus()).isEqualTo(OrchestrationRuntimeStatus.COMPLETED);
    }

    @Test
    void listInstances_byPrefix_givesTheNewestOfThatPrefixAndOrchestratorOnly() {
        registerApproval();
        driver.registerOrchestrator("Other", ctx -> "done");
        for (String id : List.of("shop-web-1", "shop-api-1", "shop-web-2", "shop-web-3", "shop-webhooks-1")) {
            driver.scheduleNewOrchestration("Approval", id, "\"x\"");
        }
        driver.scheduleNewOrchestration("Other", "shop-web-4", "\"x\"");

        assertThat(driver.listInstances("Approval", "shop-web-", 2)).extracting(InstanceState::instanceId)
                .containsExactly("shop-web-3", "shop-web-2");
        assertThat(driver.listInstances("Approval", "shop-web", 10)).extracting(InstanceState::instanceId)
                .containsExactly("shop-webhooks-1", "shop-web-3", "shop-web-2", "shop-web-1");
        assertThat(driver.listInstances("Approval", "", 10)).hasSize(5);
    }

    @Test
    void liveAndRecentListings_areExactlyTheFilteredFullListing_asInstancesFinishAndAccumulate() {
        registerApproval();
        driver.registerOrchestrator("Other", ctx -> ctx.waitForExternalEvent("Decision", String.class).await());
        DriverOrchestrations ports = new DriverOrchestrations(driver);
        List<String> ids = new java.util.ArrayList<>();
        for (int round = 0; round < 4; round++) {
            for (int i = 0; i < 5; i++) {
                String id = "shop-web-" + round + "-" + i;
                ids.add(id);
                driver.scheduleNewOrchestration("Approval", id, "\"x\"");
            }
            driver.scheduleNewOrchestration("Approval", "shop-api-" + round, "\"x\"");
            driver.scheduleNewOrchestration("Other", "shop-web-other-" + round, "\"x\"");
            driver.runUntilIdle();
            // Some finish: one decided, one terminated; the others keep waiting.
            driver.raiseEvent(ids.get(round * 5), "Decision", "\"ada\"");
            driver.terminate(ids.get(round * 5 + 1), "stopped");
            driver.runUntilIdle();
            driver.advance(Duration.ofMinutes(10));
            java.time.Instant from = clock.instant().minus(Duration.ofMinutes(25));

            for (String prefix : List.of("shop-web-", "shop-", "")) {
                List<InstanceState> all = driver.listInstances("Approval", prefix, Integer.MAX_VALUE);
                assertThat(ports.listLive("Approval", prefix)).extracting(io.acapromoter.ports.InstanceView::instanceId)
                        .containsExactlyElementsOf(all.stream().filter(InstanceState::isRunning).map(InstanceState::instanceId).toList());
                assertThat(ports.listCreatedSince("Approval", prefix, from)).extracting(io.acapromoter.ports.InstanceView::instanceId)
                        .containsExactlyElementsOf(all.stream().filter(st -> !st.createdAt().isBefore(from)).map(InstanceState::instanceId).toList());
            }
        }
        assertThat(ports.listLive("Approval", "shop-web-")).hasSize(4 * 3);
        assertThat(ports.listLive("Other", "shop-web-")).hasSize(4);
    }

    @Test
    void aJournaledDriver_recordsEveryChange_soOneResumedFromTheJournalSeesEveryInstanceAsItWas(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        DriverJournal journal = DriverJournal.open(dir);
        registerJournaled(driver);
        driver.resumeFrom(journal);
        for (int i = 0; i < 6; i++) {
            driver.scheduleNewOrchestration("Approval", "shop-web-" + i, "\"x\"");
        }
        driver.runUntilIdle();
        driver.raiseEvent("shop-web-0", "Decision", "\"ada\"");
        driver.terminate("shop-web-1", "stopped");
        driver.scheduleNewOrchestration("Sender", "sender-1", "\"shop-web-2\"");
        driver.runUntilIdle();
        driver.advance(Duration.ofMinutes(30));
        driver.scheduleNewOrchestration("Approval", "shop-web-late", "\"x\"");
        driver.runUntilIdle();
        driver.advance(Duration.ofMinutes(31)); // the first ones expire, the late one still waits
        driver.raiseEvent("shop-web-late", "Decision", "\"bob\"");
        driver.scheduleNewOrchestration("Approval", "shop-web-last", "\"x\"");
        driver.runUntilIdle();
        List<InstanceState> before = driver.listInstances();
        journal.close();

        DurableDriver resumed = new DurableDriver(clock);
        registerJournaled(resumed);
        try (DriverJournal again = DriverJournal.open(dir)) {
            resumed.resumeFrom(again);

            assertThat(before).extracting(InstanceState::runtimeStatus).contains(OrchestrationRuntimeStatus.COMPLETED,
                    OrchestrationRuntimeStatus.TERMINATED, OrchestrationRuntimeStatus.RUNNING);
            for (InstanceState was : before) {
                InstanceState now = resumed.getInstance(was.instanceId()).orElseThrow();
                assertThat(List.of(now.runtimeStatus(), String.valueOf(now.customStatusJson()), String.valueOf(now.outputJson()), now.lastUpdatedAt()))
                        .as(was.instanceId())
                        .isEqualTo(List.of(was.runtimeStatus(), String.valueOf(was.customStatusJson()), String.valueOf(was.outputJson()), was.lastUpdatedAt()));
            }
        }
    }

    private static void registerJournaled(DurableDriver d) {
        d.registerOrchestrator("Approval", ctx -> {
            ctx.setCustomStatus(Map.of("phase", "waiting"));
            try {
                return "approved by " + ctx.waitForExternalEvent("Decision", Duration.ofHours(1), String.class).await();
            } catch (TaskCanceledException e) {
                return "expired";
            }
        });
        d.registerOrchestrator("Sender", ctx -> {
            ctx.sendEvent(ctx.getInput(String.class), "Decision", "carol");
            return "sent";
        });
    }

    @Test
    void scheduleNewOrchestration_withAnExistingId_doesNothing() {
        registerApproval();
        assertThat(driver.scheduleNewOrchestration("Approval", ID, "\"first\"")).isTrue();
        driver.runUntilIdle();

        assertThat(driver.scheduleNewOrchestration("Approval", ID, "\"second\"")).isFalse();
        driver.runUntilIdle();

        assertThat(driver.listInstances()).hasSize(1);
        assertThat(state(ID).inputJson()).isEqualTo("\"first\"");
        assertThat(driver.history(ID)).filteredOn(HistoryEvent::hasExecutionStarted).hasSize(1);
    }

    @Test
    void scheduleNewOrchestration_withAnUnknownName_isRejected() {
        assertThatThrownBy(() -> driver.scheduleNewOrchestration("Nope", ID, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Nope");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a/b", "a\\b", "a?b", "a#b", "a\nb"})
    void scheduleNewOrchestration_rejectsInstanceIdsDurableDoesNotAllow(String badId) {
        registerApproval();
        assertThatThrownBy(() -> driver.scheduleNewOrchestration("Approval", badId, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void terminate_endsAWaitingInstanceWithTheReasonAsOutput() {
        registerApproval();
        driver.scheduleNewOrchestration("Approval", ID, null);
        driver.runUntilIdle();

        assertThat(driver.terminate(ID, "superseded by a newer digest")).isTrue();
        driver.advance(Duration.ofHours(2));

        InstanceState terminated = state(ID);
        assertThat(terminated.runtimeStatus()).isEqualTo(OrchestrationRuntimeStatus.TERMINATED);
        assertThat(terminated.outputJson()).isEqualTo("\"superseded by a newer digest\"");
        assertThat(driver.terminate(ID, "again")).isFalse();
        assertThat(driver.replay(ID).isConsistent()).isTrue();
    }

    @Test
    void terminate_beforeTheFirstEpisode_neverRunsTheOrchestrator() {
        AtomicInteger runs = new AtomicInteger();
        driver.registerOrchestrator("Counted", ctx -> {
            runs.incrementAndGet();
            return ctx.waitForExternalEvent("Decision", String.class).await();
        });
        driver.scheduleNewOrchestration("Counted", ID, null);

        assertThat(driver.terminate(ID, "cancelled")).isTrue();
        driver.runUntilIdle();

        assertThat(runs).hasValue(0);
        assertThat(status()).isEqualTo(OrchestrationRuntimeStatus.TERMINATED);
        assertThat(driver.replay(ID).mismatches()).isEmpty();
    }

    @Test
    void continueAsNew_startsAFreshExecutionWithTheNewInput() {
        driver.registerOrchestrator("Counter", ctx -> {
            int n = ctx.getInput(Integer.class);
            if (n < 3) {
                ctx.createTimer(Duration.ofMinutes(1)).await();
                ctx.continueAsNew(n + 1);
            }
            return n;
        });
        driver.scheduleNewOrchestration("Counter", ID, "0");
        driver.advance(Duration.ofMinutes(10));

        assertThat(state(ID).runtimeStatus()).isEqualTo(OrchestrationRuntimeStatus.COMPLETED);
        assertThat(state(ID).outputJson()).isEqualTo("3");
        assertThat(driver.history(ID)).filteredOn(HistoryEvent::hasExecutionStarted)
                .singleElement().satisfies(e -> assertThat(e.getExecutionStarted().getInput().getValue()).isEqualTo("3"));
    }

    @Test
    void subOrchestration_resultReturnsToTheParent() {
        driver.registerOrchestrator("Child", ctx -> ctx.getInput(String.class).toUpperCase());
        driver.registerOrchestrator("Parent", ctx -> "child said " + ctx.callSubOrchestrator("Child", "hi", "child-1", String.class).await());

        driver.scheduleNewOrchestration("Parent", ID, null);
        driver.runUntilIdle();

        assertThat(state("child-1").outputJson()).isEqualTo("\"HI\"");
        assertThat(state(ID).outputJson()).isEqualTo("\"child said HI\"");
    }

    @Test
    void sendEvent_deliversToTheOtherInstanceOnceThoughDurabletaskRepeatsTheAction() {
        driver.registerOrchestrator("Receiver", ctx -> ctx.waitForExternalEvent("Ping", String.class).await());
        driver.registerOrchestrator("Sender", ctx -> {
            ctx.sendEvent("receiver-1", "Ping", "hello");
            ctx.createTimer(Duration.ofMinutes(1)).await();
            return "sent";
        });
        driver.scheduleNewOrchestration("Receiver", "receiver-1", null);
        driver.scheduleNewOrchestration("Sender", ID, null);
        driver.advance(Duration.ofMinutes(1));

        assertThat(state("receiver-1").outputJson()).isEqualTo("\"hello\"");
        assertThat(state(ID).outputJson()).isEqualTo("\"sent\"");
        assertThat(driver.history(ID)).filteredOn(HistoryEvent::hasEventSent).hasSize(1);
        assertThat(driver.replay(ID).mismatches()).isEmpty();
    }

    @Test
    void subOrchestrationFailure_reachesTheParentAsTaskFailedException() {
        driver.registerOrchestrator("BadChild", ctx -> {
            throw new IllegalStateException("child broke");
        });
        driver.registerOrchestrator("Parent", ctx -> {
            try {
                return ctx.callSubOrchestrator("BadChild", null, "child-1", String.class).await();
            } catch (TaskFailedException e) {
                return "child failed: " + e.getErrorDetails().getErrorMessage();
            }
        });

        driver.scheduleNewOrchestration("Parent", ID, null);
        driver.runUntilIdle();

        assertThat(state("child-1").runtimeStatus()).isEqualTo(OrchestrationRuntimeStatus.FAILED);
        assertThat(state(ID).outputJson()).isEqualTo("\"child failed: Unexpected failure in the task execution\"");
    }

    // ------------------------------------------------------------------ determinism

    /** Orchestrator state outside the history: exactly what the Durable rules forbid. */
    private static final AtomicInteger EXECUTIONS = new AtomicInteger();

    @Test
    void nonDeterministicOrchestrator_failsWithDurabletasksNonDeterminismError() {
        EXECUTIONS.set(0);
        driver.registerOrchestrator("Moody", ctx -> {
            if (EXECUTIONS.getAndIncrement() == 0) {
                return ctx.callActivity("Work", null, String.class).await();
            }
            return ctx.waitForExternalEvent("Something", String.class).await();
        });
        driver.registerActivity("Work", input -> "\"done\"");

        driver.scheduleNewOrchestration("Moody", ID, null);
        driver.runUntilIdle();

        InstanceState failed = state(ID);
        assertThat(failed.runtimeStatus()).isEqualTo(OrchestrationRuntimeStatus.FAILED);
        assertThat(failed.failure().cause())
                .contains("NonDeterministicOrchestratorException")
                .contains("Non-deterministic orchestrator detected");
    }

    @Test
    void replay_ofAFinishedDeterministicInstance_producesTheRecordedActions() {
        driver.registerActivity("Verify", input -> "true");
        driver.registerOrchestrator("Flow", ctx -> {
            ctx.setCustomStatus("VERIFYING");
            boolean ok = ctx.callActivity("Verify", ctx.getInput(String.class), Boolean.class).await();
            ctx.createTimer(Duration.ofMinutes(5)).await();
            try {
                String who = ctx.waitForExternalEvent("Decision", Duration.ofHours(1), String.class).await();
                return ok + " " + who;
            } catch (TaskCanceledException e) {
                return "expired";
            }
        });
        driver.scheduleNewOrchestration("Flow", ID, "\"sha256:abc\"");
        driver.advance(Duration.ofMinutes(5));
        driver.raiseEvent(ID, "Decision", "\"carol\"");
        driver.runUntilIdle();
        assertThat(state(ID).outputJson()).isEqualTo("\"true carol\"");

        ReplayResult replay = driver.replay(ID);

        assertThat(replay.mismatches()).isEmpty();
        assertThat(driver.replayFinished()).singleElement().isEqualTo(replay);
        assertThat(replay.episodes()).isEqualTo(4);
        assertThat(replay.actions()).extracting(OrchestratorAction::getOrchestratorActionTypeCase).map(Enum::name)
                .containsExactly("SCHEDULETASK", "CREATETIMER", "CREATETIMER", "COMPLETEORCHESTRATION");
    }

    @Test
    void replay_noticesACalledActivityChangingNameWhichDurabletaskAloneDoesNot() {
        driver.registerActivity("Verify", input -> "true");
        driver.registerActivity("VerifyV2", input -> "true");
        driver.registerOrchestrator("Flow", ctx -> ctx.callActivity("Verify", null, Boolean.class).await());
        driver.scheduleNewOrchestration("Flow", ID, null);
        driver.runUntilIdle();
        assertThat(driver.replay(ID).isConsistent()).isTrue();

        driver.registerOrchestrator("Flow", ctx -> ctx.callActivity("VerifyV2", null, Boolean.class).await());
        ReplayResult replay = driver.replay(ID);

        assertThat(replay.isConsistent()).isFalse();
        assertThat(replay.mismatches()).singleElement().asString()
                .contains("activity Verify()").contains("activity VerifyV2()");
    }

    @Test
    void replay_ofAFailedInstance_reproducesTheFailure() {
        driver.registerOrchestrator("Thrower", ctx -> {
            throw new IllegalArgumentException("bad promotion file");
        });
        driver.scheduleNewOrchestration("Thrower", ID, null);
        driver.runUntilIdle();

        assertThat(state(ID).failure().cause()).contains("bad promotion file");
        assertThat(driver.replay(ID).mismatches()).isEmpty();
    }

    @Test
    void history_recordsEpisodesTheWayTheHostDoes() {
        driver.registerActivity("Verify", input -> "true");
        driver.registerOrchestrator("Flow", ctx -> ctx.callActivity("Verify", null, Boolean.class).await());
        driver.scheduleNewOrchestration("Flow", ID, null);
        driver.runUntilIdle();

        List<String> kinds = driver.history(ID).stream().map(e -> e.getEventTypeCase().name()).toList();
        assertThat(kinds).containsExactly(
                "ORCHESTRATORSTARTED", "EXECUTIONSTARTED", "TASKSCHEDULED", "ORCHESTRATORCOMPLETED",
                "ORCHESTRATORSTARTED", "TASKCOMPLETED", "EXECUTIONCOMPLETED", "ORCHESTRATORCOMPLETED");
    }
}
