package org.openmargo.wfm.console;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;

/**
 * The waves of a rollout as an operator types them in the form: comma-separated cumulative reaches, each a device
 * count ({@code 1}) or a percentage ({@code 50%}), for example {@code 1, 50%, 100%}. The operator API checks the
 * values themselves; this only turns the text into its JSON form.
 */
final class Waves {
    private static final Pattern WAVE = Pattern.compile("\\s*([0-9]{1,6})\\s*(%?)\\s*");

    private Waves() {
    }

    /** The waves as the operator API's {@code waves} array, or empty when the text is not of that form. */
    static Optional<JsonArray> parse(String text) {
        JsonArrayBuilder waves = Json.createArrayBuilder();
        String[] parts = text.split(",", -1);
        if (text.isBlank() || parts.length > 20) {
            return Optional.empty();
        }
        for (String part : parts) {
            Matcher m = WAVE.matcher(part);
            if (!m.matches()) {
                return Optional.empty();
            }
            int n = Integer.parseInt(m.group(1));
            waves.add(Json.createObjectBuilder().add(m.group(2).isEmpty() ? "devices" : "percent", n));
        }
        return Optional.of(waves.build());
    }
}
