package org.openmargo.agent.eligibility;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonArray;
import org.openmargo.agent.json.JsonBool;
import org.openmargo.agent.json.JsonNumber;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonString;
import org.openmargo.agent.json.JsonValue;

/**
 * One {@code MatchExpression} (digest f.2). Strings compare exactly, numbers by value ({@code 4} equals {@code 4.0}).
 * A value of another JSON type than the operands makes every operator false, {@code NotIn} included; an absent value
 * makes {@code NotIn} true, as in Kubernetes label selectors, which these expressions are modelled on. Immutable.
 *
 * @param subject the key as shown in reasons: the pointer, or {@code label <name>}
 * @param locate finds the keyed value in the target (properties, labels or an array element)
 */
record MatchExpression(String subject, Operator operator, List<JsonValue> values, Optional<Selector> items,
        Function<JsonValue, Optional<JsonValue>> locate) {
    private static final int SHOWN_VALUE_LENGTH = 80;

    MatchExpression {
        values = List.copyOf(values);
    }

    static MatchExpression parse(JsonValue value, String path, boolean label) {
        if (!(value instanceof JsonObject e)) {
            throw new InvalidConstraintException(path, "expected an object");
        }
        String key = e.string("key").orElseThrow(() -> new InvalidConstraintException(path + ".key",
                "expected a string"));
        Operator operator = e.string("operator").flatMap(Operator::of).orElseThrow(() ->
                new InvalidConstraintException(path + ".operator",
                        "expected one of In, NotIn, Exists, DoesNotExist, Gt, Lt, ContainsAll, ContainsAny"));
        List<JsonValue> values = Operands.values(e, operator, path);
        Optional<Selector> items = Operands.itemSelector(e, operator, path);
        if (label) {
            return new MatchExpression("label " + key, operator, values, items,
                    target -> target instanceof JsonObject o ? o.get(key) : Optional.empty());
        }
        try {
            JsonPointer pointer = JsonPointer.parse(key);
            return new MatchExpression(key.isEmpty() ? "\"\"" : key, operator, values, items, pointer::resolve);
        } catch (IllegalArgumentException ex) {
            throw new InvalidConstraintException(path + ".key", ex.getMessage());
        }
    }

    boolean test(JsonValue target) {
        Optional<JsonValue> value = locate.apply(target);
        return switch (operator) {
            case IN -> value.filter(this::sameType).filter(this::listed).isPresent();
            case NOT_IN -> value.isEmpty() || sameType(value.get()) && !listed(value.get());
            case EXISTS -> value.isPresent();
            case DOES_NOT_EXIST -> value.isEmpty();
            case GT -> compareToOperand(value).filter(c -> c > 0).isPresent();
            case LT -> compareToOperand(value).filter(c -> c < 0).isPresent();
            case CONTAINS_ALL -> elements(value).anyMatch(items.orElseThrow()::allMatch);
            case CONTAINS_ANY -> elements(value).anyMatch(items.orElseThrow()::anyMatch);
        };
    }

    /** {@code /vendor In [Acme] is false (value "Northstar")}. */
    String explainFailure(JsonValue target) {
        String found = locate.apply(target).map(v -> "value " + shorten(Json.write(v))).orElse("absent");
        return describe() + " is false (" + found + ")";
    }

    String describe() {
        String operands = values.isEmpty() ? ""
                : " [" + String.join(", ", values.stream().map(MatchExpression::show).toList()) + "]";
        return subject + " " + operator.wireName() + operands + items.map(s -> " {" + s.describe() + "}").orElse("");
    }

    private boolean sameType(JsonValue value) {
        JsonValue first = values.getFirst();
        return value instanceof JsonString && first instanceof JsonString
                || value instanceof JsonNumber && first instanceof JsonNumber
                || value instanceof JsonBool && first instanceof JsonBool;
    }

    private boolean listed(JsonValue value) {
        return values.stream().anyMatch(operand -> operand instanceof JsonNumber n && value instanceof JsonNumber v
                ? Operands.decimal(v).filter(d -> d.compareTo(Operands.decimal(n).orElseThrow()) == 0).isPresent()
                : operand.equals(value));
    }

    private Optional<Integer> compareToOperand(Optional<JsonValue> value) {
        if (value.isEmpty() || !(value.get() instanceof JsonNumber number)) {
            return Optional.empty();
        }
        BigDecimal operand = Operands.decimal((JsonNumber) values.getFirst()).orElseThrow();
        return Operands.decimal(number).map(d -> d.compareTo(operand));
    }

    private static Stream<JsonObject> elements(Optional<JsonValue> value) {
        return value.filter(JsonArray.class::isInstance).stream()
                .flatMap(v -> ((JsonArray) v).items().stream())
                .filter(JsonObject.class::isInstance).map(JsonObject.class::cast);
    }

    private static String show(JsonValue value) {
        return value instanceof JsonString s ? s.value() : Json.write(value);
    }

    private static String shorten(String text) {
        return text.length() <= SHOWN_VALUE_LENGTH ? text : text.substring(0, SHOWN_VALUE_LENGTH) + "…";
    }
}
