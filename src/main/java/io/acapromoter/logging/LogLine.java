package io.acapromoter.logging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One log line per event with fixed keys ({@code event promotion target digest phase revision
 * outcome reason}), written as {@code key=value} so Application Insights queries can parse it.
 * Values with spaces or quotes are quoted. Never put tokens, keys, webhook URLs or links here.
 */
public final class LogLine {

    private final Map<String, String> fields = new LinkedHashMap<>();

    private LogLine(String event) {
        fields.put("event", event);
    }

    public static LogLine of(String event) {
        return new LogLine(event);
    }

    public LogLine with(String key, Object value) {
        if (value != null) {
            fields.put(key, String.valueOf(value));
        }
        return this;
    }

    /**
     * What went wrong, for a {@code reason} field: the exception's type and the first line of its
     * message, every URL cut down to its host (webhook secrets, SAS tokens and keys travel in paths
     * and queries).
     */
    public static String problem(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        String redacted = URL_AFTER_HOST.matcher(message).replaceAll("$1$2/…");
        return e.getClass().getSimpleName() + (redacted.isBlank() ? "" : ": " + redacted);
    }

    private static final Pattern URL_AFTER_HOST = Pattern.compile("(https?://)(?:[^/\\s@]*@)?([^/\\s?#\"':]+)[^\\s\"']*");

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(e.getKey()).append('=').append(quote(e.getValue()));
        }
        return out.toString();
    }

    static String quote(String value) {
        String clean = value.replaceAll("\\p{Cntrl}", " ");
        if (!clean.isEmpty() && clean.chars().noneMatch(c -> c == ' ' || c == '"' || c == '=')) {
            return clean;
        }
        return '"' + clean.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
