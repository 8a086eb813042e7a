package org.openmargo.wfm.catalogue;

import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.openmargo.wfm.json.Violations;

/**
 * Reads one {@code configuration.schema[]} entry into a {@link ValueSchema} (Margo rc.3 f.2 and the application
 * description data model).
 *
 * <p>{@code dataType} is one of {@code string}, {@code integer}, {@code double}, {@code boolean} or
 * {@code array[<one of those>]}. An entry with {@code options} is a Select ({@code allowEmpty}, {@code multiselect},
 * {@code options}, each option of the data type; an {@code array[…]} data type needs {@code multiselect: true});
 * otherwise the data type decides: Text ({@code allowEmpty}, {@code minLength}, {@code maxLength},
 * {@code regexMatch}), Integer ({@code allowEmpty}, {@code minValue}, {@code maxValue}, integers), Double (the same
 * with numbers, plus {@code minPrecision}, {@code maxPrecision}), Boolean ({@code allowEmpty}). An {@code array[…]}
 * without options applies the element type's rules to every element. Any other member is refused, so that a rule the
 * WFM would not enforce is never silently ignored.
 */
final class SchemaReader {
    /** Longest {@code regexMatch} accepted, in characters. */
    static final int MAX_REGEX_LENGTH = 1024;
    private static final Pattern ARRAY = Pattern.compile("^array\\[(string|integer|double|boolean)]$");
    private static final List<String> DATA_TYPES = List.of("string", "integer", "double", "boolean", "array[string]",
            "array[integer]", "array[double]", "array[boolean]");

    private SchemaReader() {
    }

    /** The schema, or empty after recording what is wrong with it. */
    static Optional<ValueSchema> read(Map<String, Object> s, String path, Violations v) {
        int before = v.errors().size();
        Optional<String> dataType = v.member(s, path, "dataType", true)
                .flatMap(d -> v.oneOf(d, path + ".dataType", DATA_TYPES));
        if (dataType.isEmpty()) {
            return Optional.empty();
        }
        boolean array = ARRAY.matcher(dataType.get()).matches();
        ValueSchema.Base base = ValueSchema.Base.valueOf(
                (array ? dataType.get().substring(6, dataType.get().length() - 1) : dataType.get()).toUpperCase(
                        java.util.Locale.ROOT));
        boolean allowEmpty = flag(s, path, "allowEmpty", v);
        ValueSchema schema;
        if (s.containsKey("options")) {
            only(s, path, "Select", v, "allowEmpty", "multiselect", "options");
            boolean multiselect = flag(s, path, "multiselect", v);
            if (array && !multiselect) {
                v.add(path + ".multiselect", "must be true for the data type " + dataType.get());
            }
            schema = new ValueSchema.Select(base, multiselect, allowEmpty, options(s, path, base, v));
        } else {
            ValueSchema element = switch (base) {
                case STRING -> text(s, path, allowEmpty, v);
                case INTEGER -> integer(s, path, v);
                case DOUBLE -> decimal(s, path, v);
                case BOOLEAN -> {
                    only(s, path, "Boolean", v, "allowEmpty");
                    yield new ValueSchema.Bool();
                }
            };
            schema = array ? new ValueSchema.ArrayOf(element, allowEmpty) : element;
        }
        return v.errors().size() == before ? Optional.of(schema) : Optional.empty();
    }

    private static ValueSchema text(Map<String, Object> s, String path, boolean allowEmpty, Violations v) {
        only(s, path, "Text", v, "allowEmpty", "minLength", "maxLength", "regexMatch");
        Optional<java.lang.Integer> min = count(s, path, "minLength", v);
        Optional<java.lang.Integer> max = count(s, path, "maxLength", v);
        if (min.isPresent() && max.isPresent() && min.get() > max.get()) {
            v.add(path + ".maxLength", "must not be less than minLength");
        }
        Optional<Pattern> regex = v.member(s, path, "regexMatch", false)
                .flatMap(r -> v.nonBlank(r, path + ".regexMatch"))
                .flatMap(r -> v.atMost(r, path + ".regexMatch", MAX_REGEX_LENGTH))
                .flatMap(r -> {
                    try {
                        return Optional.of(Pattern.compile(r));
                    } catch (PatternSyntaxException e) {
                        v.add(path + ".regexMatch", "is not a valid regular expression: " + e.getDescription());
                        return Optional.empty();
                    }
                });
        return new ValueSchema.Text(allowEmpty, min, max, regex);
    }

    private static ValueSchema integer(Map<String, Object> s, String path, Violations v) {
        only(s, path, "Integer", v, "allowEmpty", "minValue", "maxValue");
        Optional<BigDecimal> min = number(s, path, "minValue", true, v);
        Optional<BigDecimal> max = number(s, path, "maxValue", true, v);
        ordered(min, max, path + ".maxValue", "minValue", v);
        return new ValueSchema.Int(min, max);
    }

    private static ValueSchema decimal(Map<String, Object> s, String path, Violations v) {
        only(s, path, "Double", v, "allowEmpty", "minValue", "maxValue", "minPrecision", "maxPrecision");
        Optional<BigDecimal> min = number(s, path, "minValue", false, v);
        Optional<BigDecimal> max = number(s, path, "maxValue", false, v);
        ordered(min, max, path + ".maxValue", "minValue", v);
        Optional<java.lang.Integer> minPrecision = count(s, path, "minPrecision", v);
        Optional<java.lang.Integer> maxPrecision = count(s, path, "maxPrecision", v);
        if (minPrecision.isPresent() && maxPrecision.isPresent() && minPrecision.get() > maxPrecision.get()) {
            v.add(path + ".maxPrecision", "must not be less than minPrecision");
        }
        return new ValueSchema.Decimal(min, max, minPrecision, maxPrecision);
    }

    private static List<JsonValue> options(Map<String, Object> s, String path, ValueSchema.Base base,
                                           Violations v) {
        List<JsonValue> options = new ArrayList<>();
        v.member(s, path, "options", true).flatMap(o -> v.array(o, path + ".options", true)).ifPresent(list -> {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String optionPath = Violations.path(path + ".options", i);
                JsonValue option = JsonTree.json(list.get(i));
                if (!base.accepts(option)) {
                    v.add(optionPath, "must be " + base.noun() + ", as the data type says");
                } else if (!seen.add(ValueSchema.Select.key(option))) {
                    v.add(optionPath, "is listed twice");
                } else {
                    options.add(option);
                }
            }
        });
        return options;
    }

    /** Refuses members that are not rules of this kind of schema. */
    private static void only(Map<String, Object> s, String path, String kind, Violations v, String... rules) {
        Set<String> allowed = new HashSet<>(List.of(rules));
        allowed.add("name");
        allowed.add("dataType");
        for (String key : s.keySet()) {
            if (!allowed.contains(key)) {
                v.add(Violations.path(path, key), "is not a rule of a " + kind + " schema (its rules are "
                        + List.of(rules) + ")");
            }
        }
    }

    private static boolean flag(Map<String, Object> s, String path, String name, Violations v) {
        return v.member(s, path, name, false).flatMap(b -> v.bool(b, path + "." + name)).orElse(false);
    }

    private static Optional<java.lang.Integer> count(Map<String, Object> s, String path, String name, Violations v) {
        return v.member(s, path, name, false).flatMap(value -> {
            if (value instanceof BigInteger i && i.signum() >= 0 && i.bitLength() < 31) {
                return Optional.of(i.intValue());
            }
            v.add(path + "." + name, "must be an integer from 0 to " + java.lang.Integer.MAX_VALUE);
            return Optional.empty();
        });
    }

    private static Optional<BigDecimal> number(Map<String, Object> s, String path, String name, boolean integral,
                                               Violations v) {
        return v.member(s, path, name, false).flatMap(value -> {
            if (value instanceof BigInteger i) {
                return Optional.of(new BigDecimal(i));
            }
            if (!integral && value instanceof BigDecimal d) {
                return Optional.of(d);
            }
            v.add(path + "." + name, integral ? "must be an integer" : "must be a number");
            return Optional.empty();
        });
    }

    private static void ordered(Optional<BigDecimal> min, Optional<BigDecimal> max, String path, String minName,
                                Violations v) {
        if (min.isPresent() && max.isPresent() && min.get().compareTo(max.get()) > 0) {
            v.add(path, "must not be less than " + minName);
        }
    }
}
