package org.openmargo.wfm.eligibility;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One {@code propertySelector}, {@code labelSelector} or {@code itemSelector}: its {@code matchExpressions} all
 * have to match (Margo rc.3 f.2).
 *
 * <p>Operator semantics, where the spec says little, follow Kubernetes label selectors with the spec's "a wrong JSON
 * type evaluates to false": {@code In} needs the key present with a value of the same type as {@code values} (strings
 * compared exactly, numbers by value, a boolean to the one boolean) equal to one of them; {@code NotIn} matches an
 * absent key, or a value of that type equal to none of them; an array or object is the wrong type for both.
 * {@code Exists} needs the key present and not {@code null}; {@code DoesNotExist} the opposite. {@code Gt}/{@code Lt}
 * need a number. {@code ContainsAll}/{@code ContainsAny} need an array: at least one of its objects must match all
 * (any) of the {@code itemSelector} expressions, whose keys are pointers relative to that element. An unknown operator
 * never matches (the catalogue refuses it at import).
 *
 * @param lookup finds the value a key names; empty when it names nothing
 */
record Selector(Map<?, ?> selector, Function<String, Optional<Object>> lookup) {

    /** Whether every expression matches; an empty or missing {@code matchExpressions} matches. */
    boolean matches() {
        if (!(selector.get("matchExpressions") instanceof List<?> expressions)) {
            return true;
        }
        return expressions.stream().allMatch(e -> e instanceof Map<?, ?> m && matches(m, lookup));
    }

    static boolean matches(Map<?, ?> e, Function<String, Optional<Object>> lookup) {
        if (!(e.get("key") instanceof String key) || !(e.get("operator") instanceof String operator)) {
            return false;
        }
        Optional<Object> target = lookup.apply(key);
        List<?> values = e.get("values") instanceof List<?> l ? l : List.of();
        return switch (operator) {
            case "In" -> target.map(t -> same(t, values).orElse(false)).orElse(false);
            case "NotIn" -> target.map(t -> same(t, values).map(in -> !in).orElse(false)).orElse(true);
            case "Exists" -> target.isPresent() && target.get() != Pointer.NULL;
            case "DoesNotExist" -> target.isEmpty() || target.get() == Pointer.NULL;
            case "Gt" -> compare(target, values).map(c -> c > 0).orElse(false);
            case "Lt" -> compare(target, values).map(c -> c < 0).orElse(false);
            case "ContainsAll", "ContainsAny" ->
                    contains(target, e.get("itemSelector"), operator.equals("ContainsAll"));
            default -> false;
        };
    }

    /** Whether {@code target} equals one of {@code values}; empty when its type is not theirs. */
    private static Optional<Boolean> same(Object target, List<?> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        Object first = values.getFirst();
        if (first instanceof String) {
            return target instanceof String s ? Optional.of(values.contains(s)) : Optional.empty();
        }
        if (first instanceof Boolean) {
            return target instanceof Boolean b ? Optional.of(values.contains(b)) : Optional.empty();
        }
        Optional<BigDecimal> number = Numeric.of(target);
        if (number.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(values.stream().map(Numeric::of)
                .anyMatch(v -> v.isPresent() && v.get().compareTo(number.get()) == 0));
    }

    private static Optional<Integer> compare(Optional<Object> target, List<?> values) {
        Optional<BigDecimal> number = target.flatMap(Numeric::of);
        Optional<BigDecimal> bound = values.size() == 1 ? Numeric.of(values.getFirst()) : Optional.empty();
        if (number.isEmpty() || bound.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(number.get().compareTo(bound.get()));
    }

    private static boolean contains(Optional<Object> target, Object itemSelector, boolean all) {
        if (!(target.orElse(null) instanceof List<?> items) || !(itemSelector instanceof Map<?, ?> inner)
                || !(inner.get("matchExpressions") instanceof List<?> expressions)) {
            return false;
        }
        for (Object item : items) {
            if (!(item instanceof Map<?, ?>)) {
                continue;
            }
            Function<String, Optional<Object>> inItem = pointer -> Pointer.resolve(item, pointer);
            java.util.function.Predicate<Object> matches = e -> e instanceof Map<?, ?> m && matches(m, inItem);
            if (all ? expressions.stream().allMatch(matches) : expressions.stream().anyMatch(matches)) {
                return true;
            }
        }
        return false;
    }
}
