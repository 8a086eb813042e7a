package org.openmargo.wfm.fleet;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The labels a {@link Selector} sees for one device: the root {@code labels} of the device's last capabilities
 * (Margo rc.3 DeviceCapabilitiesManifest), overlaid with the operator-assigned labels of its client. On a name clash
 * the operator's label wins: the operator can always correct what a device says about itself.
 *
 * <p>Capabilities values become strings: a string as is, a number as its JSON text, a boolean as {@code true} or
 * {@code false}, an array as its items' texts joined with {@code ,}. Stateless.
 */
public final class DeviceLabels {
    private DeviceLabels() {
    }

    /**
     * @param capabilities the stored capabilities bytes (already validated when stored); anything unreadable gives
     *                     no device labels
     * @param operator     the client's operator-assigned labels
     */
    public static Map<String, String> of(byte[] capabilities, Map<String, String> operator) {
        Map<String, String> out = new TreeMap<>(reported(capabilities));
        out.putAll(operator);
        return out;
    }

    static Map<String, String> reported(byte[] capabilities) {
        Map<String, String> out = new TreeMap<>();
        if (capabilities == null || capabilities.length == 0) {
            return out;
        }
        JsonObject root;
        try (JsonReader reader = Json.createReader(new StringReader(
                new String(capabilities, StandardCharsets.UTF_8)))) {
            root = reader.readObject();
        } catch (RuntimeException e) {
            return out;
        }
        if (root.get("labels") instanceof JsonObject labels) {
            labels.forEach((name, value) -> out.put(name, text(value)));
        }
        return out;
    }

    private static String text(JsonValue value) {
        return switch (value) {
            case JsonString s -> s.getString();
            case JsonArray a -> a.stream().map(DeviceLabels::text).collect(Collectors.joining(","));
            default -> value.toString();
        };
    }
}
