package org.openmargo.wfm.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * An operator API answer as plain Java values for the templates: objects as maps, arrays as lists, strings as
 * strings, numbers as their text, booleans as booleans and {@code null} as an empty string.
 */
final class JsonView {
    private JsonView() {
    }

    static Object plain(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> map(value.asJsonObject());
            case ARRAY -> list(value.asJsonArray());
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).toString();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> "";
        };
    }

    static Map<String, Object> map(JsonObject object) {
        Map<String, Object> map = new LinkedHashMap<>();
        object.forEach((k, v) -> map.put(k, plain(v)));
        return map;
    }

    static List<Object> list(JsonArray array) {
        List<Object> list = new ArrayList<>(array.size());
        array.forEach(v -> list.add(plain(v)));
        return list;
    }

    /** The objects of an array member, or none when it is absent or not an array of objects. */
    static List<JsonObject> objects(JsonObject object, String member) {
        JsonValue value = object.get(member);
        if (value == null || value.getValueType() != JsonValue.ValueType.ARRAY) {
            return List.of();
        }
        return value.asJsonArray().stream().filter(v -> v.getValueType() == JsonValue.ValueType.OBJECT)
                .map(JsonValue::asJsonObject).toList();
    }

    /** A member's text: a string as is, anything else as JSON, an absent member as {@code fallback}. */
    static String text(JsonObject object, String member, String fallback) {
        JsonValue value = object.get(member);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return fallback;
        }
        return value instanceof JsonString s ? s.getString() : value.toString();
    }
}
