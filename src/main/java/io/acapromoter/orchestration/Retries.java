package io.acapromoter.orchestration;

import com.microsoft.durabletask.RetryContext;
import com.microsoft.durabletask.RetryHandler;
import com.microsoft.durabletask.TaskFailedException;
import com.microsoft.durabletask.TaskOptions;

import java.time.Duration;

/**
 * Retry handlers for activities. Activities return verdicts as values and throw only for
 * technical faults. A fault the activity marked {@link NonRetriableFault} (Azure said 403, 404…)
 * ends the retries at once; any other is retried on durable timers with exponential backoff, and
 * after the last attempt the promotion ends {@code ERRORED}.
 */
final class Retries {

    /** Azure calls: 5 attempts over about two minutes. */
    static final TaskOptions AZURE = new TaskOptions(new Backoff(5, Duration.ofSeconds(5), Duration.ofMinutes(1)));

    /** Restoring production: keep trying longer, it matters most. */
    static final TaskOptions ROLLBACK = new TaskOptions(new Backoff(10, Duration.ofSeconds(5), Duration.ofMinutes(2)));

    /**
     * How long an activity whose resource is busy with another operation ({@link ResourceBusyFault}) keeps trying, every
     * {@link #BUSY_WAIT}, whatever its policy's attempts: a revision may take minutes to provision.
     */
    static final Duration BUSY_FOR = Duration.ofMinutes(15);
    static final Duration BUSY_WAIT = Duration.ofSeconds(20);

    /** Notifications and audit: a few quick attempts. */
    static final TaskOptions NOTIFY = new TaskOptions(new Backoff(3, Duration.ofSeconds(2), Duration.ofSeconds(30)));

    /**
     * Retries up to {@code maxAttempts} in all, waiting {@code first × 2^attempts} (at most {@code max})
     * on a durable timer before each new attempt; never after a {@link NonRetriableFault}. A
     * {@link ResourceBusyFault} is tried again every {@link #BUSY_WAIT} until {@link #BUSY_FOR} has passed since
     * the first attempt, however many attempts that takes.
     */
    record Backoff(int maxAttempts, Duration first, Duration max) implements RetryHandler {

        Backoff {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
            }
        }

        @Override
        public boolean handle(RetryContext retry) {
            if (NonRetriableFault.caused(retry.getLastFailure())) {
                return false;
            }
            if (ResourceBusyFault.caused(retry.getLastFailure())) {
                if (retry.getTotalRetryTime().compareTo(BUSY_FOR) >= 0) {
                    return false;
                }
                retry.getOrchestrationContext().createTimer(BUSY_WAIT).await();
                return true;
            }
            if (retry.getLastAttemptNumber() >= maxAttempts) {
                return false;
            }
            retry.getOrchestrationContext().createTimer(delayAfter(retry.getLastAttemptNumber())).await();
            return true;
        }

        /** The wait after {@code attempts} failed attempts: 2×, 4×, 8×… {@code first}, at most {@code max}. */
        Duration delayAfter(int attempts) {
            Duration delay = first;
            for (int i = 0; i < attempts && delay.compareTo(max) < 0; i++) {
                delay = delay.multipliedBy(2);
            }
            return delay.compareTo(max) > 0 ? max : delay;
        }
    }

    /** What a fault that ended the retries says on the timeline: which activity, whether it was retried, Azure's answer. */
    static String describe(TaskFailedException e) {
        return e.getTaskName() + (NonRetriableFault.caused(e.getErrorDetails())
                ? " failed, not retried (retrying cannot help): " : " failed after retries: ")
                + e.getErrorDetails().getErrorMessage();
    }

    /** The next wait between two polls of something Azure is doing: doubling, at most a minute. */
    static Duration nextPoll(Duration delay) {
        Duration doubled = delay.multipliedBy(2);
        return doubled.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : doubled;
    }

    private Retries() {
    }
}
