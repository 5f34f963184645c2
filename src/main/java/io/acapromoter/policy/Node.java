package io.acapromoter.policy;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A position in the promotion file being read: the JSON/YAML node, its path for messages
 * ({@code targets[2].smoke[0].path}) and the shared error list. Reading never throws; every
 * problem is recorded so that all of them can be reported at once.
 */
final class Node {

    private final JsonNode node;
    private final String path;
    private final List<String> errors;

    Node(JsonNode node, String path, List<String> errors) {
        this.node = node;
        this.path = path;
        this.errors = errors;
    }

    String path() {
        return path;
    }

    int errorCount() {
        return errors.size();
    }

    void error(String message) {
        errors.add((path.isEmpty() ? "(root)" : path) + ": " + message);
    }

    Node child(String key) {
        JsonNode value = node == null ? null : node.get(key);
        return new Node(value == null || value.isNull() ? null : value, join(key), errors);
    }

    /** Whether this node holds a value. */
    boolean has() {
        return node != null;
    }

    boolean isList() {
        return node != null && node.isArray();
    }

    boolean has(String key) {
        return node != null && node.hasNonNull(key);
    }

    /** Records an error for each key not in {@code known}: a typo must not silently turn a check off. */
    void onlyKeys(Set<String> known) {
        if (node == null || !node.isObject()) {
            return;
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                String hint = known.stream().filter(k -> k.equalsIgnoreCase(name) || close(k, name)).findFirst()
                        .map(k -> " (did you mean '" + k + "'?)").orElse("");
                new Node(null, join(name), errors).error("unknown key" + hint);
            }
        }
    }

    boolean expectObject(boolean required) {
        if (node == null) {
            if (required) {
                error("is required");
            }
            return false;
        }
        if (!node.isObject()) {
            error("must be a mapping, found " + kind());
            return false;
        }
        return true;
    }

    Optional<String> string(boolean required) {
        if (node == null) {
            if (required) {
                error("is required");
            }
            return Optional.empty();
        }
        if (!node.isValueNode() || node.isBoolean()) {
            error("must be text, found " + kind());
            return Optional.empty();
        }
        String text = node.asText();
        if (text.isBlank()) {
            error("must not be empty");
            return Optional.empty();
        }
        return Optional.of(text);
    }

    Optional<Integer> integer(boolean required, int min, int max) {
        if (node == null) {
            if (required) {
                error("is required");
            }
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            error("must be a whole number, found " + kind());
            return Optional.empty();
        }
        int value = node.asInt();
        if (value < min || value > max) {
            error("must be between " + min + " and " + max + ", found " + value);
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** A percentage: a number ({@code 5}, {@code 0.5}) or the same with a percent sign ({@code '5%'}). */
    Optional<Double> percent(boolean required, double min, double max) {
        if (node == null) {
            if (required) {
                error("is required");
            }
            return Optional.empty();
        }
        double value;
        if (node.isNumber()) {
            value = node.asDouble();
        } else if (node.isTextual() && node.asText().strip().matches("\\d{1,3}(\\.\\d{1,4})?\\s*%?")) {
            value = Double.parseDouble(node.asText().strip().replace("%", "").strip());
        } else {
            error("must be a percentage such as 5 or '0.5%', found " + kind());
            return Optional.empty();
        }
        if (!(value >= min && value <= max)) {
            error("must be between " + min + "% and " + max + "%, found " + node.asText());
            return Optional.empty();
        }
        return Optional.of(value);
    }

    Optional<Boolean> bool() {
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            error("must be true or false, found " + kind());
            return Optional.empty();
        }
        return Optional.of(node.asBoolean());
    }

    Optional<Duration> duration(boolean required, Duration min, Duration max) {
        return string(required).flatMap(text -> {
            try {
                Duration d = Durations.parse(text);
                if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                    error("must be between " + min + " and " + max + ", found " + d);
                    return Optional.empty();
                }
                return Optional.of(d);
            } catch (IllegalArgumentException e) {
                error(e.getMessage());
                return Optional.empty();
            } catch (ArithmeticException e) {
                error("'" + text + "' is too long a duration");
                return Optional.empty();
            }
        });
    }

    <E extends Enum<E>> Optional<E> choice(boolean required, E[] values, Function<E, String> key) {
        return string(required).flatMap(text -> {
            for (E value : values) {
                if (key.apply(value).equals(text)) {
                    return Optional.of(value);
                }
            }
            List<String> allowed = new ArrayList<>();
            for (E value : values) {
                allowed.add(key.apply(value));
            }
            error("must be one of " + String.join(", ", allowed) + ", found '" + text + "'");
            return Optional.empty();
        });
    }

    /** The elements of a list; a missing list is empty, anything else is an error. */
    List<Node> items(boolean required) {
        List<Node> out = new ArrayList<>();
        if (node == null) {
            if (required) {
                error("is required");
            }
            return out;
        }
        if (!node.isArray()) {
            error("must be a list, found " + kind());
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            out.add(new Node(item == null || item.isNull() ? null : item, path + "[" + i + "]", errors));
        }
        return out;
    }

    /** The entries of a mapping of text values. */
    List<String[]> textEntries() {
        List<String[]> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!node.isObject()) {
            error("must be a mapping, found " + kind());
            return out;
        }
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                new Node(e.getValue(), join(e.getKey()), errors).error("must be text");
            } else {
                out.add(new String[] {e.getKey(), e.getValue().asText()});
            }
        });
        return out;
    }

    private String kind() {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isBoolean()) {
            return "true/false";
        }
        if (node.isNumber()) {
            return "a number";
        }
        return "'" + node.asText() + "'";
    }

    private String join(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static boolean close(String a, String b) {
        return Math.abs(a.length() - b.length()) <= 1
                && (a.startsWith(b) || b.startsWith(a) || a.regionMatches(true, 0, b, 0, Math.min(a.length(), b.length()) - 1));
    }
}
