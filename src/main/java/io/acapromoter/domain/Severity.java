package io.acapromoter.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Vulnerability severity as Defender for Cloud reports it, ordered from least to most severe. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    public boolean atLeast(Severity threshold) {
        return compareTo(threshold) >= 0;
    }

    /** Case-insensitive; empty for values Defender may send that carry no rank (e.g. "Unknown"). */
    public static Optional<Severity> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.name().equals(wanted)).findFirst();
    }
}
