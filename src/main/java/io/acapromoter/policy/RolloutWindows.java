package io.acapromoter.policy;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * When approved promotions of a target may start their production rollout: weekly windows in one
 * time zone, minus blackout dates. A rollout that started inside a window finishes even if the window
 * closes meanwhile. Pure: the orchestrator evaluates it on its own clock, so it must not read any other.
 *
 * @param zone          the time zone the days and hours are read in
 * @param windows       weekly windows, at least one
 * @param blackoutDates whole days (in {@code zone}) on which no window opens
 */
public record RolloutWindows(ZoneId zone, List<Window> windows, SortedSet<LocalDate> blackoutDates) {

    /** How far ahead the next opening is looked for; further means the windows never open. */
    static final int HORIZON_DAYS = 400;

    public RolloutWindows {
        Objects.requireNonNull(zone, "zone");
        windows = List.copyOf(windows);
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("rollout windows need at least one window");
        }
        blackoutDates = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(blackoutDates));
    }

    /**
     * One weekly window: on {@code days}, from {@code start} (inclusive) to {@code end} (exclusive);
     * {@code endsAtMidnight} when it runs to the end of the day ({@code 24:00}).
     */
    public record Window(Set<DayOfWeek> days, LocalTime start, LocalTime end, boolean endsAtMidnight) {

        public Window {
            days = days.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(days));
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (days.isEmpty()) {
                throw new IllegalArgumentException("a window needs at least one day");
            }
            if (!endsAtMidnight && !start.isBefore(end)) {
                throw new IllegalArgumentException("a window must end after it starts, was " + start + "-" + end);
            }
        }

        /** {@code MON,TUE 09:00-17:00}: the form the orchestrator's plan carries. */
        public String text() {
            return days.stream().map(d -> d.name().substring(0, 3)).collect(Collectors.joining(",")) + " "
                    + start + "-" + (endsAtMidnight ? "24:00" : end.toString());
        }

        /** Parses {@link #text()}. */
        public static Window parse(String text) {
            String[] parts = text.strip().split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException("'" + text + "' is not '<days> <HH:MM-HH:MM>'");
            }
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (String day : parts[0].split(",")) {
                days.add(day(day).orElseThrow(() -> new IllegalArgumentException("'" + day + "' is not a day (Mon … Sun)")));
            }
            return hours(parts[1]).map(h -> new Window(days, h.start(), h.end(), h.midnight()))
                    .orElseThrow(() -> new IllegalArgumentException("'" + parts[1] + "' is not HH:MM-HH:MM"));
        }
    }

    /** A day name: {@code Mon}, {@code monday}, {@code MON}. */
    static Optional<DayOfWeek> day(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (t.length() >= 3 && d.name().startsWith(t) && (t.length() == 3 || t.equals(d.name()))) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    record Hours(LocalTime start, LocalTime end, boolean midnight) {
    }

    /** {@code HH:MM-HH:MM}; the end may be {@code 24:00}; empty when it does not read or ends before it starts. */
    static Optional<Hours> hours(String text) {
        String[] range = text.strip().split("-");
        if (range.length != 2) {
            return Optional.empty();
        }
        try {
            LocalTime start = LocalTime.parse(range[0].strip());
            boolean midnight = range[1].strip().equals("24:00");
            LocalTime end = midnight ? LocalTime.MIDNIGHT : LocalTime.parse(range[1].strip());
            if (!midnight && !start.isBefore(end)) {
                return Optional.empty();
            }
            return Optional.of(new Hours(start, end, midnight));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The windows as the orchestrator's plan carries them (flat text), and back. */
    public List<String> windowTexts() {
        return windows.stream().map(Window::text).toList();
    }

    public List<String> blackoutTexts() {
        return blackoutDates.stream().map(LocalDate::toString).toList();
    }

    /** Rebuilds the windows from {@link #windowTexts()}, {@link #blackoutTexts()} and the zone id. */
    public static RolloutWindows parse(String zone, List<String> windows, List<String> blackoutDates) {
        try {
            List<Window> parsed = new ArrayList<>();
            for (String w : windows) {
                parsed.add(Window.parse(w));
            }
            SortedSet<LocalDate> dates = new TreeSet<>();
            for (String d : blackoutDates) {
                dates.add(LocalDate.parse(d));
            }
            return new RolloutWindows(ZoneId.of(zone), parsed, dates);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("rollout windows do not read: " + e.getMessage(), e);
        }
    }

    /**
     * {@code now} itself when a window is open at {@code now}, else the instant the next one opens; empty
     * when none opens within {@value #HORIZON_DAYS} days (blackout dates cover every window).
     */
    public Optional<Instant> nextOpening(Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        for (int d = 0; d <= HORIZON_DAYS; d++) {
            LocalDate date = today.plusDays(d);
            if (blackoutDates.contains(date)) {
                continue;
            }
            Instant best = null;
            for (Window w : windows) {
                if (!w.days().contains(date.getDayOfWeek())) {
                    continue;
                }
                Instant opens = ZonedDateTime.of(date, w.start(), zone).toInstant();
                Instant closes = w.endsAtMidnight() ? date.plusDays(1).atStartOfDay(zone).toInstant()
                        : ZonedDateTime.of(date, w.end(), zone).toInstant();
                if (!now.isBefore(closes)) {
                    continue;
                }
                Instant candidate = now.isAfter(opens) ? now : opens;
                if (best == null || candidate.isBefore(best)) {
                    best = candidate;
                }
            }
            if (best != null) {
                return Optional.of(best);
            }
        }
        return Optional.empty();
    }

    /** For people: {@code Mon,Tue 09:00-17:00; Sat 10:00-12:00 (Europe/Berlin), not on 2026-12-24}. */
    public String describe() {
        String text = String.join("; ", windowTexts()) + " (" + zone.getId() + ")";
        return blackoutDates.isEmpty() ? text : text + ", not on " + String.join(", ", blackoutTexts());
    }
}
