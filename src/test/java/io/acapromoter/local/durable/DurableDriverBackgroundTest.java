package io.acapromoter.local.durable;

import com.microsoft.durabletask.OrchestrationRuntimeStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The driver as the local app uses it: started, with HTTP threads calling in concurrently. */
class DurableDriverBackgroundTest {

    /** Waits for a state the background thread will reach; the bound only stops a broken build from hanging. */
    private static InstanceState awaitFinished(DurableDriver driver, String instanceId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            InstanceState state = driver.getInstance(instanceId).orElseThrow();
            if (!state.isRunning()) {
                return state;
            }
            Thread.sleep(10);
        }
        throw new AssertionError(instanceId + " did not finish: " + driver.getInstance(instanceId));
    }

    @Test
    void startedDriver_runsWorkAndFiresTimersByItsClock() throws Exception {
        try (DurableDriver driver = new DurableDriver(new ScaledClock(3600))) {
            driver.registerActivity("Stamp", input -> "\"stamped\"");
            driver.registerOrchestrator("Sleeper", ctx -> {
                ctx.createTimer(Duration.ofMinutes(30)).await();
                return ctx.callActivity("Stamp", null, String.class).await();
            });
            driver.start();

            driver.scheduleNewOrchestration("Sleeper", "sleeper-1", null);

            InstanceState done = awaitFinished(driver, "sleeper-1");
            assertThat(done.runtimeStatus()).isEqualTo(OrchestrationRuntimeStatus.COMPLETED);
            assertThat(done.outputJson()).isEqualTo("\"stamped\"");
        }
    }

    @Test
    void concurrentStartsAndEvents_areEachTakenExactlyOnce() throws Exception {
        int voters = 40;
        try (DurableDriver driver = new DurableDriver(new ScaledClock(1))) {
            driver.registerOrchestrator("Tally", ctx -> {
                int votes = 0;
                for (int i = 0; i < voters; i++) {
                    votes += ctx.waitForExternalEvent("Vote", Integer.class).await();
                }
                return votes;
            });
            driver.start();
            ExecutorService http = Executors.newFixedThreadPool(4);
            try {
                List<Callable<Boolean>> starts = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    starts.add(() -> driver.scheduleNewOrchestration("Tally", "tally-1", null));
                }
                long created = 0;
                for (Future<Boolean> start : http.invokeAll(starts)) {
                    created += start.get() ? 1 : 0;
                }
                assertThat(created).isEqualTo(1);

                List<Callable<Boolean>> votes = new ArrayList<>();
                for (int i = 0; i < voters; i++) {
                    votes.add(() -> driver.raiseEvent("tally-1", "Vote", "1"));
                }
                for (Future<Boolean> vote : http.invokeAll(votes)) {
                    assertThat(vote.get()).isTrue();
                }
            } finally {
                http.shutdown();
            }

            InstanceState done = awaitFinished(driver, "tally-1");
            assertThat(done.outputJson()).isEqualTo(String.valueOf(voters));
            assertThat(driver.replay("tally-1").mismatches()).isEmpty();
        }
    }
}
