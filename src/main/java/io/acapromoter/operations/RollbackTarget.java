package io.acapromoter.operations;

import io.acapromoter.domain.Phase;
import io.acapromoter.domain.PinnedImage;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.orchestration.InstanceJson;
import io.acapromoter.orchestration.Names;
import io.acapromoter.orchestration.PromotionInput;
import io.acapromoter.ports.AuditLog;
import io.acapromoter.ports.InstanceView;
import io.acapromoter.ports.Orchestrations;
import io.acapromoter.ports.ProductionRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where "roll back now" goes: what production ran before its current production, never an image whose
 * production ended rolled back (its revision failed in production). Read from the target's production
 * history in the audit trail, which outlives the Durable store's retention; only when that history is
 * empty (a target no promotion has changed since the history was kept) from the target's promotions in
 * the Durable store. No earlier production on record is a refusal, not a guess.
 *
 * @param current  what production runs now (as the newest production on record left it)
 * @param previous what ran before it: the rollback's image
 * @param after    the promotion whose change is undone
 */
public record RollbackTarget(String current, PinnedImage previous, String after) {

    /** How many of the target's newest promotions are looked at. */
    static final int LOOK_BACK = 500;

    /** The rollback's target, or the reason there is none. */
    public record Plan(Optional<RollbackTarget> target, String refusal) {
    }

    /** How many of the target's newest production records are looked at. */
    static final int HISTORY_LOOK_BACK = 500;

    public static Plan find(AuditLog audit, Orchestrations orchestrations, String target) {
        Optional<Plan> running = rollbackRunning(orchestrations, target);
        if (running.isPresent()) {
            return running.get();
        }
        List<ProductionRecord> history = history(audit, target);
        return history.isEmpty() ? find(orchestrations, target) : fromHistory(history, target);
    }

    /** The target's production records, newest first, up to {@link #HISTORY_LOOK_BACK}. */
    private static List<ProductionRecord> history(AuditLog audit, String target) {
        List<ProductionRecord> records = new ArrayList<>();
        Optional<String> next = Optional.empty();
        do {
            AuditLog.ProductionPage page = audit.productions(target, 100, next);
            records.addAll(page.records());
            next = page.continuation();
        } while (next.isPresent() && records.size() < HISTORY_LOOK_BACK);
        return records;
    }

    /**
     * From the production history (newest first): production is what the newest production that stuck
     * released; the rollback goes to what ran before it (its previous image), or, when that failed in
     * production once (a record of it ended rolled back), further back, never onto a failed image.
     */
    static Plan fromHistory(List<ProductionRecord> history, String target) {
        Set<String> failed = new HashSet<>();
        for (ProductionRecord r : history) {
            if (Phase.ROLLED_BACK.name().equals(r.outcome())) {
                failed.add(r.image());
            }
        }
        List<ProductionRecord> stuck = history.stream().filter(r -> Phase.SUCCEEDED.name().equals(r.outcome())).toList();
        if (stuck.isEmpty()) {
            return refused("no production of " + target + " that stuck is on record (the production history holds "
                    + history.size() + " that did not)");
        }
        ProductionRecord current = stuck.get(0);
        List<String> skipped = new ArrayList<>();
        // What ran before the current production, then before each older one, newest first.
        List<String> earlier = new ArrayList<>();
        earlier.add(current.previousImage());
        for (ProductionRecord r : stuck.subList(1, stuck.size())) {
            earlier.add(r.image());
            earlier.add(r.previousImage());
        }
        for (String image : earlier) {
            if (image == null || image.equals(current.image()) || skipped.contains(image)) {
                continue;
            }
            if (failed.contains(image)) {
                skipped.add(image);
                continue;
            }
            Optional<PinnedImage> previous = PinnedImage.tryParse(image);
            if (previous.isEmpty()) {
                return refused("before " + current.promotion() + " production ran " + image
                        + ", which is not pinned to a digest: roll back by hand");
            }
            return new Plan(Optional.of(new RollbackTarget(current.image(), previous.get(), current.promotion())), null);
        }
        return refused("no earlier production of " + target + " is on record" + (skipped.isEmpty() ? ""
                : " that did not fail (" + String.join(", ", skipped) + " rolled back in production: never rolled back onto)"));
    }

    private static Optional<Plan> rollbackRunning(Orchestrations orchestrations, String target) {
        for (InstanceView view : orchestrations.list(Names.PROMOTION_ORCHESTRATOR, target + "-", LOOK_BACK)) {
            if (view.state().isFinished() || !isRollback(view)) {
                continue;
            }
            Optional<PromotionStatus> s = InstanceJson.read(view.instanceId(), view.customStatus().or(view::output),
                    PromotionStatus.class);
            if (s.isPresent() && target.equals(s.get().target()) && s.get().phase() != null && !s.get().phase().isTerminal()) {
                return Optional.of(refused("a rollback of " + target + " is already running: " + view.instanceId()));
            }
        }
        return Optional.empty();
    }

    /** From the target's promotions in the Durable store (while retained): the fallback when the history is empty. */
    static Plan find(Orchestrations orchestrations, String target) {
        List<PromotionStatus> promotions = new ArrayList<>();
        for (InstanceView view : orchestrations.list(Names.PROMOTION_ORCHESTRATOR, target + "-", LOOK_BACK)) {
            Optional<PromotionStatus> status = InstanceJson.read(view.instanceId(), view.customStatus().or(view::output),
                    PromotionStatus.class);
            if (status.isEmpty() || !target.equals(status.get().target())) {
                continue;
            }
            promotions.add(status.get());
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
