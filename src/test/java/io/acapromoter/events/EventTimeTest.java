package io.acapromoter.events;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Event times are read without the JDK's formatter when they have the form Event Grid writes; what
 * that quick reading gives must be what {@code OffsetDateTime.parse} (else a local time in UTC) gives,
 * for every text, valid or not.
 */
class EventTimeTest {

    @Test
    void theFormsEventGridWrites_areReadQuickly_andAsTheJdkReadsThem() {
        for (String text : List.of("2026-11-23T10:00:00Z", "2026-11-23T10:00:00.1234567Z", "2024-02-29T23:59:59.999999999Z",
                "2026-11-23T10:00:00+01:00", "2026-11-23T10:00:00.5-05:30", "2026-01-01T00:00:00-00:00", "0001-01-01T00:00:00Z",
                "2026-11-23T10:00:00+18:00", "2026-11-23T10:00:00.1Z")) {
            assertThat(RegistryEventParser.commonForm(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
        }
    }

    @Test
    void invalidDatesAndOtherForms_areLeftToTheJdk() {
        for (String text : List.of("2025-02-29T10:00:00Z", "2026-04-31T10:00:00Z", "2026-13-01T10:00:00Z", "2026-11-23T24:00:00Z",
                "2026-11-23T10:60:00Z", "2026-11-23T10:00:60Z", "2026-11-23T10:00:00.Z", "2026-11-23T10:00:00.1234567890Z",
                "2026-11-23T10:00:00+18:30", "2026-11-23T10:00:00+1:00", "2026-11-23t10:00:00z", "2026-11-23T10:00Z",
                "2026-11-23T10:00:00", "2026-11-23T10:00:00+01:00:30", "+2026-11-23T10:00:00Z", "2026-11-23T10:00:00 Z",
                "2026-1x-23T10:00:00Z", "2026-11-23T10:00:00Z[UTC]")) {
            assertThat(RegistryEventParser.commonForm(text)).as(text).isNull();
        }
    }

    @Test
    void aQuickReadingNeverDiffersFromTheJdk_onGeneratedAndMutatedTexts() {
        Random random = new Random(13);
        String alphabet = "0123456789-:.TZtz+ ";
        int quick = 0;
        for (int i = 0; i < 50_000; i++) {
            String text = generated(random);
            if (random.nextBoolean()) {
                char[] chars = text.toCharArray();
                chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
                text = new String(chars);
            }
            Instant mine = RegistryEventParser.commonForm(text);
            Instant jdk = jdk(text);
            if (mine != null) {
                quick++;
                assertThat(mine).as(text).isEqualTo(jdk);
            }
            // The whole reading (quick path or not) answers as the JDK does, or refuses what it refuses.
            if (jdk != null) {
                assertThat(RegistryEventParser.instant(text, "time")).as(text).isEqualTo(jdk);
            } else {
                String refused = text;
                assertThatThrownBy(() -> RegistryEventParser.instant(refused, "time")).hasMessageContaining("not an ISO-8601 date-time");
            }
        }
        assertThat(quick).as("texts read quickly").isGreaterThan(10_000);
    }

    private static String generated(Random r) {
        List<String> parts = new ArrayList<>();
        parts.add(String.format("%04d-%02d-%02dT%02d:%02d:%02d", r.nextInt(3000), 1 + r.nextInt(13), 1 + r.nextInt(31), r.nextInt(25),
                r.nextInt(61), r.nextInt(61)));
        if (r.nextBoolean()) {
            parts.add("." + String.valueOf(Math.abs(r.nextLong())).substring(0, 1 + r.nextInt(10)));
        }
        int offset = r.nextInt(4);
        parts.add(offset == 0 ? "Z" : offset == 1 ? "" : String.format("%s%02d:%02d", r.nextBoolean() ? "+" : "-", r.nextInt(20), r.nextInt(61)));
        return String.join("", parts);
    }

    private static Instant jdk(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).atOffset(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
