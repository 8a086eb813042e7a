package org.openmargo.wfm.console;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.helidon.common.parameters.Parameters;
import jakarta.json.Json;
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
 * {@code boolean} or {@code json} for arrays), which {@link #values} turns back into typed JSON.
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
        field.put("name", name);
        field.put("id", "param-" + name.replaceAll("[^A-Za-z0-9_-]", "_"));
        field.put("label", setting.getString("name", name));
        field.put("description", setting.getString("description", ""));
        field.put("kind", kind);
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

    /** The typed values of the posted fields; a value that is not of its kind is sent as text for the API to judge. */
    static JsonObjectBuilder values(Parameters form) {
        JsonObjectBuilder values = Json.createObjectBuilder();
        for (String key : form.names()) {
            if (!key.startsWith(PREFIX)) {
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
