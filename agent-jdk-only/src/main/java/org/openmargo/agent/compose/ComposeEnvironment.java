package org.openmargo.agent.compose;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonArray;
import org.openmargo.agent.json.JsonBool;
import org.openmargo.agent.json.JsonNull;
import org.openmargo.agent.json.JsonNumber;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonString;
import org.openmargo.agent.json.JsonValue;

/**
 * Turns parameter values into environment variables for {@code docker compose} (digest f.1: "each pointer is an
 * environment-variable name"). A string is passed as is, a number as its JSON text ({@code 8080}, {@code 0.5}), a
 * boolean as {@code true} or {@code false}, an array (or object) as compact JSON text ({@code ["a",1]}), and
 * {@code null} as the empty string.
 */
final class ComposeEnvironment {
    private final Map<String, String> variables = new LinkedHashMap<>();

    /**
     * Adds {@code values}; returns the first pointer that already has a different value, if any. Compose
     * interpolates one environment into every file of a project, so one name cannot carry two values.
     */
    Optional<String> add(Map<String, JsonValue> values) {
        for (Map.Entry<String, JsonValue> entry : values.entrySet()) {
            String text = text(entry.getValue());
            String before = variables.putIfAbsent(entry.getKey(), text);
            if (before != null && !before.equals(text)) {
                return Optional.of(entry.getKey());
            }
        }
        return Optional.empty();
    }

    Map<String, String> variables() {
        return Map.copyOf(variables);
    }

    static String text(JsonValue value) {
        return switch (value) {
            case JsonString s -> s.value();
            case JsonNumber n -> n.text();
            case JsonBool b -> Boolean.toString(b.value());
            case JsonNull ignored -> "";
            case JsonArray a -> Json.write(a);
            case JsonObject o -> Json.write(o);
        };
    }
}
