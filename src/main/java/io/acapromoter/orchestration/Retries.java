package io.acapromoter.orchestration;

import com.microsoft.durabletask.RetryPolicy;
import com.microsoft.durabletask.TaskFailedException;
import com.microsoft.durabletask.TaskOptions;

import java.time.Duration;

/**
 * Retry policies for activities. Activities return verdicts as values and throw only for
 * technical faults, so everything that throws is worth retrying with backoff; after the last
 * attempt the promotion ends {@code ERRORED}.
 */
final class Retries {

    /** Azure calls: 5 attempts over about two minutes. */
    static final TaskOptions AZURE = new TaskOptions(new RetryPolicy(5, Duration.ofSeconds(5))
            .setBackoffCoefficient(2.0).setMaxRetryInterval(Duration.ofMinutes(1)));

    /** Restoring production: keep trying longer, it matters most. */
    static final TaskOptions ROLLBACK = new TaskOptions(new RetryPolicy(10, Duration.ofSeconds(5))
            .setBackoffCoefficient(2.0).setMaxRetryInterval(Duration.ofMinutes(2)));

    /** Notifications and audit: a few quick attempts. */
    static final TaskOptions NOTIFY = new TaskOptions(new RetryPolicy(3, Duration.ofSeconds(2))
            .setBackoffCoefficient(2.0).setMaxRetryInterval(Duration.ofSeconds(30)));

    /** What a fault that ended the retries says on the timeline: which activity, and Azure's answer. */
    static String describe(TaskFailedException e) {
        return e.getTaskName() + " failed after retries: " + e.getErrorDetails().getErrorMessage();
    }

    /** The next wait between two polls of something Azure is doing: doubling, at most a minute. */
    static Duration nextPoll(Duration delay) {
        Duration doubled = delay.multipliedBy(2);
        return doubled.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : doubled;
    }

    private Retries() {
    }
}
