package io.acapromoter.activities;

import io.acapromoter.domain.PinnedImage;
import io.acapromoter.orchestration.PromotionRef;
import io.acapromoter.orchestration.Verification;
import io.acapromoter.policy.PromotionFileLoader;
import io.acapromoter.ports.ContainerApp;
import io.acapromoter.ports.ContainerApps;
import io.acapromoter.ports.Registry;
import io.acapromoter.ports.RegistryCredential;
import io.acapromoter.ports.Revision;
import io.acapromoter.ports.TrafficSplit;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code DeployStaging}'s check of production on the app as read right before its write, when that read already shows
 * this promotion's own write (an activity run again after its write landed, before Azure made the new revision the
 * latest): the template is the candidate's, and production is still what the serving revision runs.
 */
class StagingProductionCheckTest {

    static final String APP_ID = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.App/containerApps/web";
    static final String PRODUCTION = "contoso.azurecr.io/shop/web@sha256:" + "cd".repeat(32);
    static final PinnedImage CANDIDATE = PinnedImage.parse("contoso.azurecr.io/shop/web@sha256:" + "ab".repeat(32));
    static final String FILE = """
            registries: [contoso.azurecr.io]
            approval: { approvers: [alice@example.com] }
            targets:
              - name: web
                registry: contoso.azurecr.io
                repository: shop/web
                tags: ".*"
                production: { resourceId: %s, container: web }
                staging: { strategy: label, label: staging }
                smoke: [{ name: health, path: /health }]
                rollout: { strategy: blue-green }
            """.formatted(APP_ID);

    final List<String> revisionReads = new ArrayList<>();

    @Test
    void aTemplateThatAlreadyRunsTheCandidate_isNotTakenForProduction_theServingRevisionIsRead() {
        ContainerApp afterOwnWrite = new ContainerApp(APP_ID, "web", true, "example.io", "web--initial",
                Map.of("web", CANDIDATE.toString()),
                List.of(new TrafficSplit("web--initial", 100, Optional.of("production")),
                        new TrafficSplit("web--sha-abab", 0, Optional.of("staging"))),
                List.of(), Optional.empty(),
                List.of(new RegistryCredential("contoso.azurecr.io", Optional.of("system"), Optional.empty(), false)));

        Verification production = verifier().production(new PromotionRef("web-sha256-ab", "web", CANDIDATE, "t5x8k2"),
                afterOwnWrite, Optional.of(Instant.parse("2026-11-23T10:00:00Z")));

        assertThat(production.verdict()).as(production.detail()).isEqualTo(Verification.Verdict.VERIFIED);
        assertThat(production.productionImage()).isEqualTo(PRODUCTION);
        assertThat(production.productionRevision()).isEqualTo("web--initial");
        assertThat(revisionReads).containsExactly("web--initial");
    }

    CandidateVerifier verifier() {
        ContainerApps apps = stub(ContainerApps.class, (method, args) -> {
            if (method.equals("getRevision")) {
                revisionReads.add((String) args[1]);
                return new Revision((String) args[1], Revision.Provisioning.PROVISIONED, "Running", Revision.Health.HEALTHY,
                        true, 100, 1, Map.of("web", PRODUCTION), Instant.parse("2026-11-01T00:00:00Z"), Optional.empty(),
                        Optional.empty());
            }
            throw new AssertionError("not expected: " + method);
        });
        Registry registry = stub(Registry.class, (method, args) -> {
            if (method.equals("pushedAt")) {
                return Optional.of(Instant.parse("2026-11-01T00:00:00Z"));
            }
            throw new AssertionError("not expected: " + method);
        });
        return new CandidateVerifier(new PipelinePorts(PromotionFileLoader.parse(FILE, "test"), apps, registry, null, null,
                null, null, null, Clock.systemUTC()));
    }

    interface Answer {
        Object answer(String method, Object[] args);
    }

    static <T> T stub(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answer.answer(method.getName(), args)));
    }
}
