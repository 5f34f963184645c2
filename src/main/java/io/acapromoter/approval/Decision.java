package io.acapromoter.approval;

import java.util.Locale;
import java.util.Optional;

/** What a link or a button asks for. Its wire form is the lower-case word used in events and tokens. */
public enum Decision {
    APPROVE, REJECT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Decision> parse(String text) {
        if ("approve".equals(text)) {
            return Optional.of(APPROVE);
        }
        if ("reject".equals(text)) {
            return Optional.of(REJECT);
        }
        return Optional.empty();
    }
}
