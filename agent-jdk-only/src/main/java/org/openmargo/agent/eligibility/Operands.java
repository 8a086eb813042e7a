package org.openmargo.agent.eligibility;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import org.openmargo.agent.json.JsonArray;
import org.openmargo.agent.json.JsonBool;
import org.openmargo.agent.json.JsonNumber;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonString;
import org.openmargo.agent.json.JsonValue;

/** Reads and checks the {@code values} and {@code itemSelector} an {@link Operator} takes (digest f.2). */
final class Operands {
    private Operands() {
    }

    static List<JsonValue> values(JsonObject e, Operator operator, String path) {
        Optional<JsonValue> member = e.get("values");
        List<JsonValue> values = member.filter(JsonArray.class::isInstance).map(v -> ((JsonArray) v).items())
                .orElse(List.of());
        if (member.isPresent() && !(member.get() instanceof JsonArray)) {
            throw new InvalidConstraintException(path + ".values", "expected an array");
        }
        String where = path + ".values";
        switch (operator.needs()) {
            case VALUES -> requireOneKind(values, where, operator);
            case ONE_NUMBER -> {
                if (values.size() != 1 || !(values.getFirst() instanceof JsonNumber n) || !finite(n)) {
                    throw new InvalidConstraintException(where, operator.wireName() + " needs exactly one number");
                }
            }
            case NOTHING, ITEM_SELECTOR -> {
                if (!values.isEmpty()) {
                    throw new InvalidConstraintException(where, operator.wireName() + " takes no values");
                }
            }
        }
        return values;
    }

    static Optional<Selector> itemSelector(JsonObject e, Operator operator, String path) {
        Optional<JsonValue> member = e.get("itemSelector");
        if (operator.needs() != Operator.Needs.ITEM_SELECTOR) {
            if (member.isPresent()) {
                throw new InvalidConstraintException(path + ".itemSelector",
                        operator.wireName() + " takes no itemSelector");
            }
            return Optional.empty();
        }
        JsonValue selector = member.orElseThrow(() -> new InvalidConstraintException(path + ".itemSelector",
                operator.wireName() + " needs an itemSelector"));
        return Optional.of(Selector.parse(selector, path + ".itemSelector", false));
    }

    private static void requireOneKind(List<JsonValue> values, String where, Operator operator) {
        String name = operator.wireName();
        if (values.isEmpty()) {
            throw new InvalidConstraintException(where, name + " needs at least one value");
        }
        JsonValue first = values.getFirst();
        if (first instanceof JsonBool) {
            if (values.size() != 1) {
                throw new InvalidConstraintException(where, name + " takes a single boolean");
            }
            return;
        }
        boolean strings = values.stream().allMatch(JsonString.class::isInstance);
        boolean numbers = values.stream().allMatch(v -> v instanceof JsonNumber n && finite(n));
        if (!strings && !numbers) {
            throw new InvalidConstraintException(where, name + " needs strings or numbers, all of one type");
        }
    }

    private static boolean finite(JsonNumber number) {
        try {
            number.decimal();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    /** The exact value, empty for an exponent beyond {@link BigDecimal}'s range (then it compares with nothing). */
    static Optional<BigDecimal> decimal(JsonNumber number) {
        return finite(number) ? Optional.of(number.decimal()) : Optional.empty();
    }
}
