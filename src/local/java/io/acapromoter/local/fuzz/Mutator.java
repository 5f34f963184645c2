package io.acapromoter.local.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Hostile variations of a valid payload, from one seeded {@link Random}: type confusion at any field
 * ({@code []}, {@code [[]]}, {@code [{}]}, numbers, booleans, null), removed and duplicated fields,
 * huge and deeply nested values, odd unicode, batches, and text-level damage (truncation, stray
 * bytes, duplicate keys). The same seed gives the same cases.
 */
final class Mutator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] UNICODE = {"\u0000", "\u202e", "\ud800", "\udfff", "😀", "e\u0301", "\uFEFF",
            "\u2028", "../../", "<script>", "' OR 1=1 --", "%00", "\\u0000"};

    private final Random random;

    Mutator(long seed) {
        this.random = new Random(seed);
    }

    /** One case: a description (for reports) and the body to deliver. */
    record Case(String description, String body) {
    }

    Case mutate(String seedName, JsonNode seed) {
        int kind = random.nextInt(100);
        if (kind < 55) {
            JsonNode copy = seed.deepCopy();
            int edits = 1 + random.nextInt(3);
            StringBuilder what = new StringBuilder(seedName);
            for (int i = 0; i < edits; i++) {
                what.append("; ").append(editTree(copy));
            }
            return new Case(what.toString(), copy.toString());
        }
        if (kind < 70) {
            return batch(seedName, seed);
        }
        String text = seed.toString();
        if (kind < 80) {
            int at = random.nextInt(text.length() + 1);
            return new Case(seedName + "; truncated at " + at, text.substring(0, at));
        }
        if (kind < 87) {
            int at = random.nextInt(text.length() + 1);
            char c = (char) random.nextInt(0x80);
            return new Case(seedName + "; byte " + (int) c + " inserted at " + at, text.substring(0, at) + c + text.substring(at));
        }
        if (kind < 93) {
            int at = text.indexOf("\"", 1);
            return new Case(seedName + "; duplicate key", at < 0 ? text : text.replaceFirst("\\{\"", "{\"id\":\"dup\",\""));
        }
        int depth = 10 + random.nextInt(5000);
        return new Case(seedName + "; nested " + depth + " deep", "[".repeat(depth) + text + "]".repeat(depth));
    }

    private Case batch(String seedName, JsonNode seed) {
        ArrayNode array = NODES.arrayNode();
        int size = 1 + random.nextInt(random.nextInt(10) == 0 ? 200 : 6);
        for (int i = 0; i < size; i++) {
            JsonNode element = seed.isArray() && !seed.isEmpty() ? seed.get(0).deepCopy() : seed.deepCopy();
            if (random.nextBoolean()) {
                editTree(element);
            }
            array.add(element);
        }
        return new Case(seedName + "; batch of " + size, array.toString());
    }

    /** Changes one node of {@code root} in place; returns what it did. */
    private String editTree(JsonNode root) {
        List<Slot> slots = new ArrayList<>();
        collect(root, "", slots);
        if (slots.isEmpty()) {
            return "nothing to edit";
        }
        Slot slot = slots.get(random.nextInt(slots.size()));
        int op = random.nextInt(10);
        if (op == 0 && slot.parent instanceof ObjectNode object) {
            object.remove(slot.key);
            return "removed " + slot.path;
        }
        JsonNode value = hostileValue(slot.current);
        if (slot.parent instanceof ObjectNode object) {
            object.set(slot.key, value);
        } else if (slot.parent instanceof ArrayNode array) {
            array.set(slot.index, value);
        }
        String shown = value.toString();
        return slot.path + " = " + (shown.length() > 40 ? shown.substring(0, 40) + "…(" + shown.length() + ")" : shown);
    }

    private JsonNode hostileValue(JsonNode current) {
        return switch (random.nextInt(16)) {
            case 0 -> NODES.arrayNode();
            case 1 -> NODES.arrayNode().add(NODES.arrayNode());
            case 2 -> NODES.arrayNode().add(NODES.objectNode());
            case 3 -> NODES.objectNode();
            case 4 -> NODES.numberNode(random.nextLong());
            case 5 -> NODES.numberNode(random.nextBoolean() ? 1e308 : -0.0);
            case 6 -> NODES.booleanNode(random.nextBoolean());
            case 7 -> NODES.nullNode();
            case 8 -> NODES.textNode("");
            case 9 -> NODES.textNode("x".repeat(1 + random.nextInt(random.nextBoolean() ? 2000 : 200_000)));
            case 10 -> NODES.textNode(UNICODE[random.nextInt(UNICODE.length)]);
            case 11 -> current.isTextual() ? NODES.textNode(current.asText() + UNICODE[random.nextInt(UNICODE.length)])
                    : NODES.textNode(current.toString());
            case 12 -> {
                JsonNode deep = NODES.textNode("bottom");
                for (int i = 0; i < 1 + random.nextInt(60); i++) {
                    deep = random.nextBoolean() ? NODES.arrayNode().add(deep) : NODES.objectNode().set("a", deep);
                }
                yield deep;
            }
            case 13 -> current.isTextual() && current.asText().length() > 1
                    ? NODES.textNode(current.asText().substring(0, random.nextInt(current.asText().length())))
                    : NODES.textNode("sha256:" + "0".repeat(random.nextInt(80)));
            case 14 -> NODES.textNode(current.isTextual() ? current.asText().toUpperCase() + " " : " ");
            default -> current.deepCopy();
        };
    }

    private record Slot(JsonNode parent, String key, int index, String path, JsonNode current) {
    }

    private static void collect(JsonNode node, String path, List<Slot> out) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                out.add(new Slot(object, e.getKey(), -1, p, e.getValue()));
                collect(e.getValue(), p, out);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String p = path + "[" + i + "]";
                out.add(new Slot(array, null, i, p, array.get(i)));
                collect(array.get(i), p, out);
            }
        }
    }

    static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("fuzz seed is not JSON", e);
        }
    }
}
