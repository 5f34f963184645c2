package io.acapromoter.intake;

import io.acapromoter.orchestration.Orchestrators;
import io.acapromoter.orchestration.RebuildStatus;
import io.acapromoter.logging.LogLine;
import io.acapromoter.orchestration.PromotionInput;
import io.acapromoter.events.ParsedEvent;
import io.acapromoter.events.RegistryEventParser;
import io.acapromoter.policy.IntakeDecision;
import io.acapromoter.policy.IntakePolicy;
import io.acapromoter.policy.PromotionFile;
import io.acapromoter.ports.Orchestrations;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns a delivered Event Grid payload into decisions and starts one promotion per
 * {@code promote}. Starting is idempotent: the instance id is derived from target + digest.
 */
public final class Intake {

    /** Event payloads carry no secrets; a refused one is logged up to this size. */
    static final int MAX_LOGGED_BODY = 8 * 1024;

    private final IntakePolicy policy;

    public Intake(PromotionFile file) {
        this.policy = new IntakePolicy(file);
    }

    /** Decides without starting anything (used by {@code bin/promoter explain-event} too). */
    public List<IntakeDecision> decide(String body) {
        return decide(RegistryEventParser.parse(body));
    }

    private List<IntakeDecision> decide(List<ParsedEvent> events) {
        List<IntakeDecision> out = new ArrayList<>();
        for (ParsedEvent parsed : events) {
            out.addAll(decide(parsed));
        }
        return out;
    }

    List<IntakeDecision> decide(ParsedEvent parsed) {
        if (parsed instanceof ParsedEvent.Registry registry) {
            return policy.decide(registry.event());
        }
        if (parsed instanceof ParsedEvent.Foreign foreign) {
            return List.of(new IntakeDecision.Ignore(foreign.eventId(), Optional.empty(),
                    "not a container registry event (type " + foreign.eventType() + ")"));
        }
        ParsedEvent.Unreadable bad = (ParsedEvent.Unreadable) parsed;
        return List.of(new IntakeDecision.Refuse(bad.eventId(), bad.problem(), false));
    }

    /** Decides, starts promotions and writes one log line per decision. */
    public List<IntakeResult> handle(String body, Orchestrations orchestrations, Logger log) {
        return handle(RegistryEventParser.parse(body), body, orchestrations, log);
    }

    /**
     * As {@link #handle}, for a webhook that answers a body that is no JSON at all (empty, malformed,
     * too large or deep, duplicate keys) with 400 and the reason: such a body is neither decided nor
     * logged here. The body is read once.
     */
    public Delivery handleDelivery(String body, Orchestrations orchestrations, Logger log) {
        RegistryEventParser.Batch batch = RegistryEventParser.read(body);
        return batch.unreadable().isPresent() ? new Delivery(batch.unreadable(), List.of())
                : new Delivery(Optional.empty(), handle(batch.events(), body, orchestrations, log));
    }

    private List<IntakeResult> handle(List<ParsedEvent> events, String body, Orchestrations orchestrations, Logger log) {
        List<IntakeResult> results = new ArrayList<>();
        for (IntakeDecision decision : decide(events)) {
            Orchestrations.StartResult started = null;
            if (decision instanceof IntakeDecision.Promote promote) {
                PromotionInput input = PromotionInput.of(promote.candidate());
                input = RebuildLink.find(promote.candidate(), orchestrations)
                        .map(r -> rebuildInput(promote.candidate(), r)).orElse(input);
                started = orchestrations.startIfAbsent(Orchestrators.PROMOTION, input.promotionId(), input);
            }
            IntakeResult result = new IntakeResult(decision, Optional.ofNullable(started));
            log(result, log);
            results.add(result);
        }
        if (results.stream().anyMatch(r -> r.decision() instanceof IntakeDecision.Refuse)) {
            // Event Grid counts the delivery as done: keep what was refused, so nothing is lost.
            log.warning(LogLine.of("intake.refused.body").with("bytes", body == null ? 0 : body.length())
                    .with("body", body == null ? "" : body.length() > MAX_LOGGED_BODY
                            ? body.substring(0, MAX_LOGGED_BODY) + "…" : body).toString());
        }
        return results;
    }

    private static PromotionInput rebuildInput(io.acapromoter.domain.Candidate candidate, RebuildStatus rebuild) {
        return PromotionInput.of(candidate).asRebuild(rebuild.replacesDigest(), rebuild.cves());
    }

    private static void log(IntakeResult result, Logger log) {
        IntakeDecision d = result.decision();
        Level level = d instanceof IntakeDecision.Refuse ? Level.WARNING : Level.INFO;
        if (!log.isLoggable(level)) {
            return; // the line is not built for a logger that drops it
        }
        LogLine line = LogLine.of(d instanceof IntakeDecision.Refuse r && r.securityEvent() ? "intake.security" : "intake.decision")
                .with("eventId", d.eventId())
                .with("outcome", d.outcome())
                .with("target", d.target().orElse(null));
        if (d instanceof IntakeDecision.Promote p) {
            line.with("promotion", p.candidate().promotionId())
                    .with("digest", p.candidate().image().digest())
                    .with("image", p.candidate().image())
                    .with("started", result.started().map(s -> s == Orchestrations.StartResult.STARTED).orElse(false));
        }
        line.with("reason", d.reason());
        log.log(level, line.toString());
    }

    /** One delivery: why its body is no JSON at all, or what each of its events came to. */
    public record Delivery(Optional<String> unreadable, List<IntakeResult> results) {
        public Delivery {
            unreadable = java.util.Objects.requireNonNull(unreadable, "unreadable");
            results = List.copyOf(results);
        }
    }

    /** A decision, and for {@code promote} whether a new instance was started or one already existed. */
    public record IntakeResult(IntakeDecision decision, Optional<Orchestrations.StartResult> started) {
    }
}
