package io.acapromoter.operations;

import io.acapromoter.domain.Phase;
import io.acapromoter.domain.PinnedImage;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.orchestration.InstanceJson;
import io.acapromoter.orchestration.Names;
import io.acapromoter.orchestration.PromotionInput;
import io.acapromoter.ports.InstanceView;
import io.acapromoter.ports.Orchestrations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where "roll back now" goes: the image production ran before the newest promotion of the target that
 * succeeded (what it replaced), never an image whose newest promotion was rolled back (its revision failed
 * in production). Read from the target's promotions in the Durable store; a purged history is a
 * refusal, not a guess.
 *
 * @param current  what the newest successful promotion put in production
 * @param previous what ran before it: the rollback's image
 * @param after    the promotion whose change is undone
 */
public record RollbackTarget(String current, PinnedImage previous, String after) {

    /** How many of the target's newest promotions are looked at. */
    static final int LOOK_BACK = 500;

    /** The rollback's target, or the reason there is none. */
    public record Plan(Optional<RollbackTarget> target, String refusal) {
    }

    public static Plan find(Orchestrations orchestrations, String target) {
        List<PromotionStatus> promotions = new ArrayList<>();
        for (InstanceView view : orchestrations.list(Names.PROMOTION_ORCHESTRATOR, target + "-", LOOK_BACK)) {
            Optional<PromotionStatus> status = InstanceJson.read(view.instanceId(), view.customStatus().or(view::output),
                    PromotionStatus.class);
            if (status.isEmpty() || !target.equals(status.get().target())) {
                continue;
            }
            PromotionStatus s = status.get();
            if (!view.state().isFinished() && isRollback(view) && s.phase() != null && !s.phase().isTerminal()) {
                return refused("a rollback of " + target + " is already running: " + view.instanceId());
            }
            promotions.add(s);
        }
        for (PromotionStatus s : promotions) {
            if (s.phase() != Phase.SUCCEEDED || s.productionImage() == null || s.productionImage().equals(s.image())) {
                continue;
            }
            Optional<PinnedImage> previous = PinnedImage.tryParse(s.productionImage());
            if (previous.isEmpty()) {
                return refused("before " + s.promotionId() + " production ran " + s.productionImage()
                        + ", which is not pinned to a digest: roll back by hand");
            }
            Optional<PromotionStatus> last = promotions.stream().filter(p -> previous.get().toString().equals(p.image())
                    && p.phase() != null && p.phase().isTerminal()).findFirst();
            if (last.isPresent() && last.get().phase() == Phase.ROLLED_BACK) {
                return refused(previous.get() + " failed in production in " + last.get().promotionId()
                        + " (rolled back): it is never rolled back onto");
            }
            return new Plan(Optional.of(new RollbackTarget(s.image(), previous.get(), s.promotionId())), null);
        }
        return refused("no successful promotion of " + target + " with an earlier production image is on record"
                + " (the Durable history keeps the last " + LOOK_BACK + " promotions while retained)");
    }

    private static boolean isRollback(InstanceView view) {
        return InstanceJson.read(view.instanceId(), view.input(), PromotionInput.class)
                .map(PromotionInput::operatorRollback).orElse(false);
    }

    private static Plan refused(String why) {
        return new Plan(Optional.empty(), why);
    }

    /** The rollback promotion's instance id: target, digest and the time it was ordered, so each order is new. */
    public static String instanceId(String target, PinnedImage image, Instant orderedAt) {
        return target + "-" + image.digest().algorithm() + "-" + image.digest().hex() + "-rollback-"
                + Long.toString(orderedAt.getEpochSecond(), 36);
    }
}
