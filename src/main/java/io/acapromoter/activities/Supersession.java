package io.acapromoter.activities;

import io.acapromoter.orchestration.Orchestrators;
import io.acapromoter.orchestration.SupersededBy;
import io.acapromoter.domain.Phase;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.logging.Log;
import io.acapromoter.logging.LogLine;
import io.acapromoter.orchestration.InstanceJson;
import io.acapromoter.orchestration.Names;
import io.acapromoter.orchestration.PromotionInput;
import io.acapromoter.orchestration.Check;
import io.acapromoter.orchestration.PromotionRef;
import io.acapromoter.ports.InstanceView;
import io.acapromoter.ports.Orchestrations;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * A verified candidate supersedes the other verified, undecided promotions of its target that are
 * older by push time; if one of them is newer, it is the one superseded. Called by a promotion right
 * after its own verification, so a push of a digest that does not exist, or that fails the gate,
 * never cancels anything. Promotions still verifying are left alone (they run this same check when
 * verified), and so are decided ones (rejected, expired, failed while cleaning up) and those already in
 * production. The other promotions come from the exact list of live instances, never a capped listing.
 */
final class Supersession {

    /** Verified and before any decision or production change. */
    private static final Set<Phase> CONTESTABLE = Set.of(Phase.STAGING, Phase.SMOKE_TESTING, Phase.AWAITING_APPROVAL);

    private Supersession() {
    }

    /**
     * Raises {@link Names#SUPERSEDED_EVENT} on older contestable promotions of the target. Returns
     * {@code failed} with the reason when a newer contestable promotion supersedes this one, else {@code passed}.
     */
    static Check apply(PromotionRef request, Orchestrations orchestrations) {
        PromotionInput self = orchestrations.get(request.promotionId())
                .flatMap(v -> InstanceJson.read(v.instanceId(), v.input(), PromotionInput.class)).orElse(null);
        Instant pushedAt = self == null ? null : instant(self.pushedAt());
        if (pushedAt == null) {
            return Check.passed("push time unknown: supersedes nothing");
        }
        int told = 0;
        for (InstanceView other : orchestrations.listLive(Names.PROMOTION_ORCHESTRATOR, request.target() + "-")) {
            if (other.instanceId().equals(request.promotionId())) {
                continue;
            }
            PromotionInput input = InstanceJson.read(other.instanceId(), other.input(), PromotionInput.class).orElse(null);
            PromotionStatus status = InstanceJson.read(other.instanceId(), other.customStatus(), PromotionStatus.class).orElse(null);
            Instant otherPushedAt = input == null ? null : instant(input.pushedAt());
            if (input == null || status == null || otherPushedAt == null || !request.target().equals(input.target())
                    || !contestable(status)) {
                continue;
            }
            if (otherPushedAt.isAfter(pushedAt)) {
                Log.of(Supersession.class).info(LogLine.of("promotion.superseded").with("promotion", request.promotionId())
                        .with("target", request.target()).with("by", other.instanceId()).toString());
                return Check.failed("superseded by a newer candidate: " + input.image() + " (" + other.instanceId()
                        + ", pushed " + input.pushedAt() + ")");
            }
            if (otherPushedAt.isBefore(pushedAt)) {
                orchestrations.raiseEvent(other.instanceId(), Orchestrators.SUPERSEDED,
                        new SupersededBy(request.promotionId(), self.image(), self.pushedAt()));
                Log.of(Supersession.class).info(LogLine.of("promotion.superseded").with("promotion", other.instanceId())
                        .with("target", request.target()).with("by", request.promotionId()).toString());
                told++;
            }
        }
        return Check.passed(told == 0 ? "no older candidate of " + request.target() + " waiting"
                : "superseded " + told + " older candidate(s) of " + request.target());
    }

    private static boolean contestable(PromotionStatus status) {
        try {
            return CONTESTABLE.contains(status.phase()) && !status.detail().startsWith("approved; ");
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
