package io.acapromoter.approval;

import io.acapromoter.logging.LogLine;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.ports.Notifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Sends through every channel, retrying a failing channel a few times with backoff, and reports
 * each channel's {@link Delivery}. One channel failing never stops the others, and nothing throws.
 */
public final class CompositeNotifier implements Notifier {

    private final List<Channel> channels;
    private final int attempts;
    private final Backoff backoff;

    /**
     * @param attempts tries per channel and message, at least 1
     * @param backoff  waits between tries (tests pass one that does not sleep)
     */
    public CompositeNotifier(List<Channel> channels, int attempts, Backoff backoff) {
        this.channels = List.copyOf(channels);
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        this.attempts = attempts;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    /** Three tries, waiting 2 s then 4 s. */
    public static CompositeNotifier of(List<Channel> channels) {
        return new CompositeNotifier(channels, 3, Backoff.exponential(Duration.ofSeconds(2)));
    }

    @Override
    public List<Delivery> requestApproval(PromotionStatus status) {
        return each(Notifier::requestApproval, status);
    }

    @Override
    public List<Delivery> remind(PromotionStatus status) {
        return each(Notifier::remind, status);
    }

    @Override
    public List<Delivery> announceOutcome(PromotionStatus status) {
        return each(Notifier::announceOutcome, status);
    }

    private List<Delivery> each(BiFunction<Notifier, PromotionStatus, List<Delivery>> send, PromotionStatus status) {
        List<Delivery> out = new ArrayList<>();
        for (Channel channel : channels) {
            List<Delivery> last = List.of();
            int tries = channel.retriesItself() ? 1 : attempts;
            for (int attempt = 1; attempt <= tries; attempt++) {
                if (attempt > 1) {
                    backoff.pause(attempt - 1);
                }
                try {
                    last = send.apply(channel.notifier(), status);
                } catch (RuntimeException e) {
                    // Exception texts of HTTP clients may carry URLs with keys: problem() cuts their queries off.
                    last = List.of(new Delivery(channel.name(), false, "failed (" + LogLine.problem(e) + ")"));
                }
                if (!last.isEmpty() && last.stream().allMatch(Delivery::delivered)) {
                    break;
                }
            }
            if (last.isEmpty()) {
                last = List.of(new Delivery(channel.name(), false, "the channel reported nothing"));
            }
            for (Delivery d : last) {
                out.add(d.delivered() || tries == 1 ? d
                        : new Delivery(d.channel(), false, d.detail() + " (after " + tries + " attempts)"));
            }
        }
        return out;
    }

    /**
     * A named channel.
     *
     * @param retriesItself the channel retries its own parts (e-mail: each address), so a partial
     *                      failure must not make this class send everything again
     */
    public record Channel(String name, Notifier notifier, boolean retriesItself) {

        public Channel {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(notifier, "notifier");
        }

        public Channel(String name, Notifier notifier) {
            this(name, notifier, false);
        }
    }

    /** How long to wait before retry number {@code retry} (1, 2, …). */
    @FunctionalInterface
    public interface Backoff {

        void pause(int retry);

        static Backoff exponential(Duration first) {
            return retry -> {
                try {
                    Thread.sleep(first.multipliedBy(1L << Math.min(retry - 1, 6)).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
        }

        static Backoff none() {
            return retry -> {
            };
        }
    }
}
