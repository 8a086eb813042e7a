package org.openmargo.wfm.catalogue;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.openmargo.wfm.json.Violations;

/**
 * One entry of a description's {@code configuration.schema} (Margo rc.3 f.2): the rules an operator's value for a
 * setting must meet. Read by {@link SchemaReader}; every rule is checked, every failure recorded with its path.
 *
 * <p>{@code allowEmpty} is read as its name says (the spec's sentence contradicts it): {@code false}, the default,
 * refuses the empty string and the empty array; {@code true} accepts them, and the empty string then skips the other
 * text rules (so an optional text may still have a {@code minLength} for when it is given).
 */
sealed interface ValueSchema {
    /** Longest text value accepted, in UTF-16 code units: what a deployment YAML scalar may hold. */
    int MAX_TEXT_LENGTH = 8192;

    /** Records every rule {@code value} breaks, under {@code path}. */
    void check(JsonValue value, String path, Violations v);

    /** The scalar types a {@code dataType} names. */
    enum Base {
        STRING, INTEGER, DOUBLE, BOOLEAN;

        /** Whether {@code value} is of this type (an integer is also a double). */
        boolean accepts(JsonValue value) {
            return switch (this) {
                case STRING -> value instanceof JsonString;
                case INTEGER -> value instanceof JsonNumber n && n.isIntegral();
                case DOUBLE -> value instanceof JsonNumber;
                case BOOLEAN -> value == JsonValue.TRUE || value == JsonValue.FALSE;
            };
        }

        String noun() {
            return switch (this) {
                case STRING -> "a string";
                case INTEGER -> "an integer";
                case DOUBLE -> "a number";
                case BOOLEAN -> "a boolean";
            };
        }
    }

    /** Text: {@code allowEmpty}, {@code minLength}, {@code maxLength} (in characters), {@code regexMatch}. */
    record Text(boolean allowEmpty, Optional<Integer> minLength, Optional<Integer> maxLength,
                Optional<Pattern> regexMatch) implements ValueSchema {
        @Override
        public void check(JsonValue value, String path, Violations v) {
            if (!(value instanceof JsonString s)) {
                v.add(path, "must be a string");
                return;
            }
            String text = s.getString();
            if (text.length() > MAX_TEXT_LENGTH) {
                v.add(path, "must be at most " + MAX_TEXT_LENGTH + " characters long");
                return;
            }
            if (text.isEmpty()) {
                if (!allowEmpty) {
                    v.add(path, "must not be empty");
                }
                return;
            }
            int length = text.codePointCount(0, text.length());
            minLength.filter(min -> length < min)
                    .ifPresent(min -> v.add(path, "must be at least " + min + " characters long"));
            maxLength.filter(max -> length > max)
                    .ifPresent(max -> v.add(path, "must be at most " + max + " characters long"));
            regexMatch.ifPresent(p -> {
                Optional<Boolean> found = BoundedRegex.find(p, text);
                if (found.isEmpty()) {
                    v.add(path, "could not be checked against regexMatch " + p.pattern() + " within "
                            + BoundedRegex.MAX_STEPS + " steps");
                } else if (!found.get()) {
                    v.add(path, "must match regexMatch " + p.pattern());
                }
            });
        }
    }

    /** Boolean: a YAML or JSON boolean, never the strings {@code "true"}/{@code "false"}. */
    record Bool() implements ValueSchema {
        @Override
        public void check(JsonValue value, String path, Violations v) {
            if (!Base.BOOLEAN.accepts(value)) {
                v.add(path, "must be a boolean");
            }
        }
    }

    /** Integer: {@code minValue}, {@code maxValue}, inclusive. */
    record Int(Optional<BigDecimal> minValue, Optional<BigDecimal> maxValue) implements ValueSchema {
        @Override
        public void check(JsonValue value, String path, Violations v) {
            if (!Base.INTEGER.accepts(value)) {
                v.add(path, "must be an integer");
                return;
            }
            range(((JsonNumber) value).bigDecimalValue(), minValue, maxValue, path, v);
        }
    }

    /**
     * Double: {@code minValue}, {@code maxValue} inclusive; {@code minPrecision}, {@code maxPrecision} bound the number
     * of digits written after the decimal point ({@code 2.50} has 2, {@code 3} and {@code 1e3} have 0).
     */
    record Decimal(Optional<BigDecimal> minValue, Optional<BigDecimal> maxValue, Optional<Integer> minPrecision,
                   Optional<Integer> maxPrecision) implements ValueSchema {
        @Override
        public void check(JsonValue value, String path, Violations v) {
            if (!Base.DOUBLE.accepts(value)) {
                v.add(path, "must be a number");
                return;
            }
            BigDecimal number = ((JsonNumber) value).bigDecimalValue();
            range(number, minValue, maxValue, path, v);
            int precision = Math.max(0, number.scale());
            minPrecision.filter(min -> precision < min)
                    .ifPresent(min -> v.add(path, "must have at least " + min + " digits after the decimal point"));
            maxPrecision.filter(max -> precision > max)
                    .ifPresent(max -> v.add(path, "must have at most " + max + " digits after the decimal point"));
        }
    }

    /**
     * Select: the value is one of {@code options} or, when {@code multiselect}, an array of distinct options (empty
     * only with {@code allowEmpty}). Numbers equal an option by value, strings exactly.
     */
    record Select(Base base, boolean multiselect, boolean allowEmpty, List<JsonValue> options) implements ValueSchema {
        public Select {
            options = List.copyOf(options);
        }

        @Override
        public void check(JsonValue value, String path, Violations v) {
            if (!multiselect) {
                one(value, path, v);
                return;
            }
            if (!(value instanceof JsonArray array)) {
                v.add(path, "must be an array of options (multiselect)");
                return;
            }
            if (array.isEmpty() && !allowEmpty) {
                v.add(path, "must select at least one option");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < array.size(); i++) {
                if (one(array.get(i), Violations.path(path, i), v) && !seen.add(key(array.get(i)))) {
                    v.add(Violations.path(path, i), "selects the same option twice");
                }
            }
        }

        private boolean one(JsonValue value, String path, Violations v) {
            if (!base.accepts(value)) {
                v.add(path, "must be " + base.noun());
                return false;
            }
            if (options.stream().noneMatch(o -> key(o).equals(key(value)))) {
                v.add(path, "must be one of the options " + options);
                return false;
            }
            return true;
        }

        /** A text that is equal for equal options: numbers by value, other values by their JSON text. */
        static String key(JsonValue value) {
            return value instanceof JsonNumber n ? "n:" + n.bigDecimalValue().stripTrailingZeros().toPlainString()
                    : value.toString();
        }
    }

    /** An array of values of one type, each meeting {@code element}'s rules; empty only with {@code allowEmpty}. */
    record ArrayOf(ValueSchema element, boolean allowEmpty) implements ValueSchema {
        @Override
        public void check(JsonValue value, String path, Violations v) {
            if (!(value instanceof JsonArray array)) {
                v.add(path, "must be an array");
                return;
            }
            if (array.isEmpty() && !allowEmpty) {
                v.add(path, "must not be empty");
            }
            for (int i = 0; i < array.size(); i++) {
                element.check(array.get(i), Violations.path(path, i), v);
            }
        }
    }

    private static void range(BigDecimal number, Optional<BigDecimal> min, Optional<BigDecimal> max, String path,
                              Violations v) {
        min.filter(m -> number.compareTo(m) < 0)
                .ifPresent(m -> v.add(path, "must be at least " + m.toPlainString()));
        max.filter(m -> number.compareTo(m) > 0)
                .ifPresent(m -> v.add(path, "must be at most " + m.toPlainString()));
    }
}
