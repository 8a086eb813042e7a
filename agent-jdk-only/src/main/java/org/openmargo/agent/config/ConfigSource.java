package org.openmargo.agent.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the line-based file format and applies environment overrides, producing one {@link Setting} per key.
 *
 * <p>Format: one {@code key = value} per line; the first {@code =} separates key and value and both are trimmed.
 * Lines whose first non-blank character is {@code #} are comments; blank lines are ignored. There are no inline
 * comments ({@code #} inside a value is part of it), no quoting and no continuation lines. A key may appear once.
 * Unknown keys are errors, with a suggestion for near misses.
 */
final class ConfigSource {
    private final String name;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Setting> settings = new LinkedHashMap<>();
    private final Map<String, Setting> labels = new TreeMap<>();

    private ConfigSource(String name) {
        this.name = name;
    }

    /** Resolves {@code text} (the file named {@code name}) and {@code environment}; problems are collected. */
    static ConfigSource resolve(String name, String text, Map<String, String> environment) {
        ConfigSource source = new ConfigSource(name);
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            source.readLine(lines[i], i + 1);
        }
        source.applyEnvironment(environment);
        source.applyDefaults();
        return source;
    }

    String name() {
        return name;
    }

    List<String> problems() {
        return problems;
    }

    Setting setting(ConfigKey key) {
        return settings.get(key.key());
    }

    /** The {@code device.labels.<name>} settings, sorted by label name. */
    Map<String, Setting> labels() {
        return labels;
    }

    private void readLine(String line, int number) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return;
        }
        String origin = name + ":" + number;
        int equals = trimmed.indexOf('=');
        if (equals <= 0) {
            problems.add(origin + ": expected 'key = value' but got '" + trimmed + "'");
            return;
        }
        String key = trimmed.substring(0, equals).strip();
        Setting setting = new Setting(key, trimmed.substring(equals + 1).strip(), origin);
        if (key.startsWith(ConfigKey.LABEL_PREFIX) && key.length() > ConfigKey.LABEL_PREFIX.length()) {
            put(labels, key.substring(ConfigKey.LABEL_PREFIX.length()), setting);
        } else if (ConfigKey.byKey(key).isPresent()) {
            put(settings, key, setting);
        } else {
            problems.add(setting.problem("unknown key" + suggestion(key, keyNames())));
        }
    }

    private void put(Map<String, Setting> target, String name, Setting setting) {
        Setting earlier = target.putIfAbsent(name, setting);
        if (earlier != null) {
            problems.add(setting.problem("set twice (first at " + earlier.origin() + ")"));
        }
    }

    private void applyEnvironment(Map<String, String> environment) {
        new TreeMap<>(environment).forEach((variable, value) -> {
            if (!variable.startsWith(ConfigKey.ENVIRONMENT_PREFIX)) {
                return;
            }
            Optional<ConfigKey> key = ConfigKey.byEnvironmentName(variable);
            if (key.isPresent()) {
                settings.put(key.get().key(), new Setting(key.get().key(), value.strip(), "environment " + variable));
            } else {
                problems.add("environment " + variable + ": unknown variable"
                        + suggestion(variable, Arrays.stream(ConfigKey.values()).map(ConfigKey::environmentName).toList())
                        + (variable.startsWith(ConfigKey.environmentName(ConfigKey.LABEL_PREFIX))
                        ? " (labels can only be set in the file)" : ""));
            }
        });
    }

    private void applyDefaults() {
        Map<String, Setting> ordered = new LinkedHashMap<>();
        for (ConfigKey key : ConfigKey.values()) {
            Setting given = settings.get(key.key());
            ordered.put(key.key(), given != null ? given : new Setting(key.key(), key.defaultValue(), name));
        }
        settings.clear();
        settings.putAll(ordered);
    }

    private static List<String> keyNames() {
        return Arrays.stream(ConfigKey.values()).map(ConfigKey::key).toList();
    }

    /** {@code "; did you mean poll.rate?"} for the closest candidate within a few edits, else nothing. */
    static String suggestion(String given, List<String> candidates) {
        return candidates.stream()
                .min(Comparator.comparingInt(candidate -> distance(given, candidate)))
                .filter(best -> distance(given, best) <= Math.max(2, given.length() / 5))
                .map(best -> "; did you mean " + best + "?")
                .orElse("");
    }

    /** Levenshtein distance, case-insensitive. */
    static int distance(String a, String b) {
        String x = a.toLowerCase(java.util.Locale.ROOT);
        String y = b.toLowerCase(java.util.Locale.ROOT);
        int[] previous = new int[y.length() + 1];
        int[] current = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int substitution = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[y.length()];
    }
}
