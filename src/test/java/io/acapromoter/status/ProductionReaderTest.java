package io.acapromoter.status;

import io.acapromoter.policy.PromotionFile;
import io.acapromoter.policy.PromotionFileLoader;
import io.acapromoter.policy.Target;
import io.acapromoter.ports.AzureOperationException;
import io.acapromoter.ports.ContainerApp;
import io.acapromoter.ports.ContainerApps;
import io.acapromoter.ports.Revision;
import io.acapromoter.ports.TrafficSplit;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class ProductionReaderTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final String OLD = "demoacr.azurecr.io/shop/api@sha256:" + "aa".repeat(32);
    static final String NEW = "demoacr.azurecr.io/shop/api@sha256:" + "bb".repeat(32);

    final ContainerApps apps = mock(ContainerApps.class);
    final Target api = demo().target("shop-api").orElseThrow();

    static PromotionFile demo() {
        try (InputStream in = ProductionReaderTest.class.getResourceAsStream("/local/demo-promotion.yaml")) {
            return PromotionFileLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "demo-promotion.yaml");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Revision revision(String name, String image, int weight) {
        return new Revision(name, Revision.Provisioning.PROVISIONED, "Running", Revision.Health.HEALTHY, true, weight, 1,
                Map.of("api", image), Instant.parse("2026-11-22T08:00:00Z"), Optional.empty(), Optional.empty());
    }

    ContainerApp canaryAt50() {
        return new ContainerApp(api.productionResourceId(), "shop-api", true, "example.io", "shop-api--new", Map.of("api", NEW),
                List.of(new TrafficSplit("shop-api--new", 50, Optional.empty()),
                        new TrafficSplit("shop-api--old", 50, Optional.of("production"))),
                List.of(revision("shop-api--new", NEW, 50), revision("shop-api--old", OLD, 50)), Optional.empty(), List.of());
    }

    @Test
    void manyRendersWithinTheTtl_readAzureOnce_andTheNextOneAfterItReadsAgain() {
        when(apps.getApp(api.productionResourceId())).thenReturn(canaryAt50());
        Clock[] clock = {Clock.fixed(NOW, ZoneOffset.UTC)};
        ProductionReader reader = new ProductionReader(apps, new Clock() {
            public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            public Clock withZone(java.time.ZoneId zone) { return this; }
            public Instant instant() { return clock[0].instant(); }
        }, Duration.ofSeconds(20));

        for (int i = 0; i < 50; i++) {
            reader.read(api);
        }
        clock[0] = Clock.fixed(NOW.plusSeconds(19), ZoneOffset.UTC);
        reader.read(api);
        verify(apps, times(1)).getApp(api.productionResourceId());

        clock[0] = Clock.fixed(NOW.plusSeconds(20), ZoneOffset.UTC);
        reader.read(api);
        verify(apps, times(2)).getApp(api.productionResourceId());
    }

    @Test
    void atA50PercentTie_productionIsTheRevisionStillLabelledProduction_andEveryShareNamesItsImage() {
        when(apps.getApp(api.productionResourceId())).thenReturn(canaryAt50());

        TargetBoard.Production p = new ProductionReader(apps, Clock.fixed(NOW, ZoneOffset.UTC)).read(api);

        assertThat(p.image()).isEqualTo(OLD);
        assertThat(p.digest()).isEqualTo("sha256:" + "aa".repeat(32));
        assertThat(p.traffic()).containsExactly(new TargetBoard.Share("shop-api--new", 50, null, NEW),
                new TargetBoard.Share("shop-api--old", 50, "production", OLD));
    }

    @Test
    void aFailedRead_isShownAsTheProblem_andKeptForTheTtlToo() {
        when(apps.getApp(api.productionResourceId())).thenThrow(new AzureOperationException("get container app",
                api.productionResourceId(), 429, true, "TooManyRequests", null));
        ProductionReader reader = new ProductionReader(apps, Clock.fixed(NOW, ZoneOffset.UTC));

        TargetBoard.Production p = reader.read(api);
        reader.read(api);

        assertThat(p.image()).isNull();
        assertThat(p.problem()).startsWith("could not read " + api.productionResourceId() + ": ");
        verify(apps, times(1)).getApp(api.productionResourceId());
    }
}
