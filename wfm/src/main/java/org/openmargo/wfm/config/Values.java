package org.openmargo.wfm.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import io.helidon.config.Config;

/** Typed, validated reads of configuration keys; every failure names the full key and what was expected. */
final class Values {
    private final Config root;
    private final String origin;

    Values(Config root, String origin) {
        this.root = root;
        this.origin = origin;
    }

    Optional<String> text(String key) {
        return root.get(key).asString().asOptional().map(String::trim).filter(s -> !s.isEmpty());
    }

    String text(String key, String fallback) {
        return text(key).orElse(fallback);
    }

    int integer(String key, int fallback, int min, int max) {
        Optional<String> raw = text(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < min || value > max) {
                throw fail(key, raw.get(), "an integer from " + min + " to " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw fail(key, raw.get(), "an integer from " + min + " to " + max);
        }
    }

    boolean bool(String key, boolean fallback) {
        Optional<String> raw = text(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        return switch (raw.get()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw fail(key, raw.get(), "true or false");
        };
    }

    Duration duration(String key, Duration fallback, Duration min, Duration max) {
        Optional<String> raw = text(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            Duration d = Duration.parse(raw.get());
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw fail(key, raw.get(), "an ISO-8601 duration from " + min + " to " + max);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw fail(key, raw.get(), "an ISO-8601 duration such as PT10S");
        }
    }

    double fraction(String key, double fallback) {
        Optional<String> raw = text(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(raw.get());
            if (!(value >= 0 && value <= 1)) {
                throw fail(key, raw.get(), "a number from 0 to 1");
            }
            return value;
        } catch (NumberFormatException e) {
            throw fail(key, raw.get(), "a number from 0 to 1");
        }
    }

    Optional<Path> path(String key, Path base) {
        return text(key).map(p -> base.resolve(p).normalize());
    }

    ConfigError fail(String key, String value, String expected) {
        return new ConfigError(origin + ": key '" + key + "': expected " + expected + " but got '" + value + "'");
    }
}
