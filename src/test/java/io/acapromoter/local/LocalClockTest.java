package io.acapromoter.local;

import io.acapromoter.approval.Response;
import io.acapromoter.domain.Phase;
import io.acapromoter.domain.PromotionStatus;
import io.acapromoter.local.durable.ShiftedClock;
import io.acapromoter.local.server.LocalServer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/promoter clock --advance} ({@code POST /admin/clock}): the local runtime on the wall clock, as
 * {@code bin/promoter local} runs it, moved ahead so a rollout window opens without waiting for it.
 */
class LocalClockTest {

    static Response call(LocalRuntime rt, String method, Map<String, String> query) {
        return LocalClock.route(rt).handle(new LocalServer.Request(method, "", query, Map.of(), "", "127.0.0.1"));
    }

    /** Waits (on the wall clock: the runtime works on its own thread) until {@code done} holds. */
    static void await(BooleanSupplier done, String what) throws InterruptedException {
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(3));
        while (!holds(done)) {
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("not " + what + " after 3 minutes");
            }
            Thread.sleep(100);
        }
    }

    /** Whether {@code done} holds yet; false while the promotion has published no status (its first step has not run). */
    static boolean holds(BooleanSupplier done) {
        try {
            return done.getAsBoolean();
        } catch (AssertionError notYet) {
            return false;
        }
    }

    /** A fixed-offset zone where it is now 06:xx, so a daily 09:00-11:00 window is closed for 2 to 3 hours. */
    static ZoneId zoneAtSixInTheMorning(Instant now) {
        int k = 6 - now.atZone(ZoneOffset.UTC).getHour();
        if (k < -11) {
            k += 24;
        }
        return ZoneId.of(k == 0 ? "Etc/GMT" : "Etc/GMT" + (k > 0 ? "-" + k : "+" + -k));
    }

    @Test
    void aPromotionHeldByARolloutWindow_rollsOutOnceTheLocalClockIsMovedIntoTheWindow() throws Exception {
        ShiftedClock clock = new ShiftedClock(Clock.systemUTC());
        ZoneId zone = zoneAtSixInTheMorning(clock.instant());
        assertThat(clock.instant().atZone(zone).getHour()).isEqualTo(6);
        String config = DemoWorld.demoConfig().replace("\ntargets:", """

                rolloutWindows:
                  timeZone: %s
                  windows:
                    - days: [Mon, Tue, Wed, Thu, Fri, Sat, Sun]
                      hours: "09:00-11:00"

                targets:""".formatted(zone.getId()));
        try (LocalRuntime rt = new LocalRuntime(clock, config, "http://localhost:7071", new PrintStream(new ByteArrayOutputStream()))) {
            LocalFlow flow = new LocalFlow(rt);
            String before = rt.world().productionImages().get("shop-web");
            String id = flow.push("shop-web");
            await(() -> flow.phase(id) == Phase.AWAITING_APPROVAL && flow.request(id) != null, "awaiting approval, asked");
            flow.approve(id, "bob@example.com");
            await(() -> flow.status(id).detail().startsWith("approved; waiting for the rollout window until "), "held by the window");
            Instant opens = clock.instant().atZone(zone).toLocalDate().atTime(9, 0).atZone(zone).toInstant();
            assertThat(flow.status(id).detail()).contains("until " + opens);
            assertThat(rt.sim().containerApp(DemoWorld.RESOURCE_GROUP, "shop-web").imagesServing()).containsOnlyKeys(before);

            Instant asked = clock.instant();
            Response moved = call(rt, "POST", Map.of("advance", "210m"));

            assertThat(moved.status()).as(moved.body()).isEqualTo(200);
            assertThat(moved.body()).startsWith("clock moved 210m ahead: ");
            assertThat(clock.instant()).isAfterOrEqualTo(asked.plus(Duration.ofMinutes(210)));
            await(() -> flow.phase(id).isTerminal(), "finished");
            PromotionStatus done = flow.status(id);
            assertThat(done.phase()).as(done.detail()).isEqualTo(Phase.SUCCEEDED);
            Instant rolledOut = done.timeline().stream().filter(t -> t.phase() == Phase.ROLLING_OUT)
                    .map(t -> Instant.parse(t.at())).findFirst().orElseThrow();
            assertThat(rolledOut).isAfterOrEqualTo(opens);
            assertThat(rt.sim().containerApp(DemoWorld.RESOURCE_GROUP, "shop-web").imagesServing()).containsOnlyKeys(done.image());
            assertThat(call(rt, "GET", Map.of()).body()).startsWith("local clock ").contains("ahead of the wall clock by PT3H");
        }
    }

    @Test
    void aMoveThatIsNotAnAmountWithAUnit_orOnAClockThatCannotMove_isRefusedAndChangesNothing() {
        ShiftedClock clock = new ShiftedClock(Clock.systemUTC());
        try (LocalRuntime rt = new LocalRuntime(clock, null, "http://localhost:7071", new PrintStream(new ByteArrayOutputStream()))) {
            assertThat(call(rt, "POST", Map.of()).body()).startsWith("advance is required");
            assertThat(call(rt, "POST", Map.of("advance", "-2h")).status()).isEqualTo(400);
            assertThat(call(rt, "POST", Map.of("advance", "2 weeks")).body())
                    .isEqualTo("advance must be a whole amount with a unit (90s, 15m, 2h, 1d), got '2 weeks'\n");
            assertThat(call(rt, "POST", Map.of("advance", "30d")).body()).startsWith("advance must be more than 0 and at most 14 days");
            assertThat(call(rt, "DELETE", Map.of()).status()).isEqualTo(405);
            assertThat(clock.shift()).isZero();
        }
        LocalFlow manual = new LocalFlow();
        try {
            Response refused = call(manual.rt, "POST", Map.of("advance", "2h"));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body()).contains("is not one that can be moved ahead");
        } finally {
            manual.close();
        }
    }
}
