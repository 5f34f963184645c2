package io.acapromoter.local;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acapromoter.approval.ApprovalLinks;
import io.acapromoter.approval.LogNotifier;
import io.acapromoter.approval.Response;
import io.acapromoter.domain.Phase;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.local.durable.ManualClock;
import io.acapromoter.intake.Intake;
import io.acapromoter.policy.IntakeDecision;
import io.acapromoter.ports.InstanceView;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A local runtime on a manual clock, and the moves a test makes with it. */
final class LocalFlow implements AutoCloseable {

    static final Logger LOG = Logger.getLogger("test");
    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    static final Pattern FORM_TOKEN = Pattern.compile("name=\"form_token\" value=\"([^\"]+)\"");

    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    final LocalRuntime rt;

    /** Set by the duplicate-activity suites: every flow made meanwhile runs each activity twice. */
    static volatile boolean everyActivityTwice;

    LocalFlow(String configYaml) {
        rt = new LocalRuntime(ManualClock.startingAt("2026-11-23T10:00:00Z"), configYaml, "http://localhost:7071", new PrintStream(printed, true, StandardCharsets.UTF_8));
        rt.driver().runEveryActivityTwice(everyActivityTwice);
    }

    LocalFlow() {
        this((String) null);
    }

    /** A flow over a runtime built elsewhere (its clock must be a ManualClock). */
    LocalFlow(LocalRuntime runtime) {
        rt = runtime;
    }

    /** Delivers the demo push event of {@code target}; returns the promotion id it started. */
    String push(String target) {
        return deliver(rt.world().sampleEvents().get(target));
    }

    /** The digest of the demo candidate of {@code target} (before its event is delivered). */
    String candidateDigest(String target) {
        try {
            com.fasterxml.jackson.databind.JsonNode event = JSON.readTree(rt.world().sampleEvents().get(target));
            return (event.isArray() ? event.get(0) : event).at("/data/target/digest").asText();
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every finished instance replays to the same actions (the determinism check). */
    void assertDeterministic() {
        for (var result : rt.driver().replayFinished()) {
            if (!result.isConsistent()) {
                throw new AssertionError("replay of " + result.instanceId() + " differs: " + result.mismatches());
            }
        }
    }

    String deliver(String event) {
        List<Intake.IntakeResult> results = rt.intake().handle(event, rt.orchestrations(), LOG);
        return results.stream().map(Intake.IntakeResult::decision).filter(d -> d instanceof IntakeDecision.Promote)
                .map(d -> ((IntakeDecision.Promote) d).candidate().promotionId().value()).findFirst()
                .orElseThrow(() -> new AssertionError("no promotion started: " + results));
    }

    PromotionStatus status(String id) {
        InstanceView view = rt.orchestrations().get(id).orElseThrow();
        String json = view.customStatus().or(view::output).orElseThrow(() -> new AssertionError("no status for " + id
                + " state " + view.state() + " " + view.failure().orElse("")));
        try {
            return JSON.readValue(json, PromotionStatus.class);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Phase phase(String id) {
        InstanceView view = rt.orchestrations().get(id).orElseThrow();
        if (view.state() == InstanceView.RuntimeState.FAILED) {
            throw new AssertionError("orchestration " + id + " FAILED: " + view.failure().orElse("?"));
        }
        return status(id).phase();
    }

    /** Advances time in {@code step}s until {@code done} holds; fails after {@code max}. */
    void advanceUntil(Predicate<LocalFlow> done, Duration step, Duration max, java.util.function.Supplier<String> what) {
        rt.driver().runUntilIdle();
        Duration waited = Duration.ZERO;
        while (!done.test(this)) {
            if (waited.compareTo(max) >= 0) {
                throw new AssertionError("not " + what.get() + " after " + max);
            }
            rt.driver().advance(step);
            waited = waited.plus(step);
        }
    }

    void advanceUntilPhase(String id, Phase phase, Duration max) {
        advanceUntil(f -> f.phase(id) == phase, Duration.ofSeconds(5), max, () -> "in " + phase + " (now " + phase(id) + ": " + status(id).detail() + ")");
    }

    void advanceUntilFinished(String id, Duration max) {
        advanceUntil(f -> f.phase(id).isTerminal(), Duration.ofSeconds(5), max, () -> "finished (now " + phase(id) + ": " + status(id).detail() + ")");
    }

    /** The approval links the local sink printed for {@code id}. */
    LogNotifier.Sent request(String id) {
        return rt.notifier().sent().stream().filter(s -> s.promotionId().equals(id) && s.approve() != null)
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no approval request for " + id));
    }

    /**
     * Opens the link as {@code approver} would, signed in (the runtime's own identity is the local developer,
     * so the person is handed over resolved, as the platform does in Azure), and submits the decision.
     */
    Response decide(String id, URI link, String approver, String decision, String reason) {
        String token = link.getPath().substring(ApprovalLinks.ROUTE.length());
        io.acapromoter.approval.Principal who = new io.acapromoter.approval.Principal(approver, List.of());
        Response page = rt.approvals().get(token, who);
        Matcher m = FORM_TOKEN.matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("no form on the approval page (" + page.status() + "): " + page.body());
        }
        Map<String, String> form = reason == null ? Map.of("form_token", m.group(1), "decision", decision)
                : Map.of("form_token", m.group(1), "decision", decision, "reason", reason);
        Response result = rt.approvals().post(token, form, who, "127.0.0.1");
        rt.driver().runUntilIdle();
        return result;
    }

    Response approve(String id, String approver) {
        return decide(id, request(id).approve(), approver, "approve", null);
    }

    @Override
    public void close() {
        rt.close();
    }
}
