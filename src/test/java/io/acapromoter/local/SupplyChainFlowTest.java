package io.acapromoter.local;

import io.acapromoter.approval.ApprovalLinks;
import io.acapromoter.domain.Phase;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.local.sim.ContainerAppState;
import io.acapromoter.local.sim.NotationSigner;
import io.acapromoter.orchestration.Names;
import io.acapromoter.policy.RebuildDecision;
import io.acapromoter.policy.RebuildOutcome;
import io.acapromoter.ports.InstanceView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The supply-chain guarantees end to end, through the simulator, the real SDK adapters and the
 * Durable driver: the web target requires a Notation signature by its builder under the test CA,
 * and managed-identity pulls. Keys and certificates are made here, for this test only.
 */
class SupplyChainFlowTest {

    static final Duration LONG = Duration.ofMinutes(30);
    static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant TO = Instant.parse("2030-01-01T00:00:00Z");
    static final String BUILDER = "CN=shop-builder,O=Contoso,ST=WA,C=US";
    static final NotationSigner.Authority CA = NotationSigner.Authority.create("CN=Contoso Test Signing Root,O=Contoso,C=US", FROM, TO);
    static final NotationSigner BUILDER_KEY = CA.issue(BUILDER, FROM, TO);

    final LocalFlow flow = new LocalFlow(config());
    final String before = flow.rt.world().productionImages().get("shop-web");
    final String candidate = flow.candidateDigest("shop-web");

    /** The demo configuration, with the web target requiring a signature by the builder under the test CA. */
    static String config() {
        String pem = NotationSigner.pem(CA.certificate()).indent(14);
        String signature = """
                    signature:
                      required: true
                      waitFor: 2m
                      trust:
                        certificates:
                          - |
                %s        identities: ["x509.subject: C=US, ST=WA, O=Contoso, CN=shop-builder"]
                    registryAuth: managed-identity
                    vulnerabilityGate: { threshold: Critical }
                """.formatted(pem);
        String demo = DemoWorld.demoConfig();
        String marker = "    vulnerabilityGate: { threshold: Critical }\n";
        assertThat(demo).contains(marker);
        return demo.replaceFirst(java.util.regex.Pattern.quote(marker), java.util.regex.Matcher.quoteReplacement(signature));
    }

    @AfterEach
    void checkAndClose() {
        try {
            flow.assertDeterministic();
        } finally {
            flow.close();
        }
    }

    ContainerAppState web() {
        return flow.rt.sim().containerApp(DemoWorld.RESOURCE_GROUP, "shop-web");
    }

    void attach(byte[] envelope) {
        flow.rt.sim().pushSignature(DemoWorld.REGISTRY, "shop/web", candidate, envelope);
    }

    byte[] signedBy(NotationSigner signer, String digest, Instant expiry) {
        return signer.sign(digest, "application/vnd.docker.distribution.manifest.v2+json", 1000,
                flow.rt.sim().clock().now().minusSeconds(30), expiry);
    }

    String approvalPage(String id) {
        URI link = flow.request(id).approve();
        return flow.rt.approvals().get(link.getPath().substring(ApprovalLinks.ROUTE.length()),
                Map.of("x-ms-client-principal-name", "alice@example.com")).body();
    }

    @Test
    void signedByTheBuilder_isVerifiedAndTheApprovalPageSaysWhoSignedAndWhichIdentityPulls() {
        attach(signedBy(BUILDER_KEY, candidate, null));
        String id = flow.push("shop-web");
        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);

        PromotionStatus waiting = flow.status(id);
        assertThat(waiting.verification()).anySatisfy(v -> assertThat(v).startsWith("signature verified: signed by")
                .contains("CN=shop-builder"));
        assertThat(approvalPage(id)).contains("CN=shop-builder")
                .contains("production app shop-web pulls demoacr.azurecr.io with its system-assigned managed identity");

        flow.approve(id, "alice@example.com");
        flow.advanceUntilFinished(id, LONG);
        assertThat(flow.status(id).phase()).as(flow.status(id).detail()).isEqualTo(Phase.SUCCEEDED);
        assertThat(web().imageForLabel("production")).contains(flow.status(id).image());
    }

    enum BadSignature {
        FORGED("forged: the signature does not verify"),
        RE_SIGNED_BY_UNTRUSTED_KEY("untrusted chain: signed by"),
        EXPIRED("expired: the signature by"),
        WRONG_DIGEST("wrong digest: the signature by"),
        UNTRUSTED_IDENTITY("untrusted identity: signed by C=US,ST=WA,O=Contoso,CN=intern");

        final String reason;

        BadSignature(String reason) {
            this.reason = reason;
        }
    }

    byte[] envelope(BadSignature kind) {
        String other = "sha256:" + "0".repeat(64);
        Instant now = flow.rt.sim().clock().now();
        return switch (kind) {
            case FORGED -> NotationSigner.forge(signedBy(BUILDER_KEY, other, null), candidate);
            case RE_SIGNED_BY_UNTRUSTED_KEY -> signedBy(NotationSigner.selfSigned(BUILDER, FROM, TO), candidate, null);
            case EXPIRED -> signedBy(BUILDER_KEY, candidate, now.minusSeconds(10));
            case WRONG_DIGEST -> signedBy(BUILDER_KEY, other, null);
            case UNTRUSTED_IDENTITY -> signedBy(CA.issue("CN=intern,O=Contoso,ST=WA,C=US", FROM, TO), candidate, null);
        };
    }

    @ParameterizedTest
    @EnumSource(BadSignature.class)
    void aBadSignature_failsTheGateWithItsReasonAndNothingIsDeployed(BadSignature kind) {
        attach(envelope(kind));
        String id = flow.push("shop-web");
        flow.advanceUntilFinished(id, LONG);

        PromotionStatus done = flow.status(id);
        assertThat(done.phase()).isEqualTo(Phase.FAILED);
        assertThat(done.detail()).startsWith("signature refused: ").contains(kind.reason);
        assertThat(web().imagesServing()).containsOnlyKeys(before);
        assertThat(done.stagingRevision()).isNull();
    }

    @Test
    void noSignatureAttached_waitsForItThenFailsSayingSo() {
        String id = flow.push("shop-web");
        flow.advanceUntilPhase(id, Phase.VERIFYING, LONG);
        flow.advanceUntilFinished(id, LONG);

        PromotionStatus done = flow.status(id);
        assertThat(done.phase()).isEqualTo(Phase.FAILED);
        assertThat(done.detail()).startsWith("no signature appeared within 2 min").contains("has no Notation signature");
        assertThat(done.timeline()).anySatisfy(t -> assertThat(t.detail()).startsWith("waiting for the signature"));
    }

    @Test
    void aSignatureAttachedWhileWaiting_letsThePromotionGoOn() {
        String id = flow.push("shop-web");
        flow.advanceUntil(f -> f.status(id).detail().startsWith("waiting for the signature"), Duration.ofSeconds(5), LONG,
                () -> "waiting for the signature");
        attach(signedBy(BUILDER_KEY, candidate, null));

        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);
        assertThat(flow.status(id).verification()).anyMatch(v -> v.startsWith("signature verified"));
    }

    @Test
    void aProductionAppPullingWithAPassword_isRefused() {
        flow.rt.sim().useRegistryPassword(DemoWorld.RESOURCE_GROUP, "shop-web", DemoWorld.REGISTRY_HOST, "demoacr");
        attach(signedBy(BUILDER_KEY, candidate, null));
        String id = flow.push("shop-web");
        flow.advanceUntilFinished(id, LONG);

        PromotionStatus done = flow.status(id);
        assertThat(done.phase()).isEqualTo(Phase.FAILED);
        assertThat(done.detail()).isEqualTo("production app shop-web pulls demoacr.azurecr.io with a stored password "
                + "(user demoacr, passwordSecretRef); the target requires a managed identity (registryAuth: managed-identity): "
                + "set configuration.registries[].identity and remove the password secret");
        assertThat(web().imagesServing()).containsOnlyKeys(before);
    }

    @Test
    void aUserAssignedIdentity_isAcceptedAndNamedOnTheApprovalPage() {
        String identity = "/subscriptions/00000000-0000-0000-0000-0000000000a1/resourceGroups/demo-rg/providers/"
                + "Microsoft.ManagedIdentity/userAssignedIdentities/shop-pull";
        flow.rt.sim().useRegistryIdentity(DemoWorld.RESOURCE_GROUP, "shop-web", DemoWorld.REGISTRY_HOST, identity);
        attach(signedBy(BUILDER_KEY, candidate, null));
        String id = flow.push("shop-web");
        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);

        assertThat(approvalPage(id)).contains("with the user-assigned managed identity shop-pull");
    }

    @Test
    void aRebuiltImage_isSignedByTheTaskAndPromotedWithItsSignatureVerified() {
        flow.rt.sim().registerSigningTask(DemoWorld.REGISTRY, DemoWorld.REBUILD_TASK, "shop/web", "v1.0.1", BUILDER_KEY);
        List<RebuildDecision> decisions = flow.rt.findingIntake().handle(flow.rt.world().sampleFinding(),
                flow.rt.orchestrations(), LocalFlow.LOG);
        assertThat(decisions).singleElement().satisfies(d -> assertThat(d.outcome()).isEqualTo(RebuildOutcome.REBUILD));

        flow.advanceUntil(f -> !f.rt.orchestrations().list(Names.PROMOTION_ORCHESTRATOR, "shop-web-", 10).isEmpty(),
                Duration.ofSeconds(5), LONG, () -> "a promotion of the rebuilt image");
        InstanceView promotion = flow.rt.orchestrations().list(Names.PROMOTION_ORCHESTRATOR, "shop-web-", 10).get(0);
        String id = promotion.instanceId();
        flow.advanceUntilPhase(id, Phase.AWAITING_APPROVAL, LONG);

        PromotionStatus status = flow.status(id);
        assertThat(status.tag()).isEqualTo("v1.0.1");
        assertThat(status.timeline()).as("the push came a step before the signature")
                .anySatisfy(t -> assertThat(t.detail()).startsWith("waiting for the signature"));
        assertThat(status.verification()).anySatisfy(v -> assertThat(v).startsWith("signature verified: signed by")
                .contains("CN=shop-builder"));
        flow.approve(id, "alice@example.com");
        flow.advanceUntilFinished(id, LONG);
        assertThat(flow.status(id).phase()).as(flow.status(id).detail()).isEqualTo(Phase.SUCCEEDED);
    }

    @Test
    void aRebuildWhoseTaskDoesNotSign_failsSayingTheTaskDidNotSign() {
        flow.rt.findingIntake().handle(flow.rt.world().sampleFinding(), flow.rt.orchestrations(), LocalFlow.LOG);
        flow.advanceUntil(f -> !f.rt.orchestrations().list(Names.PROMOTION_ORCHESTRATOR, "shop-web-", 10).isEmpty(),
                Duration.ofSeconds(5), LONG, () -> "a promotion of the rebuilt image");
        String id = flow.rt.orchestrations().list(Names.PROMOTION_ORCHESTRATOR, "shop-web-", 10).get(0).instanceId();
        flow.advanceUntilFinished(id, LONG);

        PromotionStatus done = flow.status(id);
        assertThat(done.phase()).isEqualTo(Phase.FAILED);
        assertThat(done.detail()).contains("its ACR Task's sign step did not attach a signature");
    }
}
