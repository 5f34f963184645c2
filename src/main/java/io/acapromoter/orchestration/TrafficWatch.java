package io.acapromoter.orchestration;

import com.microsoft.durabletask.TaskOrchestrationContext;
import io.acapromoter.policy.AnalysisVerdict;
import io.acapromoter.policy.InconclusivePolicy;
import io.acapromoter.ports.AuditKind;
import io.acapromoter.ports.AuditRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * Watches a release for a span (a canary step's pause, the monitor window): the revision's health every
 * {@code healthEvery} ({@code CheckProduction}) and, where the target analyses traffic, its real traffic every
 * analysis interval ({@code AnalyzeTraffic} over the interval just past). The span ends only on a passing analysis
 * check: after a failed one under {@code failureLimit}, or an inconclusive one under {@code inconclusive: wait},
 * checking goes on past the span's end, for at most {@code maxWait}. Failed checks add up over the whole promotion.
 * Deterministic: time from the orchestration clock, I/O in the two activities.
 */
final class TrafficWatch {

    private final TaskOrchestrationContext ctx;
    private final AnalysisPlan analysis;
    private final StatusTracker status;
    private final Function<ReleaseStep, Check> health;
    private final Function<AnalysisRequest, AnalysisVerdict> analyze;
    private final java.util.function.Consumer<AuditRecord> audit;
    private int failures;

    TrafficWatch(TaskOrchestrationContext ctx, AnalysisPlan analysis, StatusTracker status,
                 Function<ReleaseStep, Check> health, Function<AnalysisRequest, AnalysisVerdict> analyze,
                 java.util.function.Consumer<AuditRecord> audit) {
        this.ctx = ctx;
        this.analysis = analysis;
        this.status = status;
        this.health = health;
        this.analyze = analyze;
        this.audit = audit;
    }

    /** Null when {@code release} stayed healthy (and its traffic passed) through {@code span}, else why not. */
    String watch(ReleaseStep release, Duration span, Duration healthEvery, String what) {
        Instant start = ctx.getCurrentInstant();
        Instant until = start.plus(span);
        Instant nextHealth = start.plus(healthEvery);
        Duration interval = analysis == null ? null : Duration.ofSeconds(analysis.intervalSeconds());
        Instant nextAnalysis = analysis == null ? null : start.plus(interval);
        Instant giveUp = analysis == null ? until : until.plusSeconds(analysis.maxWaitSeconds());
        boolean settled = analysis == null;
        AnalysisVerdict last = null;
        while (true) {
            Instant now = ctx.getCurrentInstant();
            boolean spanOver = !now.isBefore(until);
            if (spanOver && settled) {
                if (last != null) {
                    record(last, what + ": analysis passed: " + last.detail());
                }
                return null;
            }
            if (spanOver && !now.isBefore(giveUp)) {
                String why = what + ": no passing analysis check within " + human(Duration.between(start, now))
                        + " (the span plus maxWait " + human(Duration.ofSeconds(analysis.maxWaitSeconds())) + "); last: "
                        + (last == null ? "no check ran" : last.detail());
                if (last != null) {
                    record(last, why);
                }
                return why;
            }
            Instant next = spanOver ? earliest(nextAnalysis, giveUp) : earliest(earliest(nextHealth, until), nextAnalysis);
            if (next.isAfter(now)) {
                ctx.createTimer(Duration.between(now, next)).await();
                now = ctx.getCurrentInstant();
            }
            if (!now.isBefore(nextHealth) || (!spanOver && !now.isBefore(until))) {
                Check check = health.apply(release);
                if (!check.passed()) {
                    return check.detail();
                }
                nextHealth = now.plus(healthEvery);
            }
            if (nextAnalysis != null && !now.isBefore(nextAnalysis)) {
                last = analyze.apply(new AnalysisRequest(release, now.minus(interval).toString(), now.toString()));
                nextAnalysis = now.plus(interval);
                boolean inconclusive = last.outcome() == AnalysisVerdict.Outcome.INCONCLUSIVE;
                boolean failed = last.outcome() == AnalysisVerdict.Outcome.FAILED
                        || inconclusive && analysis.inconclusive() == InconclusivePolicy.FAIL;
                settled = last.outcome() == AnalysisVerdict.Outcome.PASSED
                        || inconclusive && analysis.inconclusive() == InconclusivePolicy.PASS;
                if (failed) {
                    failures++;
                    String why = what + (inconclusive ? ": analysis inconclusive (inconclusive: fail), counted as failed ("
                            : ": analysis failed (") + failures + " of " + analysis.failureLimit()
                            + " failed checks allowed): " + last.detail();
                    if (failures >= analysis.failureLimit()) {
                        record(last, why);
                        return why;
                    }
                    record(last, why);
                } else if (inconclusive) {
                    record(last, what + ": analysis inconclusive (inconclusive: " + analysis.inconclusive().key() + "): "
                            + last.detail());
                }
            }
        }
    }

    /** Shows the numbers on the status (timeline) and writes them to the audit trail. */
    private void record(AnalysisVerdict verdict, String detail) {
        status.move(status.phase(), detail);
        audit.accept(new AuditRecord(status.current().promotionId(), ctx.getCurrentInstant().toString(), AuditKind.ANALYSIS,
                "system", detail, Map.of("outcome", verdict.outcome().name(), "phase", status.phase().name())));
    }

    private static Instant earliest(Instant a, Instant b) {
        return b == null || a.isBefore(b) ? a : b;
    }

    private static String human(Duration d) {
        return d.toMinutes() > 0 && d.toSecondsPart() == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
