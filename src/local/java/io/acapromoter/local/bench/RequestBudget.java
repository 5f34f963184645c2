package io.acapromoter.local.bench;

import io.acapromoter.approval.ApprovalLinks;
import io.acapromoter.approval.LogNotifier;
import io.acapromoter.approval.Response;
import io.acapromoter.domain.Phase;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.intake.Intake;
import io.acapromoter.local.LocalRuntime;
import io.acapromoter.local.durable.ManualClock;
import io.acapromoter.local.sim.RecordedRequest;
import io.acapromoter.orchestration.InstanceJson;
import io.acapromoter.policy.IntakeDecision;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Azure requests one whole promotion of each demo target makes (blue-green, canary, replace,
 * job), from the push to the end of the monitor window, read from the simulator's request log:
 * ARM requests, long-running operation polls, and registry (ACR data plane) requests apart.
 */
public final class RequestBudget {

    /** The demo targets by rollout strategy. */
    public static final Map<String, String> TARGETS = Map.of("blue-green", "shop-web", "canary", "shop-api",
            "replace", "shop-worker", "job", "nightly-report");

    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"form_token\" value=\"([^\"]+)\"");
    private static final Logger QUIET = Logger.getLogger("bench");

    /**
     * @param arm        ARM requests other than operation polls
     * @param polls      long-running operation polls
     * @param acr        registry data-plane requests (token exchanges and 401 challenges included)
     * @param operations every request by Azure operation name
     */
    public record Counts(long arm, long polls, long acr, Map<String, Long> operations) {
    }

    private RequestBudget() {
    }

    /** Runs one promotion of {@code target} to SUCCEEDED on a fresh local runtime and counts its requests. */
    public static Counts measure(String target) {
        ManualClock clock = ManualClock.startingAt("2026-11-23T10:00:00Z");
        try (LocalRuntime rt = new LocalRuntime(clock, null, "http://localhost:7071",
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            rt.sim().clearRequests();
            String id = rt.intake().handle(rt.world().sampleEvents().get(target), rt.orchestrations(), QUIET).stream()
                    .map(Intake.IntakeResult::decision).filter(d -> d instanceof IntakeDecision.Promote)
                    .map(d -> ((IntakeDecision.Promote) d).candidate().promotionId().value()).findFirst().orElseThrow();
            until(rt, id, Phase.AWAITING_APPROVAL);
            approve(rt, id);
            until(rt, id, Phase.SUCCEEDED);
            return count(rt.sim().requests());
        }
    }

    static Counts count(List<RecordedRequest> requests) {
        Map<String, Long> byOperation = new TreeMap<>();
        long arm = 0;
        long polls = 0;
        long acr = 0;
        for (RecordedRequest r : requests) {
            byOperation.merge(r.operation(), 1L, Long::sum);
            if (r.operation().startsWith("Acr_")) {
                acr++;
            } else if (r.operation().endsWith("OperationStatuses_Get") || r.operation().endsWith("OperationResults_Get")) {
                polls++;
            } else if (!r.operation().startsWith("Sim_")) {
                arm++;
            }
        }
        return new Counts(arm, polls, acr, byOperation);
    }

    /** Every strategy, in a fixed order. */
    public static Map<String, Counts> measureAll() {
        Map<String, Counts> out = new LinkedHashMap<>();
        for (String strategy : List.of("blue-green", "canary", "replace", "job")) {
            out.put(strategy, measure(TARGETS.get(strategy)));
        }
        return out;
    }

    /**
     * The README's table of requests per strategy: one row per Azure operation a run made, one column
     * per strategy, then the totals as {@link #count} splits them.
     */
    public static String markdown(Map<String, Counts> all) {
        Map<String, Map<String, Long>> byOperation = new TreeMap<>();
        all.forEach((strategy, counts) -> counts.operations().forEach((operation, n) ->
                byOperation.computeIfAbsent(operation, o -> new LinkedHashMap<>()).put(strategy, n)));
        StringBuilder out = new StringBuilder("| operation | ").append(String.join(" | ", all.keySet())).append(" |\n| ---")
                .append(" | ---".repeat(all.size())).append(" |\n");
        byOperation.forEach((operation, n) -> row(out, "`" + operation + "`",
                all.keySet().stream().map(s -> n.containsKey(s) ? Long.toString(n.get(s)) : "–").toList()));
        row(out, "**ARM (no polls)**", all.values().stream().map(c -> "**" + c.arm() + "**").toList());
        row(out, "**operation polls**", all.values().stream().map(c -> "**" + c.polls() + "**").toList());
        row(out, "**ACR data plane**", all.values().stream().map(c -> "**" + c.acr() + "**").toList());
        return out.toString();
    }

    private static void row(StringBuilder out, String first, List<String> cells) {
        out.append("| ").append(first).append(" | ").append(String.join(" | ", cells)).append(" |\n");
    }

    private static void until(LocalRuntime rt, String id, Phase phase) {
        rt.driver().runUntilIdle();
        for (int i = 0; i < 2000 && phase(rt, id) != phase; i++) {
            if (phase(rt, id).isTerminal()) {
                throw new IllegalStateException(id + " ended " + phase(rt, id) + " instead of " + phase);
            }
            rt.driver().advance(Duration.ofSeconds(1));
        }
    }

    private static Phase phase(LocalRuntime rt, String id) {
        return InstanceJson.read(id, rt.orchestrations().get(id).orElseThrow().customStatus(), PromotionStatus.class)
                .map(PromotionStatus::phase).orElse(Phase.PENDING);
    }

    /** Approves promotion {@code id} the way a person does: the link from the sink, the page, its form. */
    static void approve(LocalRuntime rt, String id) {
        LogNotifier.Sent sent = rt.notifier().sent().stream().filter(s -> s.promotionId().equals(id) && s.approve() != null)
                .reduce((a, b) -> b).orElseThrow();
        String token = sent.approve().getPath().substring(ApprovalLinks.ROUTE.length());
        Map<String, String> headers = Map.of("x-ms-client-principal-name", LocalRuntime.DEVELOPER);
        Matcher m = FORM_TOKEN.matcher(rt.approvals().get(token, headers).body());
        if (!m.find()) {
            throw new IllegalStateException("no approval form for " + id);
        }
        Response r = rt.approvals().post(token, Map.of("form_token", m.group(1), "decision", "approve"), headers, "127.0.0.1");
        if (r.status() != 200) {
            throw new IllegalStateException("approval refused: " + r.status());
        }
    }
}
