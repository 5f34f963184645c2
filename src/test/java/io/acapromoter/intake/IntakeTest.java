package io.acapromoter.intake;

import io.acapromoter.policy.IntakeDecision;
import io.acapromoter.policy.PromotionFile;
import io.acapromoter.policy.PromotionFileLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every container registry event type, in both schemas, gets the right decision and reason. */
class IntakeTest {

    static final PromotionFile FILE = PromotionFileLoader.load(Path.of("promotion.yaml"));
    static final String D1 = "sha256:213bbc182920ab41e18edc2001e06abcca6735d87782d9cef68abd83941cf0e5";

    static String fixture(String name) {
        try (InputStream in = IntakeTest.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing fixture " + name, e);
        }
    }

    @ParameterizedTest(name = "{0}.{1}")
    @CsvSource({
            "push-tag,              eventgrid,  promote, shop-web, matches",
            "push-tag,              cloudevent, promote, shop-web, matches",
            "push-index,            eventgrid,  promote, shop-web, matches",
            "push-index,            cloudevent, promote, shop-web, matches",
            "push-untagged,         eventgrid,  ignore,  ,         pushed by digest without a tag",
            "push-untagged,         cloudevent, ignore,  ,         pushed by digest without a tag",
            "push-signature,        eventgrid,  ignore,  ,         pushed by digest without a tag",
            "push-signature,        cloudevent, ignore,  ,         pushed by digest without a tag",
            "push-tag-mismatch,     eventgrid,  ignore,  shop-web, tag 'latest' does not match",
            "push-tag-mismatch,     cloudevent, ignore,  shop-web, tag 'latest' does not match",
            "push-other-repo,       eventgrid,  ignore,  ,         no target for repository contoso.azurecr.io/tools/builder",
            "push-other-repo,       cloudevent, ignore,  ,         no target for repository contoso.azurecr.io/tools/builder",
            "push-foreign-registry, eventgrid,  refuse,  ,         registry host 'evil.azurecr.io' is not on the allow-list",
            "push-foreign-registry, cloudevent, refuse,  ,         registry host 'evil.azurecr.io' is not on the allow-list",
            "delete,                eventgrid,  ignore,  ,         ImageDeleted never starts a promotion",
            "delete,                cloudevent, ignore,  ,         ImageDeleted never starts a promotion",
            "chart-push,            eventgrid,  ignore,  ,         ChartPushed never starts a promotion",
            "chart-push,            cloudevent, ignore,  ,         ChartPushed never starts a promotion",
            "chart-delete,          eventgrid,  ignore,  ,         ChartDeleted never starts a promotion",
            "chart-delete,          cloudevent, ignore,  ,         ChartDeleted never starts a promotion",
            "push-no-digest,        eventgrid,  refuse,  ,         data.target.digest is missing",
            "push-no-digest,        cloudevent, refuse,  ,         data.target.digest is missing",
            "push-bad-digest,       eventgrid,  refuse,  ,         data.target.digest: invalid image reference 'sha256:abc'",
            "push-bad-digest,       cloudevent, refuse,  ,         data.target.digest: invalid image reference 'sha256:abc'",
            "push-no-host,          eventgrid,  refuse,  ,         data.request.host is missing",
            "push-no-host,          cloudevent, refuse,  ,         data.request.host is missing",
            "unknown-type,          eventgrid,  ignore,  ,         not a container registry event (type Microsoft.Storage.BlobCreated)",
            "unknown-type,          cloudevent, ignore,  ,         not a container registry event (type Microsoft.Storage.BlobCreated)",
            "missing-envelope,      eventgrid,  refuse,  ,         invalid Event Grid event",
    })
    void decide_givesEveryEventTheRightOutcomeAndReason(String name, String schema, String outcome, String target, String reason) {
        List<IntakeDecision> decisions = new Intake(FILE).decide(fixture(name + "." + schema + ".json"));

        assertThat(decisions).hasSize(1);
        IntakeDecision decision = decisions.get(0);
        assertThat(decision.outcome()).isEqualTo(outcome);
        assertThat(decision.reason()).contains(reason);
        assertThat(decision.target().orElse(null)).isEqualTo(target);
    }

    @Test
    void decide_pinsThePromotedImageToTheDigestAndDerivesTheInstanceId() {
        IntakeDecision.Promote promote = (IntakeDecision.Promote) new Intake(FILE).decide(fixture("push-tag.eventgrid.json")).get(0);

        assertThat(promote.candidate().image().toString()).isEqualTo("contoso.azurecr.io/shop/web@" + D1);
        assertThat(promote.candidate().tag()).isEqualTo("v1.4.2");
        assertThat(promote.candidate().pushedBy()).contains("ci-pipeline");
        assertThat(promote.candidate().promotionId().value()).isEqualTo("shop-web-" + D1.replace(':', '-'));
    }

    @Test
    void decide_marksARegistryOutsideTheAllowListAsASecurityEvent() {
        IntakeDecision decision = new Intake(FILE).decide(fixture("push-foreign-registry.eventgrid.json")).get(0);

        assertThat(decision).isInstanceOfSatisfying(IntakeDecision.Refuse.class, r -> assertThat(r.securityEvent()).isTrue());
    }

    @Test
    void decide_refusesMalformedJsonWithTheLocation() {
        IntakeDecision decision = new Intake(FILE).decide(fixture("malformed.json")).get(0);

        assertThat(decision.outcome()).isEqualTo("refuse");
        assertThat(decision.reason()).startsWith("malformed JSON").contains("line 1");
    }

    @Test
    void decide_explainsEachEventOfAnArrayOnItsOwn() {
        List<IntakeDecision> decisions = new Intake(FILE).decide(fixture("batch.eventgrid.json"));

        assertThat(decisions).extracting(IntakeDecision::outcome).containsExactly("promote", "ignore", "refuse", "ignore");
        assertThat(decisions.get(2).reason()).contains("event [2]").contains("neither an Event Grid event");
        assertThat(decisions).extracting(IntakeDecision::eventId).containsExactly("evt-a1", "evt-a2", "evt-a3", "evt-a4");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''         | empty body",
            "[]         | empty array",
            "42         | not a JSON object",
            "'{\"id\":\"x\"}' | neither an Event Grid event",
    })
    void decide_refusesPayloadsThatAreNotEvents(String body, String reason) {
        List<IntakeDecision> decisions = new Intake(FILE).decide(body);

        assertThat(decisions).singleElement().satisfies(d -> {
            assertThat(d.outcome()).isEqualTo("refuse");
            assertThat(d.reason()).contains(reason);
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                 | empty body",
            "'[{\"id\":'          | Unexpected end-of-input",
            "'{\"a\":1,\"a\":2}'  | Duplicate field 'a'",
    })
    void handleDelivery_saysWhyABodyIsNoJsonAtAll_andDecidesAndStartsNothing(String body, String reason) {
        FakeOrchestrations orchestrations = new FakeOrchestrations();

        Intake.Delivery delivery = new Intake(FILE).handleDelivery(body, orchestrations, java.util.logging.Logger.getAnonymousLogger());

        assertThat(delivery.unreadable()).hasValueSatisfying(problem -> assertThat(problem).contains(reason));
        assertThat(delivery.results()).isEmpty();
        assertThat(orchestrations.started).isEmpty();
    }

    @Test
    void handleDelivery_decidesAndStartsAsHandleDoes_forEveryEventOfAReadableBody() {
        FakeOrchestrations orchestrations = new FakeOrchestrations();

        Intake.Delivery delivery = new Intake(FILE).handleDelivery(fixture("batch.eventgrid.json"), orchestrations,
                java.util.logging.Logger.getAnonymousLogger());

        assertThat(delivery.unreadable()).isEmpty();
        assertThat(delivery.results()).extracting(r -> r.decision().outcome())
                .isEqualTo(new Intake(FILE).decide(fixture("batch.eventgrid.json")).stream().map(IntakeDecision::outcome).toList());
        assertThat(orchestrations.started).hasSize((int) delivery.results().stream().filter(r -> r.started().isPresent()).count());
    }
}
