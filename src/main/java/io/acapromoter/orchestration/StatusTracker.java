package io.acapromoter.orchestration;

import io.acapromoter.logging.Log;
import io.acapromoter.logging.LogLine;
import com.microsoft.durabletask.TaskOrchestrationContext;
import io.acapromoter.domain.Phase;
import io.acapromoter.domain.PinnedImage;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.domain.PromotionStatus.DecisionEntry;
import io.acapromoter.domain.PromotionStatus.ProbeOutcome;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

/**
 * Keeps the promotion's {@link PromotionStatus} and publishes it as the orchestration's custom
 * status after every change, so ops and the approval page always read the current state.
 * Times come from the orchestration clock only.
 */
final class StatusTracker {

    private final TaskOrchestrationContext ctx;
    private PromotionStatus status;

    StatusTracker(TaskOrchestrationContext ctx, PromotionInput input) {
        this.ctx = ctx;
        String now = ctx.getCurrentInstant().toString();
        this.status = PromotionStatus.builder(input.promotionId(), input.target(), input.image().toString()).tag(input.tag())
                .pushedBy(input.pushedBy()).pushedAt(input.pushedAt()).detail("received")
                .timeline(List.of(new PromotionStatus.TimelineEntry(now, Phase.PENDING, "received event " + input.eventId())))
                .rebuildOf(input.rebuildOf()).fixes(input.fixes()).build();
        publish();
    }

    PromotionStatus current() {
        return status;
    }

    Phase phase() {
        return status.phase();
    }

    void move(Phase phase, String detail) {
        status = status.moveTo(phase, detail, ctx.getCurrentInstant().toString());
        publish();
        if (!ctx.getIsReplaying()) {
            // Replay-safe: each phase change is logged once, when it really happens.
            Log.of(StatusTracker.class).log(phase == Phase.ERRORED || phase == Phase.ROLLED_BACK ? Level.WARNING : Level.INFO,
                    LogLine.of(phase.isTerminal() ? "promotion.outcome" : "promotion.phase")
                            .with("promotion", status.promotionId()).with("target", status.target())
                            .with("digest", PinnedImage.tryParse(status.image()).map(PinnedImage::digest).orElse(null)).with("phase", phase.name())
                            .with("revision", status.stagingRevision())
                            .with("outcome", phase.isTerminal() ? phase.name() : null)
                            .with("reason", detail).toString());
        }
    }

    void approvalPolicy(int required, List<String> approvers) {
        update(status.toBuilder().approvalPolicy(required, approvers));
    }

    void production(String image) {
        update(status.toBuilder().productionImage(image));
    }

    void staging(String revision, String url) {
        update(status.toBuilder().staging(revision, url));
    }

    void smoke(List<ProbeOutcome> results) {
        update(status.toBuilder().smoke(results));
    }

    void deadline(String deadline) {
        update(status.toBuilder().deadline(deadline));
    }

    void decisions(List<DecisionEntry> decisions) {
        update(status.toBuilder().decisions(decisions));
    }

    void warn(List<String> more) {
        if (more.isEmpty()) {
            return;
        }
        List<String> all = new ArrayList<>(status.warnings());
        more.stream().filter(w -> !all.contains(w)).forEach(all::add);
        update(status.toBuilder().warnings(all));
    }

    /** Records what verification established (signer, pulling identity) for approvers. */
    void verification(List<String> facts) {
        if (!facts.isEmpty() && !facts.equals(status.verification())) {
            update(status.toBuilder().verification(facts));
        }
    }

    void vulnerabilityScan(String scan) {
        update(status.toBuilder().vulnerabilityScan(scan));
    }

    private void update(PromotionStatus.Builder changed) {
        status = changed.build();
        publish();
    }

    private void publish() {
        ctx.setCustomStatus(status);
    }
}
