package io.acapromoter.orchestration;

import io.acapromoter.ports.Orchestrations;
import io.acapromoter.ports.AuditKind;
import io.acapromoter.domain.Decision;
import com.google.gson.Gson;
import com.microsoft.durabletask.JacksonDataConverter;
import io.acapromoter.domain.Phase;
import io.acapromoter.domain.PinnedImage;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.policy.ResourceKind;
import io.acapromoter.policy.RolloutStrategy;
import io.acapromoter.policy.StagingStrategy;
import io.acapromoter.policy.AnalysisVerdict;
import io.acapromoter.policy.InconclusivePolicy;
import io.acapromoter.policy.UnscannedPolicy;
import io.acapromoter.ports.AuditRecord;
import io.acapromoter.ports.Notifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Activity payloads cross two serializers: the orchestrator writes inputs with durabletask's
 * Jackson, the Functions worker binds them with Gson, the worker writes outputs with Gson and the
 * orchestrator reads them with Jackson. Every payload type must survive both ways unchanged.
 */
class PayloadRoundTripTest {

    static final JacksonDataConverter JACKSON = new JacksonDataConverter();
    static final Gson GSON = new Gson();
    static final String IMAGE = "contoso.azurecr.io/shop/web@sha256:" + "ab".repeat(32);

    static final PinnedImage PINNED = PinnedImage.parse(IMAGE);
    static final PromotionRef REF = new PromotionRef("web-sha256-ab", "web", PINNED, "t5x8k2");
    static final PromotionRef ROLLBACK_REF = new PromotionRef("web-sha256-ab-rollback-t5x8k2", "web", PINNED, "t5x8k2", true);

    static Stream<Object> payloads() {
        PromotionStatus status = PromotionStatus.builder("web-sha256-ab", "web", IMAGE).tag("v1.2.3").pushedBy("ci")
                .pushedAt("2026-11-23T10:00:00Z").phase(Phase.AWAITING_APPROVAL).detail("waiting")
                .timeline(List.of(new PromotionStatus.TimelineEntry("2026-11-23T10:00:00Z", Phase.PENDING, "received")))
                .productionImage("contoso.azurecr.io/shop/web@sha256:" + "cd".repeat(32))
                .staging("web--sha-abab", "https://web---staging.example.io")
                .smoke(List.of(new PromotionStatus.ProbeOutcome("health", "https://x/health", true, 200, 12, 1, null)))
                .approvalPolicy(2, List.of("alice@contoso.com", "group:11111111-2222-3333-4444-555555555555"))
                .deadline("2026-11-24T10:00:00Z")
                .decisions(List.of(new PromotionStatus.DecisionEntry("alice@contoso.com", Decision.APPROVE, null, "2026-11-23T11:00:00Z")))
                .rebuildOf("sha256:" + "cd".repeat(32)).fixes(List.of("CVE-2024-6387")).warnings(List.of("single-revision app"))
                .verification(List.of("production app web pulls contoso.azurecr.io with its system-assigned managed identity"))
                .vulnerabilityScan("scanned by Defender, no findings on abababababab")
                .build();
        return Stream.of(
                new PromotionInput("web-sha256-ab", "web", PINNED, "v1.2.3", "2026-11-23T10:00:00.123456789Z", null, "evt-1",
                        "sha256:" + "cd".repeat(32), List.of("CVE-2024-6387"), null, null),
                new PromotionInput("web-sha256-cd-rollback-t5x8k2", "web", PINNED, "rollback", "2026-11-23T10:00:00Z", null,
                        "operator", null, List.of(), "bob@contoso.com", "canary errors since 10:00"),
                REF,
                ROLLBACK_REF,
                new StagingStep(REF, "web--sha-abab", "https://x",
                        "azure_async_operation https://management.azure.com/subscriptions/s/providers/Microsoft.App/locations/eastus/containerappOperationStatuses/1", true),
                new StagingStep(REF, "nightly-staging-exec1", null, null, false),
                new ReleaseStep(REF, "web--sha-abab", "web--initial", "contoso.azurecr.io/shop/web:1.0", 50,
                        "location https://management.azure.com/op/2", false),
                new ReleaseStep(REF, null, null, null, 100, null, false),
                new ReleaseStep(REF, "web--sha-abab", "web--initial", "contoso.azurecr.io/shop/web:1.0", 100, null, false, true,
                        "https://web--sha-abab.example.azurecontainerapps.io", null),
                new ReleaseStep(REF, "web--sha-abab", "web--initial", "contoso.azurecr.io/shop/web:1.0", 50, null, false, false,
                        "https://web--sha-abab.example.azurecontainerapps.io", java.util.Map.of("staging", "web--sha-cdcd")),
                new Plan("web", ResourceKind.CONTAINER_APP, StagingStrategy.LABEL, RolloutStrategy.CANARY, 900,
                        List.of(10, 50, 100), 300, 900, 60, 2, List.of("alice@contoso.com"), 86400, 14400, 900, 14400,
                        UnscannedPolicy.ALLOW_WITH_WARNING, "Europe/Berlin", List.of("MON,TUE 09:00-17:00", "SAT 10:00-24:00"),
                        List.of("2026-12-24"), new AnalysisPlan(60, 2, InconclusivePolicy.WAIT, 1800), 600),
                new Plan("job", ResourceKind.JOB, StagingStrategy.JOB, RolloutStrategy.JOB, 900, List.of(), 0, 0, 60, 1,
                        List.of("alice@contoso.com"), 86400, 14400, 0, 0, null, null, List.of(), List.of(), null),
                new AnalysisRequest(new ReleaseStep(REF, "web--sha-abab", "web--initial", null, 50, null, false),
                        "2026-11-23T10:00:00Z", "2026-11-23T10:01:00Z"),
                new AnalysisVerdict(AnalysisVerdict.Outcome.FAILED, "web--sha-abab: 412 requests, 5xx 31.3% (129) (max 5.0%)"),
                new AnalysisVerdict(AnalysisVerdict.Outcome.INCONCLUSIVE, "web--sha-abab: 3 requests"),
                new Verification(Verification.Verdict.VERIFIED, "verified", IMAGE, "web--initial", List.of("a warning"),
                        List.of("signature verified: signed by CN=builder")),
                new Verification(Verification.Verdict.NOT_SCANNED, "not scanned by Defender yet: abababababab", IMAGE,
                        "web--initial", List.of(), List.of(), List.of(PINNED.digest(), io.acapromoter.domain.Digest.parse("sha256:" + "ef".repeat(32)))),
                new Recheck(REF, "web--initial", "contoso.azurecr.io/shop/web:1.0", List.of(PINNED.digest())),
                new Recheck(REF, null, null, List.of()),
                new Recheck(REF, "web--initial", "contoso.azurecr.io/shop/web:1.0", List.of(PINNED.digest()), true),
                new Verification(Verification.Verdict.AWAITING_SIGNATURE, "no signature yet", IMAGE, null, List.of()),
                new Verification(Verification.Verdict.NOT_SCANNED, "not scanned by Defender yet: abababababab", IMAGE,
                        "web--initial", List.of()),
                new Verification(Verification.Verdict.ALREADY_RUNNING, "production already runs it", null, null, List.of()),
                new Deployment("web--sha-abab", "https://x", "revision labelled staging", List.of("single-revision app"),
                        "location https://management.azure.com/op/3"),
                new Deployment(null, null, "production job now runs it", List.of(), null),
                Deployment.of("web--sha-abab", "https://web--sha-abab.example", "web--sha-abab takes 20% of production traffic")
                        .withKeptLabels(java.util.Map.of("staging", "web--sha-cdcd")),
                Deployment.notMade("shop-web serves web--hotfix, not web--initial as when the candidate was verified"),
                StagingOrder.of(REF, new Verification(Verification.Verdict.VERIFIED, "verified", null, null, List.of())
                        .withCandidatePushedAt("2026-11-23T09:59:58.5Z")),
                new StagingOrder("web-sha256-ab", "web", PINNED, "t5x8k2", true, true, null),
                new Verification(Verification.Verdict.VERIFIED, "scanned clean", null, null, List.of(), List.of(),
                        List.of(PINNED.digest()), "2026-11-23T09:59:58Z"),
                new Deployment("web--sha-abab", "https://x", "revision labelled staging", List.of(), "location https://op/4")
                        .withProduction(new Verification(Verification.Verdict.VERIFIED, "production runs x", IMAGE, "web--initial",
                                List.of(), List.of("production app web pulls with its managed identity"))),
                Deployment.notMade("production already runs " + IMAGE).withProduction(new Verification(
                        Verification.Verdict.ALREADY_RUNNING, "production already runs " + IMAGE, IMAGE, "web--initial", List.of())),
                new Check(Check.Status.WAITING, "provisioning",
                        List.of(new PromotionStatus.ProbeOutcome("health", "https://x/health", false, 503, 40, 3, "expected 200"))),
                Check.failed("smoke tests failed"),
                status,
                new AuditRecord("web-sha256-ab", "2026-11-23T10:00:00Z", AuditKind.DECISION, "alice@contoso.com", "approved",
                        Map.of("decision", "approve", "source", "10.0.0.1")),
                new OperatorRequest("ops@contoso.com", "incident 42", "2026-11-23T10:06:00Z"),
                new SupersededBy("web-sha256-cd", PINNED, "2026-11-23T10:05:00Z"),
                new DecisionEvent("alice@contoso.com", List.of("g1"), Decision.REJECT, "not today", "2026-11-23T10:00:00Z",
                        "10.0.0.1", "sha256:" + "ab".repeat(32)),
                new RebuildInput("rebuild-web-sha256-ab-20261123T000000Z", "web",
                        "/subscriptions/x/resourceGroups/r/providers/Microsoft.ContainerRegistry/registries/contoso",
                        "rebuild-web", Map.of("BASE", "mcr.microsoft.com/dotnet/aspnet:8.0"), "contoso.azurecr.io", "shop/web",
                        "sha256:" + "ab".repeat(32), List.of("CVE-1"), "2026-11-23T00:00:00Z", "2026-11-23T00:05:00Z"),
                new RebuildRunRef("/subscriptions/x/resourceGroups/r/providers/Microsoft.ContainerRegistry/registries/contoso",
                        "cb12"),
                new RebuildRun("Succeeded", true, true, List.of(IMAGE)),
                new RebuildStatus("rebuild-web-sha256-ab-20261123T000000Z", "web", "sha256:" + "ab".repeat(32),
                        List.of("CVE-1", "CVE-2"), "cb12", RebuildStatus.State.SUCCEEDED, "done", List.of(IMAGE)),
                new Notifier.Delivery[]{new Notifier.Delivery("teams", false, "HTTP 503"), new Notifier.Delivery("email", true, "sent")});
    }

    @Test
    void everyActivityPayloadType_hasASampleHere() {
        Set<Class<?>> sampled = payloads().map(Object::getClass).collect(Collectors.toSet());
        Set<Class<?>> used = Activities.ALL.stream().flatMap(a -> Stream.of(a.input(), a.output()))
                .filter(t -> t != Void.class && t != String.class).collect(Collectors.toSet());

        assertThat(sampled).containsAll(used);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void payload_survivesJacksonToGsonAndGsonToJackson(Object payload) {
        Class<?> type = payload.getClass();

        Object asActivityInput = GSON.fromJson(JACKSON.serialize(payload), type);
        Object asActivityOutput = JACKSON.deserialize(GSON.toJson(payload), type);

        assertThat(asActivityInput).isEqualTo(payload);
        assertThat(asActivityOutput).isEqualTo(payload);
    }

    @Test
    void everyOrchestrationInputAndEventPayloadType_hasASampleHere() throws IllegalAccessException {
        Set<Class<?>> sampled = payloads().map(Object::getClass).collect(Collectors.toSet());
        Set<Class<?>> used = new java.util.HashSet<>();
        for (java.lang.reflect.Field f : Orchestrators.class.getFields()) {
            Object key = f.get(null);
            used.add(key instanceof Orchestrations.Orchestrator<?> o ? o.inputType() : ((Orchestrations.Event<?>) key).payloadType());
        }

        assertThat(used).contains(PromotionInput.class, RebuildInput.class, DecisionEvent.class, SupersededBy.class);
        assertThat(sampled).containsAll(used);
    }

    // Payloads written before these fields were typed: Durable histories, queued activity inputs and
    // custom statuses of instances that started on the previous version must still read.

    @Test
    void aPromotionInputWithTheImageAsAString_readsAsItsPinnedImage() {
        String before = "{\"promotionId\":\"web-sha256-ab\",\"target\":\"web\",\"image\":\"" + IMAGE + "\",\"tag\":\"v1.2.3\","
                + "\"pushedAt\":\"2026-11-23T10:00:00Z\",\"pushedBy\":null,\"eventId\":\"evt-1\",\"rebuildOf\":null,\"fixes\":[]}";

        PromotionInput byTheOrchestrator = JACKSON.deserialize(before, PromotionInput.class);
        PromotionInput byTheStatusReader = InstanceJson.read("web-sha256-ab", java.util.Optional.of(before), PromotionInput.class).orElseThrow();

        assertThat(byTheOrchestrator.image()).isEqualTo(PINNED);
        assertThat(byTheStatusReader).isEqualTo(byTheOrchestrator);
    }

    @Test
    void aDecisionEventWithTheLowerCaseWord_readsAsTheDecision_andAWordThatIsNoDecisionReadsAsNone() throws Exception {
        String before = "{\"approver\":\"alice@contoso.com\",\"groups\":[],\"decision\":\"approve\",\"reason\":null,"
                + "\"at\":\"2026-11-23T10:00:00Z\",\"source\":\"10.0.0.1\",\"digest\":\"sha256:" + "ab".repeat(32) + "\"}";
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();

        assertThat(ApprovalWait.readDecision(json.readTree(before)).decision()).isEqualTo(Decision.APPROVE);
        assertThat(ApprovalWait.readDecision(json.readTree(JACKSON.serialize(new DecisionEvent("a", List.of(), Decision.REJECT,
                "no", "t", "s", "d")))).decision()).isEqualTo(Decision.REJECT);
        assertThat(ApprovalWait.readDecision(json.readTree(before.replace("\"approve\"", "\"maybe\""))).decision()).isNull();
    }

    @Test
    void queuedActivityInputsWithTheOldWords_readInTheWorker() {
        AuditRecord audit = GSON.fromJson("{\"promotionId\":\"p\",\"at\":\"t\",\"kind\":\"decision.refused\",\"actor\":\"system\","
                + "\"detail\":\"d\",\"fields\":{}}", AuditRecord.class);
        PromotionStatus.DecisionEntry entry = GSON.fromJson("{\"approver\":\"alice\",\"decision\":\"reject\",\"reason\":\"no\",\"at\":\"t\"}",
                PromotionStatus.DecisionEntry.class);

        assertThat(audit.kind()).isEqualTo(AuditKind.DECISION_REFUSED);
        assertThat(entry.decision()).isEqualTo(Decision.REJECT);
    }

    @Test
    void payloadsWrittenBeforeTheRolloutCheckedProductionItself_readAsTheyMeantThen() {
        String step = "{\"promotion\":" + JACKSON.serialize(REF) + ",\"revision\":\"web--sha-abab\",\"previousRevision\":\"web--initial\","
                + "\"weight\":100,\"operationOnly\":false,\"countRestarts\":true}";
        String recheck = "{\"promotion\":" + JACKSON.serialize(REF) + ",\"productionRevision\":\"web--initial\",\"scanned\":[]}";
        String deployment = "{\"revision\":\"web--sha-abab\",\"detail\":\"web--sha-abab takes 100% of production traffic\"}";

        // Queued inputs (Gson in the worker): no production check in RollOut, so RecheckCandidate reads production as before.
        assertThat(GSON.fromJson(step, ReleaseStep.class).checkProduction()).isFalse();
        // Queued before RollOut reported the revision's URL: a check with probes reads the revision for its host name.
        assertThat(GSON.fromJson(step, ReleaseStep.class).url()).isNull();
        assertThat(GSON.fromJson(recheck, Recheck.class).defenderOnly()).isFalse();
        // A recorded RollOut output (Jackson in the orchestrator) was always a write.
        assertThat(JACKSON.deserialize(deployment, Deployment.class).notMade()).isNull();
    }

    @Test
    void payloadsWrittenBeforeStagingCheckedProduction_readAsTheyMeantThen() {
        // A DeployStaging input queued as a PromotionRef (Gson in the worker): the same promotion, production not checked
        // there (its verification read production).
        StagingOrder queued = GSON.fromJson(JACKSON.serialize(ROLLBACK_REF), StagingOrder.class);
        assertThat(queued.promotion()).isEqualTo(ROLLBACK_REF);
        assertThat(queued.checkProduction()).isFalse();
        assertThat(queued.candidatePushedAt()).isNull();
        // A recorded DeployStaging output and VerifyCandidate output (Jackson in the orchestrator).
        String deployment = "{\"revision\":\"web--sha-abab\",\"detail\":\"revision labelled staging\",\"warnings\":[]}";
        assertThat(JACKSON.deserialize(deployment, Deployment.class).production()).isNull();
        String verification = "{\"verdict\":\"VERIFIED\",\"detail\":\"verified\",\"productionImage\":\"" + IMAGE + "\"}";
        assertThat(JACKSON.deserialize(verification, Verification.class).candidatePushedAt()).isNull();
    }

    @Test
    void aPlanRecordedBeforeRecheckAfterExisted_asksDefenderAgainAfterEveryApproval() {
        String plan = JACKSON.serialize(new Plan("web", ResourceKind.CONTAINER_APP, StagingStrategy.LABEL, RolloutStrategy.BLUE_GREEN,
                900, List.of(), 0, 900, 60, 1, List.of("alice@contoso.com"), 86400, 14400, 0, 14400, UnscannedPolicy.BLOCK,
                null, List.of(), List.of(), null)).replace(",\"recheckAfterSeconds\":0", "");

        assertThat(plan).doesNotContain("recheckAfter");
        assertThat(JACKSON.deserialize(plan, Plan.class).recheckAfterSeconds()).isZero();
    }

    @Test
    void aCustomStatusWithLowerCaseDecisions_readsForTheStatusPages() {
        String status = JACKSON.serialize(PromotionStatus.builder("p", "web", IMAGE).phase(Phase.AWAITING_APPROVAL)
                .decisions(List.of(new PromotionStatus.DecisionEntry("alice", Decision.APPROVE, null, "t"))).build())
                .replace("\"APPROVE\"", "\"approve\"");

        PromotionStatus read = InstanceJson.read("p", java.util.Optional.of(status), PromotionStatus.class).orElseThrow();

        assertThat(status).contains("\"approve\"");
        assertThat(read.decisions()).extracting(PromotionStatus.DecisionEntry::decision).containsExactly(Decision.APPROVE);
    }

    @Test
    void aSupersededEvent_namesTheNewerImage_whetherItHoldsItAsAStringOrTyped() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String before = "{\"image\":\"" + IMAGE + "\",\"pushedAt\":\"t\",\"promotionId\":\"web-sha256-cd\"}";
        String now = JACKSON.serialize(new SupersededBy("web-sha256-cd", PINNED, "t"));

        assertThat(PromotionOrchestrator.describeSupersede(json.readTree(before))).endsWith(": " + IMAGE);
        assertThat(PromotionOrchestrator.describeSupersede(json.readTree(now))).endsWith(": " + IMAGE);
    }
}
