package io.acapromoter.events;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * Builds a JSON tree from a streaming parser (JSON or YAML) without an {@code ObjectMapper}: the
 * same nodes {@code ObjectMapper.readTree} makes (int / long / big integer, double, text, boolean,
 * null, binary), read from the first value only, as {@code readTree} does. An {@code ObjectMapper}
 * loads and initialises some 400 classes of Jackson's data binding on first use, which is most of a
 * cold worker's time to its first intake decision; the tree nodes alone are a few dozen.
 */
public final class JsonTrees {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTrees() {
    }

    /**
     * The first value of {@code parser} as a tree, or null when there is none (empty input). With
     * {@code refuseDuplicateKeys} a key repeated in one object is an error at its location; without,
     * the last value wins. The parser is closed.
     */
    public static JsonNode read(JsonParser parser, boolean refuseDuplicateKeys) throws IOException {
        try (parser) {
            JsonToken first = parser.nextToken();
            return first == null ? null : value(parser, first, refuseDuplicateKeys);
        }
    }

    private static JsonNode value(JsonParser p, JsonToken token, boolean refuseDuplicates) throws IOException {
        switch (token) {
            case START_OBJECT:
                ObjectNode object = NODES.objectNode();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                    if (t != JsonToken.FIELD_NAME) {
                        throw new JsonParseException(p, "expected a field name, found " + t);
                    }
                    String name = p.currentName();
                    JsonNode child = value(p, p.nextToken(), refuseDuplicates);
                    if (object.replace(name, child) != null && refuseDuplicates) {
                        throw new JsonParseException(p, "Duplicate field '" + name + "'");
                    }
                }
                return object;
            case START_ARRAY:
                ArrayNode array = NODES.arrayNode();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    array.add(value(p, t, refuseDuplicates));
                }
                return array;
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                return p.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
                        ? NODES.numberNode(p.getDecimalValue()) : NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            case VALUE_EMBEDDED_OBJECT:
                Object embedded = p.getEmbeddedObject();
                return embedded instanceof byte[] bytes ? NODES.binaryNode(bytes)
                        : embedded == null ? NODES.nullNode() : NODES.pojoNode(embedded);
            default:
                throw new JsonParseException(p, "unexpected " + token);
        }
    }
}
