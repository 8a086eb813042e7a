package org.openmargo.wfm.catalogue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Converts between the plain YAML trees of the description reader (maps, lists, strings, {@link BigInteger},
 * {@link BigDecimal}, booleans, {@code null}) and JSON values, without losing a digit: integers stay integers, a
 * decimal keeps the digits it was written with.
 */
final class JsonTree {
    private JsonTree() {
    }

    /** The JSON value of a YAML tree node. */
    static JsonValue json(Object yaml) {
        return switch (yaml) {
            case null -> JsonValue.NULL;
            case String s -> Json.createValue(s);
            case BigInteger i -> Json.createValue(i);
            case BigDecimal d -> Json.createValue(d);
            case Boolean b -> b ? JsonValue.TRUE : JsonValue.FALSE;
            case List<?> list -> {
                JsonArrayBuilder array = Json.createArrayBuilder();
                list.forEach(item -> array.add(json(item)));
                yield array.build();
            }
            case Map<?, ?> map -> {
                JsonObjectBuilder object = Json.createObjectBuilder();
                map.forEach((k, v) -> object.add(String.valueOf(k), json(v)));
                yield object.build();
            }
            default -> throw new IllegalArgumentException("not a YAML tree node: " + yaml.getClass());
        };
    }

    /**
     * The YAML tree node of a parameter value: a string, number or boolean, or an array of them.
     *
     * @throws IllegalArgumentException for {@code null} or an object, which parameter values never are
     */
    static Object yaml(JsonValue json) {
        return switch (json) {
            case JsonString s -> s.getString();
            case JsonNumber n -> n.isIntegral() ? n.bigIntegerValue() : n.bigDecimalValue();
            case JsonArray a -> {
                List<Object> list = new ArrayList<>();
                a.forEach(item -> list.add(yaml(item)));
                yield list;
            }
            default -> {
                if (json == JsonValue.TRUE || json == JsonValue.FALSE) {
                    yield json == JsonValue.TRUE;
                }
                throw new IllegalArgumentException("a parameter value is never " + json.getValueType());
            }
        };
    }

    /** Whether {@code value} could be a parameter value at all: a scalar, or an array of scalars. */
    static boolean parameterShaped(JsonValue value) {
        return scalar(value) || value instanceof JsonArray a && a.stream().allMatch(JsonTree::scalar);
    }

    private static boolean scalar(JsonValue value) {
        return value instanceof JsonString || value instanceof JsonNumber || value == JsonValue.TRUE
                || value == JsonValue.FALSE;
    }
}
