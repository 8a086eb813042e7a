package org.openmargo.agent.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns settings into typed values. Every failure becomes one problem of the form
 * {@code origin: key: expected X but got 'value'} and an empty result, so reading goes on and all problems are
 * reported together.
 */
final class ValueReader {
    private final ConfigSource source;
    private final Path baseDir;

    ValueReader(ConfigSource source, Path baseDir) {
        this.source = source;
        this.baseDir = baseDir;
    }

    void problem(ConfigKey key, String reason) {
        source.problems().add(source.setting(key).problem(reason));
    }

    /** The raw value; a required key that is empty is a problem. */
    Optional<String> text(ConfigKey key) {
        String value = source.setting(key).value();
        if (value.isEmpty()) {
            if (key.required()) {
                problem(key, "required but not set");
            }
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** Parses the value; {@code parse} signals a bad value by throwing {@link IllegalArgumentException}. */
    <T> Optional<T> read(ConfigKey key, Function<String, T> parse, String expected) {
        return text(key).flatMap(value -> parseOne(source.setting(key), value, parse, expected));
    }

    /** Parses a comma-separated list; an unset optional key is the empty list. */
    <T> Optional<List<T>> readList(ConfigKey key, Function<String, T> parse, String expected) {
        Optional<String> value = text(key);
        if (value.isEmpty()) {
            return key.required() ? Optional.empty() : Optional.of(List.of());
        }
        List<T> items = new ArrayList<>();
        boolean valid = true;
        for (String item : value.get().split(",", -1)) {
            Optional<T> parsed = parseOne(source.setting(key), item.strip(), parse, expected);
            parsed.ifPresent(items::add);
            valid &= parsed.isPresent();
        }
        return valid ? Optional.of(List.copyOf(items)) : Optional.empty();
    }

    private <T> Optional<T> parseOne(Setting setting, String value, Function<String, T> parse, String expected) {
        try {
            return Optional.of(parse.apply(value));
        } catch (IllegalArgumentException | DateTimeException e) {
            source.problems().add(setting.problem("expected " + expected + " but got '" + value + "'"));
            return Optional.empty();
        }
    }

    Optional<Duration> duration(ConfigKey key, Duration min, Duration max) {
        return read(key, value -> {
            Duration duration = Duration.parse(value);
            if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
                throw new IllegalArgumentException(value);
            }
            return duration;
        }, "an ISO-8601 duration such as PT5M from " + min + " to " + max);
    }

    Optional<Integer> integer(ConfigKey key, int min, int max) {
        return read(key, value -> {
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                throw new IllegalArgumentException(value);
            }
            return number;
        }, "a whole number from " + min + " to " + max);
    }

    Optional<Double> decimal(ConfigKey key, double min, double max) {
        return read(key, value -> {
            double number = Double.parseDouble(value);
            if (!(number >= min && number <= max)) {
                throw new IllegalArgumentException(value);
            }
            return number;
        }, "a number from " + min + " to " + max);
    }

    Optional<Boolean> bool(ConfigKey key) {
        return oneOf(key, Set.of("true", "false")).map(Boolean::parseBoolean);
    }

    Optional<String> oneOf(ConfigKey key, Set<String> allowed) {
        return read(key, value -> requireOneOf(value, allowed), "one of " + String.join("|", sorted(allowed)));
    }

    static String requireOneOf(String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException(value);
        }
        return value;
    }

    static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    Optional<URI> httpsUrl(ConfigKey key) {
        return read(key, value -> {
            URI uri = URI.create(value);
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException(value);
            }
            return uri;
        }, "an https URL such as https://wfm.example.com");
    }

    /** A path that must name a readable regular file. */
    Optional<Path> file(ConfigKey key) {
        return read(key, this::path, "a file path").flatMap(path -> {
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                problem(key, "expected a readable file but " + path + " is missing or unreadable");
                return Optional.empty();
            }
            return Optional.of(path);
        });
    }

    /**
     * A path for a file the agent will create: it need not exist, but its parent must not be a regular file and, if
     * the file exists, it must be a regular file.
     */
    Optional<Path> futureFile(ConfigKey key) {
        return read(key, this::path, "a file path").flatMap(path -> {
            if (Files.exists(path) && !Files.isRegularFile(path)) {
                problem(key, "expected a file but " + path + " is not one");
                return Optional.empty();
            }
            if (path.getParent() != null && Files.isRegularFile(path.getParent())) {
                problem(key, "expected a file path but " + path.getParent() + " is a file");
                return Optional.empty();
            }
            return Optional.of(path);
        });
    }

    /** A directory path; it need not exist yet, but if it does it must be a directory. */
    Optional<Path> directory(ConfigKey key) {
        return read(key, this::path, "a directory path").flatMap(path -> {
            if (Files.exists(path) && !Files.isDirectory(path)) {
                problem(key, "expected a directory but " + path + " is not one");
                return Optional.empty();
            }
            return Optional.of(path);
        });
    }

    private Path path(String value) {
        try {
            return baseDir.resolve(value).toAbsolutePath().normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException(value, e);
        }
    }
}
