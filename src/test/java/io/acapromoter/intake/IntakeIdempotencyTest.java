package io.acapromoter.intake;

import io.acapromoter.domain.PinnedImage;
import io.acapromoter.orchestration.PromotionInput;
import io.acapromoter.policy.PromotionFileLoader;
import io.acapromoter.ports.Orchestrations;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

class IntakeIdempotencyTest {

    static final Logger LOG = Logger.getLogger("test");
    static final String CONFIG = """
            registries: [contoso.azurecr.io]
            approval: { approvers: [alice@contoso.com] }
            targets:
              - name: web-a
                registry: contoso.azurecr.io
                repository: shop/web
                tags: '^v.*$'
                production: { resourceId: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.App/containerApps/web-a, container: web }
                smoke: [ { name: health, path: /health } ]
              - name: web-b
                registry: contoso.azurecr.io
                repository: shop/web
                tags: '^(v.*|release-.*)$'
                production: { resourceId: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.App/containerApps/web-b, container: web }
                smoke: [ { name: health, path: /health } ]
            """;

    final Intake intake = new Intake(PromotionFileLoader.parse(CONFIG, "test"));
    final FakeOrchestrations orchestrations = new FakeOrchestrations();

    @Test
    void handle_sameEventTwiceStartsOnePromotionPerTarget() {
        String event = IntakeTest.fixture("push-tag.eventgrid.json");

        List<Intake.IntakeResult> first = intake.handle(event, orchestrations, LOG);
        List<Intake.IntakeResult> second = intake.handle(event, orchestrations, LOG);

        assertThat(orchestrations.started).hasSize(2).containsKeys(
                "web-a-" + IntakeTest.D1.replace(':', '-'), "web-b-" + IntakeTest.D1.replace(':', '-'));
        assertThat(first).extracting(r -> r.started().orElseThrow()).containsOnly(Orchestrations.StartResult.STARTED);
        assertThat(second).extracting(r -> r.started().orElseThrow()).containsOnly(Orchestrations.StartResult.ALREADY_EXISTS);
    }

    @Test
    void handle_sameDigestUnderTwoTagsStartsOnePromotionPerTarget() {
        String v1 = IntakeTest.fixture("push-tag.eventgrid.json");
        String release = v1.replace("\"v1.4.2\"", "\"release-7\"").replace("evt-push-tag", "evt-push-release");

        intake.handle(v1, orchestrations, LOG);
        List<Intake.IntakeResult> results = intake.handle(release, orchestrations, LOG);

        assertThat(orchestrations.started).hasSize(2);
        assertThat(results).extracting(r -> r.decision().outcome()).containsExactly("ignore", "promote");
        assertThat(results.get(1).started()).contains(Orchestrations.StartResult.ALREADY_EXISTS);
    }

    @Test
    void handle_passesAFlatInputWithThePinnedImage() {
        intake.handle(IntakeTest.fixture("push-tag.cloudevent.json"), orchestrations, LOG);

        PromotionInput input = (PromotionInput) orchestrations.started.values().iterator().next();
        assertThat(input.image()).isEqualTo(PinnedImage.parse("contoso.azurecr.io/shop/web@" + IntakeTest.D1));
        assertThat(input.pushedAt()).isEqualTo("2026-11-20T21:39:47.276585742Z");
        assertThat(input.eventId()).isEqualTo("ce-push-tag");
    }

    @Test
    void handle_logsTheBodyOfARefusedEventSoNothingIsLost() {
        java.util.List<java.util.logging.LogRecord> records = new java.util.ArrayList<>();
        Logger log = Logger.getAnonymousLogger();
        log.setUseParentHandlers(false);
        log.addHandler(new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });

        intake.handle(IntakeTest.fixture("push-foreign-registry.eventgrid.json"), orchestrations, log);

        assertThat(records).extracting(java.util.logging.LogRecord::getMessage)
                .anyMatch(m -> m.startsWith("event=intake.security") && m.contains("outcome=refuse") && m.contains("evil.azurecr.io"))
                .anyMatch(m -> m.startsWith("event=intake.refused.body") && m.contains("evt-push-foreign-registry"));
        assertThat(orchestrations.started).isEmpty();
    }
}
