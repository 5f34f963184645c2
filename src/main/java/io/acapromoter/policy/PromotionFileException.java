package io.acapromoter.policy;

import java.util.List;

/** The promotion file is invalid; {@link #errors()} lists every problem as {@code path: message}. */
public final class PromotionFileException extends RuntimeException {

    private final String source;
    private final List<String> errors;

    public PromotionFileException(String source, List<String> errors) {
        super("promotion file " + source + " is invalid (" + errors.size() + " error"
                + (errors.size() == 1 ? "" : "s") + "):\n  " + String.join("\n  ", errors));
        this.source = source;
        this.errors = List.copyOf(errors);
    }

    public String source() {
        return source;
    }

    public List<String> errors() {
        return errors;
    }
}
