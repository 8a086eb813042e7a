package org.openmargo.agent.eligibility;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonValue;

/** A {@code Selector}: {@code matchExpressions}, all of which must hold (digest f.2). Immutable. */
record Selector(List<MatchExpression> expressions) {
    Selector {
        expressions = List.copyOf(expressions);
    }

    /**
     * Reads a selector whose keys are label names ({@code labels}) or JSON Pointers.
     *
     * @throws InvalidConstraintException naming the member at {@code path} that breaks the schema
     */
    static Selector parse(JsonValue value, String path, boolean labels) {
        if (!(value instanceof JsonObject selector)) {
            throw new InvalidConstraintException(path, "expected an object");
        }
        if (!(selector.get("matchExpressions").orElse(null) instanceof org.openmargo.agent.json.JsonArray items)) {
            throw new InvalidConstraintException(path + ".matchExpressions", "expected an array");
        }
        List<MatchExpression> expressions = new ArrayList<>();
        for (int i = 0; i < items.items().size(); i++) {
            expressions.add(MatchExpression.parse(items.items().get(i), path + ".matchExpressions[" + i + "]",
                    labels));
        }
        return new Selector(expressions);
    }

    /** The first expression that does not hold for {@code target}, explained; empty if all hold. */
    Optional<String> firstFailure(JsonValue target) {
        return expressions.stream().filter(e -> !e.test(target)).findFirst().map(e -> e.explainFailure(target));
    }

    boolean allMatch(JsonValue target) {
        return expressions.stream().allMatch(e -> e.test(target));
    }

    boolean anyMatch(JsonValue target) {
        return expressions.stream().anyMatch(e -> e.test(target));
    }

    String describe() {
        return String.join(", ", expressions.stream().map(MatchExpression::describe).toList());
    }
}
