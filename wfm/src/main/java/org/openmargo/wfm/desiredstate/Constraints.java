package org.openmargo.wfm.desiredstate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.openmargo.wfm.json.Violations;

/**
 * {@code deploymentProfile.deviceConstraints} (rc.3 {@code DeviceConstraints}, value rules of spec f.2).
 *
 * <p>The schema leaves these objects open, so unknown members are ignored. Property-selector keys and item-selector
 * keys must be RFC 6901 JSON Pointers starting with {@code /}; label-selector keys must be non-empty. An empty
 * {@code matchExpressions} array is accepted (the schema sets no minimum; it matches every device).
 */
public final class Constraints {
    private static final Pattern MEMORY = Pattern.compile("^[0-9]+(Mi|Gi|Ki)$");
    private static final Pattern STORAGE = Pattern.compile("^[0-9]+(Mi|Gi|Ki|Ti|Pi|Ei)$");
    private static final Pattern POINTER = Pattern.compile("^(/([^~/]|~[01])*)+$");
    private static final List<String> ARCHITECTURES = List.of("amd64", "arm64", "arm", "riscv64", "other");
    private static final List<String> OPERATORS = List.of("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt",
            "ContainsAll", "ContainsAny");

    private Constraints() {
    }

    /**
     * Records every rule {@code constraints} breaks, with field paths below {@code path}.
     *
     * @param constraints a {@code deviceConstraints} object from a YAML tree of {@link YamlBody}
     */
    public static void check(Map<String, Object> constraints, String path, Violations v) {
        v.member(constraints, path, "capacityRequirements", false)
                .flatMap(c -> v.object(c, path + ".capacityRequirements"))
                .ifPresent(c -> capacity(c, path + ".capacityRequirements", v));
        v.member(constraints, path, "eligibilityRules", false)
                .flatMap(r -> v.array(r, path + ".eligibilityRules", false))
                .ifPresent(rules -> {
                    for (int i = 0; i < rules.size(); i++) {
                        String rulePath = Violations.path(path + ".eligibilityRules", i);
                        v.object(rules.get(i), rulePath).ifPresent(rule -> {
                            selector(rule, rulePath, "propertySelector", true, v);
                            selector(rule, rulePath, "labelSelector", false, v);
                        });
                    }
                });
    }

    private static void capacity(Map<String, Object> capacity, String path, Violations v) {
        v.member(capacity, path, "cpu", false).flatMap(c -> v.object(c, path + ".cpu")).ifPresent(cpu -> {
            v.member(cpu, path + ".cpu", "cores", true).ifPresent(cores -> {
                if (number(cores) == null) {
                    v.add(path + ".cpu.cores", "must be a number");
                } else if (number(cores).signum() <= 0) {
                    v.add(path + ".cpu.cores", "must be greater than 0");
                }
            });
            v.member(cpu, path + ".cpu", "architectures", false)
                    .flatMap(a -> v.array(a, path + ".cpu.architectures", false))
                    .ifPresent(list -> {
                        for (int i = 0; i < list.size(); i++) {
                            v.oneOf(list.get(i), Violations.path(path + ".cpu.architectures", i), ARCHITECTURES);
                        }
                    });
        });
        v.member(capacity, path, "memory", false).ifPresent(m -> v.matching(m, path + ".memory", MEMORY));
        v.member(capacity, path, "storage", false).ifPresent(s -> v.matching(s, path + ".storage", STORAGE));
    }

    private static void selector(Map<String, Object> owner, String ownerPath, String name, boolean pointers,
                                 Violations v) {
        String path = ownerPath + "." + name;
        v.member(owner, ownerPath, name, false).flatMap(s -> v.object(s, path)).ifPresent(s -> selector(s, path,
                pointers, v));
    }

    private static void selector(Map<String, Object> selector, String path, boolean pointers, Violations v) {
        v.member(selector, path, "matchExpressions", true)
                .flatMap(m -> v.array(m, path + ".matchExpressions", false))
                .ifPresent(list -> {
                    for (int i = 0; i < list.size(); i++) {
                        String exprPath = Violations.path(path + ".matchExpressions", i);
                        v.object(list.get(i), exprPath).ifPresent(e -> expression(e, exprPath, pointers, v));
                    }
                });
    }

    private static void expression(Map<String, Object> e, String path, boolean pointers, Violations v) {
        v.member(e, path, "key", true).flatMap(k -> pointers ? v.matching(k, path + ".key", POINTER)
                : v.nonBlank(k, path + ".key"));
        String operator = v.member(e, path, "operator", true)
                .flatMap(o -> v.oneOf(o, path + ".operator", OPERATORS))
                .orElse("");
        boolean hasValues = e.containsKey("values");
        boolean hasItems = e.containsKey("itemSelector");
        switch (operator) {
            case "In", "NotIn" -> values(e, path, v, Constraints::inValues, "must be one or more strings, one or "
                    + "more numbers, or a single boolean");
            case "Gt", "Lt" -> values(e, path, v, list -> list.size() == 1 && number(list.get(0)) != null,
                    "must be exactly one number");
            case "ContainsAll", "ContainsAny" -> v.member(e, path, "itemSelector", true)
                    .flatMap(s -> v.object(s, path + ".itemSelector"))
                    .ifPresent(s -> selector(s, path + ".itemSelector", true, v));
            default -> { }
        }
        if (hasValues && List.of("Exists", "DoesNotExist", "ContainsAll", "ContainsAny").contains(operator)) {
            v.add(path + ".values", "is not allowed with operator " + operator);
        }
        if (hasItems && List.of("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt").contains(operator)) {
            v.add(path + ".itemSelector", "is not allowed with operator " + operator);
        }
    }

    private static void values(Map<String, Object> e, String path, Violations v,
                               java.util.function.Predicate<List<Object>> rule, String message) {
        v.member(e, path, "values", true).flatMap(list -> v.array(list, path + ".values", false))
                .filter(rule.negate())
                .ifPresent(list -> v.add(path + ".values", message));
    }

    private static boolean inValues(List<Object> values) {
        if (values.size() == 1 && values.get(0) instanceof Boolean) {
            return true;
        }
        return !values.isEmpty() && (values.stream().allMatch(String.class::isInstance)
                || values.stream().allMatch(x -> number(x) != null));
    }

    /** The value as a number, or {@code null} when it is not a YAML integer or float. */
    static BigDecimal number(Object value) {
        return switch (value) {
            case BigInteger i -> new BigDecimal(i);
            case BigDecimal d -> d;
            case null, default -> null;
        };
    }
}
