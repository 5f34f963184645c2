package io.acapromoter.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * An approver's decision. Its wire word ({@link #wire()}, also {@link #toString()}) is the
 * lower-case word used in links, forms, the audit trail and payloads written before the type
 * existed; payloads now carry the constant's name. Gson reads either (it matches
 * {@code toString()}), the orchestrator's and status readers take either case.
 */
public enum Decision {
    APPROVE, REJECT;

    /** {@code approve} or {@code reject}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wire();
    }

    /** The decision a link or form names by its wire word exactly; anything else is empty. */
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
