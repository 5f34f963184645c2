package io.acapromoter.orchestration;

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
import java.util.logging.Logger;

/**
 * Keeps the promotion's {@link PromotionStatus} and publishes it as the orchestration's custom
 * status after every change, so ops and the approval page always read the current state.
 * Times come from the orchestration clock only.
 */
final class StatusTracker {

    private static final Logger LOG = Logger.getLogger(StatusTracker.class.getName());

    private final TaskOrchestrationContext ctx;
    private PromotionStatus status;

    StatusTracker(TaskOrchestrationContext ctx, PromotionInput input) {
        this.ctx = ctx;
        String now = ctx.getCurrentInstant().toString();
        this.status = new PromotionStatus(input.promotionId(), input.target(), input.image(), input.tag(),
                input.pushedBy(), input.pushedAt(), Phase.PENDING.name(), "received", List.of(
                new PromotionStatus.TimelineEntry(now, Phase.PENDING.name(), "received event " + input.eventId())),
                null, null, null, List.of(), 0, List.of(), null, List.of(), input.rebuildOf(), input.fixes(), List.of());
        publish();
    }

    PromotionStatus current() {
        return status;
    }

    Phase phase() {
        return status.phaseValue();
    }

    void move(Phase phase, String detail) {
        status = status.moveTo(phase, detail, ctx.getCurrentInstant().toString());
        publish();
        if (!ctx.getIsReplaying()) {
            // Replay-safe: each phase change is logged once, when it really happens.
            LOG.log(phase == Phase.ERRORED || phase == Phase.ROLLED_BACK ? Level.WARNING : Level.INFO,
                    LogLine.of(phase.isTerminal() ? "promotion.outcome" : "promotion.phase")
                            .with("promotion", status.promotionId()).with("target", status.target())
                            .with("digest", PinnedImage.tryParse(status.image()).map(PinnedImage::digest).orElse(null)).with("phase", phase.name())
                            .with("revision", status.stagingRevision())
                            .with("outcome", phase.isTerminal() ? phase.name() : null)
                            .with("reason", detail).toString());
        }
    }

    void approvalPolicy(int required, List<String> approvers) {
        status = copy(status.productionImage(), status.stagingRevision(), status.stagingUrl(), status.smoke(), required,
                approvers, status.deadline(), status.decisions(), status.warnings());
        publish();
    }

    void production(String image) {
        status = copy(image, status.stagingRevision(), status.stagingUrl(), status.smoke(), status.approvalsRequired(),
                status.approvers(), status.deadline(), status.decisions(), status.warnings());
        publish();
    }

    void staging(String revision, String url) {
        status = copy(status.productionImage(), revision, url, status.smoke(), status.approvalsRequired(),
                status.approvers(), status.deadline(), status.decisions(), status.warnings());
        publish();
    }

    void smoke(List<ProbeOutcome> results) {
        status = copy(status.productionImage(), status.stagingRevision(), status.stagingUrl(), results,
                status.approvalsRequired(), status.approvers(), status.deadline(), status.decisions(), status.warnings());
        publish();
    }

    void deadline(String deadline) {
        status = copy(status.productionImage(), status.stagingRevision(), status.stagingUrl(), status.smoke(),
                status.approvalsRequired(), status.approvers(), deadline, status.decisions(), status.warnings());
        publish();
    }

    void decisions(List<DecisionEntry> decisions) {
        status = copy(status.productionImage(), status.stagingRevision(), status.stagingUrl(), status.smoke(),
                status.approvalsRequired(), status.approvers(), status.deadline(), decisions, status.warnings());
        publish();
    }

    void warn(List<String> more) {
        if (more.isEmpty()) {
            return;
        }
        List<String> all = new ArrayList<>(status.warnings());
        more.stream().filter(w -> !all.contains(w)).forEach(all::add);
        status = copy(status.productionImage(), status.stagingRevision(), status.stagingUrl(), status.smoke(),
                status.approvalsRequired(), status.approvers(), status.deadline(), status.decisions(), all);
        publish();
    }

    private PromotionStatus copy(String productionImage, String stagingRevision, String stagingUrl,
                                 List<ProbeOutcome> smoke, int required, List<String> approvers, String deadline,
                                 List<DecisionEntry> decisions, List<String> warnings) {
        PromotionStatus s = status;
        return new PromotionStatus(s.promotionId(), s.target(), s.image(), s.tag(), s.pushedBy(), s.pushedAt(),
                s.phase(), s.detail(), s.timeline(), productionImage, stagingRevision, stagingUrl, smoke, required,
                approvers, deadline, decisions, s.rebuildOf(), s.fixes(), warnings, s.verification());
    }

    /** Records what verification established (signer, pulling identity) for approvers. */
    void verification(List<String> facts) {
        if (!facts.isEmpty() && !facts.equals(status.verification())) {
            status = status.withVerification(facts);
            publish();
        }
    }

    private void publish() {
        ctx.setCustomStatus(status);
    }
}
