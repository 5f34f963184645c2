package io.acapromoter.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The promotion file's {@code operators} and {@code rolloutWindows}, and when a window opens. */
class OperatorsAndWindowsTest {

    static final String APP = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.App/containerApps/";

    static String file(String defaults, String webExtra) {
        return """
                registries: [contoso.azurecr.io]
                approval: { approvers: [alice@contoso.com] }
                %s
                targets:
                  - { name: web, registry: contoso.azurecr.io, repository: web, tags: '.*', production: { resourceId: %sweb, container: web }, smoke: [ { name: h, path: /h } ] %s }
                  - { name: api, registry: contoso.azurecr.io, repository: api, tags: '.*', production: { resourceId: %sapi, container: api }, smoke: [ { name: h, path: /h } ] }
                """.formatted(defaults, APP, webExtra, APP);
    }

    static final String WINDOWS = """
            rolloutWindows:
              timeZone: Europe/Berlin
              windows:
                - { days: [Mon, Tue, Wed, Thu], hours: "09:00-16:00" }
                - { days: [Sat], hours: "22:00-24:00" }
              blackoutDates: [2026-12-24]
            """;

    @Test
    void parse_takesTheDefaultOperatorsAndWindows_andATargetsOwnReplaceThem() {
        PromotionFile f = PromotionFileLoader.parse(file("operators: [ops@contoso.com, 'group:11111111-2222-3333-4444-555555555555']\n" + WINDOWS,
                ", operators: [web-oncall@contoso.com], rolloutWindows: { timeZone: UTC, windows: [ { days: [Fri], hours: '10:00-11:00' } ] }"), "x");

        Target web = f.target("web").orElseThrow();
        Target api = f.target("api").orElseThrow();
        assertThat(web.operators()).containsExactly("web-oncall@contoso.com");
        assertThat(web.rolloutWindows().orElseThrow().describe()).isEqualTo("FRI 10:00-11:00 (UTC)");
        assertThat(api.operators()).containsExactly("ops@contoso.com", "group:11111111-2222-3333-4444-555555555555");
        assertThat(api.rolloutWindows().orElseThrow().describe())
                .isEqualTo("MON,TUE,WED,THU 09:00-16:00; SAT 22:00-24:00 (Europe/Berlin), not on 2026-12-24");
    }

    @Test
    void parse_withoutOperatorsOrWindows_letsNobodyActAndRollsOutAtAnyTime() {
        Target web = PromotionFileLoader.parse(file("", ""), "x").target("web").orElseThrow();

        assertThat(web.operators()).isEmpty();
        assertThat(web.rolloutWindows()).isEmpty();
    }

    @Test
    void parse_listsEveryOperatorAndWindowErrorWithItsPath() {
        String defaults = """
                operators: [ops, ops@contoso.com, OPS@contoso.com]
                rolloutWindows:
                  timeZone: Mars/Olympus
                  windows:
                    - { days: [Mon, Funday, mon], hours: "17:00-09:00" }
                    - { days: [], hours: "9-5", minutes: 3 }
                  blackoutDates: [2026-02-30, 2026-12-24, 2026-12-24]
                """;
        assertThatThrownBy(() -> PromotionFileLoader.parse(file(defaults, ", operators: [], rolloutWindows: { windows: [] }"), "bad.yaml"))
                .isInstanceOfSatisfying(PromotionFileException.class, e -> assertThat(e.errors()).containsExactlyInAnyOrder(
                        "operators[0]: 'ops' is neither a user (name@domain) nor a group (group:<object id>)",
                        "operators[2]: 'OPS@contoso.com' is listed twice",
                        "rolloutWindows.timeZone: 'Mars/Olympus' is not a time zone (e.g. Europe/Berlin, UTC)",
                        "rolloutWindows.windows[0].days[1]: 'Funday' is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)",
                        "rolloutWindows.windows[0].days[2]: 'mon' is listed twice",
                        "rolloutWindows.windows[0].hours: '17:00-09:00' is not HH:MM-HH:MM with the end after the start (24:00 ends at midnight)",
                        "rolloutWindows.windows[1].minutes: unknown key",
                        "rolloutWindows.windows[1].days: must list at least one day",
                        "rolloutWindows.windows[1].hours: '9-5' is not HH:MM-HH:MM with the end after the start (24:00 ends at midnight)",
                        "rolloutWindows.blackoutDates[0]: '2026-02-30' is not a date (YYYY-MM-DD)",
                        "rolloutWindows.blackoutDates[2]: '2026-12-24' is listed twice",
                        "targets[0].operators: must list at least one operator (leave the key out for nobody)",
                        "targets[0].rolloutWindows.timeZone: is required",
                        "targets[0].rolloutWindows.windows: must list at least one window"));
    }

    static final RolloutWindows BERLIN = PromotionFileLoader.parse(file(WINDOWS, ""), "x").target("web").orElseThrow()
            .rolloutWindows().orElseThrow();

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            // Monday 2026-11-23, Berlin is UTC+1: inside the window the rollout goes at once.
            "2026-11-23T09:30:00Z | 2026-11-23T09:30:00Z",
            "2026-11-23T07:00:00Z | 2026-11-23T08:00:00Z",
            // After Thursday's window: Saturday 22:00 Berlin.
            "2026-11-26T15:00:00Z | 2026-11-28T21:00:00Z",
            // Inside Saturday's window that runs to midnight.
            "2026-11-28T22:59:59Z | 2026-11-28T22:59:59Z",
            "2026-11-28T23:00:00Z | 2026-11-30T08:00:00Z",
            // Thursday 2026-12-24 is a blackout date: Saturday evening instead.
            "2026-12-24T08:30:00Z | 2026-12-26T21:00:00Z",
            // Summer time: Berlin is UTC+2 on Monday 2026-07-06.
            "2026-07-06T06:00:00Z | 2026-07-06T07:00:00Z",
    })
    void nextOpening_isNowInsideAWindow_elseTheNextStartInItsTimeZone(String now, String opens) {
        assertThat(BERLIN.nextOpening(Instant.parse(now))).contains(Instant.parse(opens));
    }

    @Test
    void nextOpening_isEmpty_whenBlackoutDatesCoverEveryWindow() {
        RolloutWindows once = RolloutWindows.parse("UTC", List.of("FRI 10:00-11:00"), List.of());
        java.util.List<String> everyFriday = new java.util.ArrayList<>();
        for (java.time.LocalDate d = java.time.LocalDate.parse("2026-11-27"); d.isBefore(java.time.LocalDate.parse("2028-01-01")); d = d.plusWeeks(1)) {
            everyFriday.add(d.toString());
        }
        RolloutWindows never = RolloutWindows.parse("UTC", List.of("FRI 10:00-11:00"), everyFriday);

        assertThat(once.nextOpening(Instant.parse("2026-11-23T00:00:00Z"))).contains(Instant.parse("2026-11-27T10:00:00Z"));
        assertThat(never.nextOpening(Instant.parse("2026-11-23T00:00:00Z"))).isEqualTo(Optional.empty());
    }

    @Test
    void windowsTravelAsTextAndReadBackTheSame() {
        RolloutWindows back = RolloutWindows.parse(BERLIN.zone().getId(), BERLIN.windowTexts(), BERLIN.blackoutTexts());

        assertThat(back).isEqualTo(BERLIN);
    }
}
