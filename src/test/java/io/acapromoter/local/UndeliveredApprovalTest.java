package io.acapromoter.local;

import io.acapromoter.domain.Phase;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.local.durable.ManualClock;
import io.acapromoter.ports.Notifier;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** When no channel reaches the approvers, the promotion waits on, says so, and can still be approved. */
class UndeliveredApprovalTest {

    /** Every channel down: requests are reported failed, but the links still exist (the local sink records them). */
    record Unreachable(Notifier inner) implements Notifier {
        @Override
        public List<Delivery> requestApproval(PromotionStatus status) {
            inner.requestApproval(status);
            return List.of(new Delivery("teams", false, "HTTP 503"), new Delivery("email", false, "quota exceeded"));
        }

        @Override
        public List<Delivery> remind(PromotionStatus status) {
            return inner.remind(status);
        }

        @Override
        public List<Delivery> announceOutcome(PromotionStatus status) {
            return inner.announceOutcome(status);
        }
    }

    @Test
    void noChannelReachedTheApprovers_isAWarningNotAFailure() {
        ManualClock clock = ManualClock.startingAt("2026-11-23T10:00:00Z");
        try (LocalRuntime rt = new LocalRuntime(clock, null, "http://localhost:7071",
                new PrintStream(new ByteArrayOutputStream()), Unreachable::new)) {
            LocalFlow flow = new LocalFlow(rt);
            String id = flow.push("shop-web");
            flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, Duration.ofMinutes(30));

            assertThat(flow.status(id).warnings()).anyMatch(w -> w.startsWith("no notification channel reached the approvers")
                    && w.contains("teams=failed (HTTP 503)"));
            flow.approve(id, "alice@example.com");
            flow.advanceUntilFinished(id, Duration.ofMinutes(30));
            assertThat(flow.phase(id)).isEqualTo(Phase.SUCCEEDED);
        }
    }
}
