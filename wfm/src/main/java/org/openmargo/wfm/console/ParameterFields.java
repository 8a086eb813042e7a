package org.openmargo.wfm.console;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.helidon.common.parameters.Parameters;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * One form field per parameter of an application version, from its {@code parameters} (defaults) and its
 * {@code configuration} (each setting's name and description, and the schema's data type and limits as HTML
 * constraints: a hint for the browser only, the catalogue validates the values and its messages are shown). Fields
 * post as {@code param:NAME} with {@code kind:NAME} ({@code string}, {@code integer}, {@code double},
 * {@code boolean} or {@code json} for arrays), which {@link #values} turns back into typed JSON. A Select setting
 * (schema {@code options}) is a drop-down, or checkboxes when it is a multiselect.
 */
final class ParameterFields {
    static final String PREFIX = "param:";
    private static final String KIND = "kind:";

    private ParameterFields() {
    }

    /** The fields of the version the catalogue answered ({@code GET /operator/v1/apps/{a}/versions/{v}}). */
    static List<Map<String, Object>> of(JsonObject version) {
        Map<String, JsonObject> settings = new HashMap<>();
        Map<String, JsonObject> schemas = new HashMap<>();
        if (version.get("configuration") instanceof JsonObject configuration) {
            for (JsonObject section : JsonView.objects(configuration, "sections")) {
                JsonView.objects(section, "settings").forEach(s -> settings.put(s.getString("parameter", ""), s));
            }
            JsonView.objects(configuration, "schema").forEach(s -> schemas.put(s.getString("name", ""), s));
        }
        List<Map<String, Object>> fields = new ArrayList<>();
        if (version.get("parameters") instanceof JsonObject parameters) {
            parameters.forEach((name, value) -> {
                JsonObject parameter = value instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
                JsonObject setting = settings.getOrDefault(name, JsonValue.EMPTY_JSON_OBJECT);
                JsonObject schema = schemas.getOrDefault(setting.getString("schema", ""), JsonValue.EMPTY_JSON_OBJECT);
                fields.add(field(name, parameter.get("value"), setting, schema));
            });
        }
        return fields;
    }

    private static Map<String, Object> field(String name, JsonValue value, JsonObject setting, JsonObject schema) {
        String dataType = schema.getString("dataType", "string");
        String kind = dataType.startsWith("array") ? "json" : dataType;
        Map<String, Object> field = new HashMap<>();
        if (schema.get("options") instanceof JsonArray options) {
            select(field, "param-" + name.replaceAll("[^A-Za-z0-9_-]", "_"), dataType, schema, options, value);
            kind = (String) field.get("kind");
        }
        field.put("name", name);
        field.put("id", "param-" + name.replaceAll("[^A-Za-z0-9_-]", "_"));
        field.put("label", setting.getString("name", name));
        field.put("description", setting.getString("description", ""));
        field.put("kind", kind);
        field.putIfAbsent("select", false);
        field.putIfAbsent("multiselect", false);
        field.put("value", value == null ? "" : value instanceof JsonString s ? s.getString() : value.toString());
        field.put("number", kind.equals("integer") || kind.equals("double"));
        field.put("step", kind.equals("integer") ? "1" : "any");
        field.put("boolean", kind.equals("boolean"));
        field.put("checked", value == JsonValue.TRUE);
        field.put("required", !schema.getBoolean("allowEmpty", false) && !kind.equals("boolean"));
        for (String limit : new String[] {"minLength", "maxLength", "minValue", "maxValue"}) {
            if (schema.get(limit) != null) {
                field.put(limit, schema.get(limit).toString());
            }
        }
        return field;
    }

    /**
     * A Select setting (the schema has {@code options}): a drop-down of its options (with an empty choice when
     * {@code allowEmpty}), or, when {@code multiselect}, one checkbox per option; kind {@code multi:ELEMENT} posts
     * the checked options, typed as the element type, as one array (an empty one when none is checked).
     */
    private static void select(Map<String, Object> field, String id, String dataType, JsonObject schema, JsonArray options,
                               JsonValue value) {
        boolean multi = schema.getBoolean("multiselect", false);
        String element = dataType.startsWith("array[") && dataType.endsWith("]")
                ? dataType.substring("array[".length(), dataType.length() - 1) : dataType;
        List<String> chosen = new ArrayList<>();
        if (multi && value instanceof JsonArray array) {
            array.forEach(v -> chosen.add(text(v)));
        } else if (value != null && value != JsonValue.NULL) {
            chosen.add(text(value));
        }
        List<Map<String, Object>> choices = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            String option = text(options.get(i));
            choices.add(Map.of("option", option, "chosen", chosen.contains(option),
                    "optionId", id + "-" + i));
        }
        field.put("select", !multi);
        field.put("multiselect", multi);
        field.put("options", choices);
        field.put("allowEmpty", schema.getBoolean("allowEmpty", false));
        field.put("kind", multi ? "multi:" + element : element);
    }

    private static String text(JsonValue v) {
        return v instanceof JsonString s ? s.getString() : v.toString();
    }

    /** The typed values of the posted fields; a value that is not of its kind is sent as text for the API to judge. */
    static JsonObjectBuilder values(Parameters form) {
        JsonObjectBuilder values = Json.createObjectBuilder();
        for (String key : form.names()) {
            if (key.startsWith(KIND) && form.first(key).orElse("").startsWith("multi:")) {
                String name = key.substring(KIND.length());
                String element = form.first(key).orElse("").substring("multi:".length());
                JsonArrayBuilder array = Json.createArrayBuilder();
                form.all(PREFIX + name, List::of).forEach(t -> array.add(typed(element, t)));
                values.add(name, array);
                continue;
            }
            if (!key.startsWith(PREFIX) || form.first(KIND + key.substring(PREFIX.length())).orElse("")
                    .startsWith("multi:")) {
                continue;
            }
            String name = key.substring(PREFIX.length());
            String text = form.first(key).orElse("");
            values.add(name, typed(form.first(KIND + name).orElse("string"), text));
        }
        return values;
    }

    private static JsonValue typed(String kind, String text) {
        try {
            return switch (kind) {
                case "integer", "double" -> Json.createValue(new BigDecimal(text.strip()));
                case "boolean" -> text.equals("true") ? JsonValue.TRUE : JsonValue.FALSE;
                case "json" -> {
                    try (JsonReader reader = Json.createReader(new StringReader(text))) {
                        yield reader.readValue();
                    }
                }
                default -> Json.createValue(text);
            };
        } catch (NumberFormatException | JsonException e) {
            return Json.createValue(text);
        }
    }
}
