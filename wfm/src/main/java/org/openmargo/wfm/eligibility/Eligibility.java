package org.openmargo.wfm.eligibility;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * WFM-side eligibility matching (Margo rc.3 f.2): whether a device, as its capabilities document describes it, meets a
 * deployment profile's {@code deviceConstraints}.
 *
 * <p>The order and logic are the spec's: {@code capacityRequirements} first (a device below the CPU, memory or storage
 * minimums is out, see {@link Capacity}), then {@code eligibilityRules}: the rules are ORed; within one rule the
 * {@code propertySelector} and the {@code labelSelector} must both match (a missing one matches); within a selector the
 * expressions are ANDed (see {@link Selector}). Property keys are RFC 6901 pointers relative to the capabilities
 * {@code properties}; label keys are exact names in the root {@code labels}. An empty or missing rules array puts no
 * condition. Stateless and thread safe; never throws on a malformed input, which simply does not match.
 */
public final class Eligibility {
    private Eligibility() {
    }

    /**
     * The reason the device does not meet the constraints, for an operator; empty when it meets them.
     *
     * @param deviceConstraints a {@code deviceConstraints} object (a YAML tree), as validated at import
     * @param capabilities      the device's capabilities document (a JSON tree: root {@code properties} and
     *                          {@code labels})
     */
    public static Optional<String> unmet(Map<String, Object> deviceConstraints, Map<String, Object> capabilities) {
        Map<?, ?> properties = capabilities.get("properties") instanceof Map<?, ?> p ? p : Map.of();
        Map<?, ?> labels = capabilities.get("labels") instanceof Map<?, ?> l ? l : Map.of();
        if (deviceConstraints.get("capacityRequirements") instanceof Map<?, ?> capacity) {
            Optional<String> reason = Capacity.unmet(capacity, properties);
            if (reason.isPresent()) {
                return reason;
            }
        }
        if (!(deviceConstraints.get("eligibilityRules") instanceof List<?> rules) || rules.isEmpty()) {
            return Optional.empty();
        }
        for (Object rule : rules) {
            if (rule instanceof Map<?, ?> r && matches(r, properties, labels)) {
                return Optional.empty();
            }
        }
        return Optional.of(rules.size() == 1 ? "its capabilities do not match the eligibility rule"
                : "its capabilities match none of the " + rules.size() + " eligibility rules");
    }

    private static boolean matches(Map<?, ?> rule, Map<?, ?> properties, Map<?, ?> labels) {
        boolean propertiesMatch = !(rule.get("propertySelector") instanceof Map<?, ?> ps)
                || new Selector(ps, key -> Pointer.resolve(properties, key)).matches();
        boolean labelsMatch = !(rule.get("labelSelector") instanceof Map<?, ?> ls)
                || new Selector(ls, key -> labels.containsKey(key)
                        ? Optional.of(labels.get(key) == null ? Pointer.NULL : labels.get(key))
                        : Optional.empty()).matches();
        return propertiesMatch && labelsMatch;
    }

    /**
     * The older {@code requiredResources} form of a profile (before {@code deviceConstraints}): {@code cpu},
     * {@code memory} and {@code storage} as capacity requirements; each required peripheral must be matched by a
     * reported one of the same {@code type} (and {@code manufacturer}/{@code model} when required), each required
     * interface by a reported one of the same {@code type}.
     *
     * @return the reason the device does not meet them; empty when it does
     */
    public static Optional<String> unmetResources(Map<String, Object> requiredResources,
                                                  Map<String, Object> capabilities) {
        Map<?, ?> properties = capabilities.get("properties") instanceof Map<?, ?> p ? p : Map.of();
        Optional<String> capacity = Capacity.unmet(requiredResources, properties);
        if (capacity.isPresent()) {
            return capacity;
        }
        for (String kind : List.of("peripherals", "interfaces")) {
            List<?> wanted = requiredResources.get(kind) instanceof List<?> w ? w : List.of();
            List<?> has = properties.get(kind) instanceof List<?> h ? h : List.of();
            for (Object need : wanted) {
                if (need instanceof Map<?, ?> n
                        && has.stream().noneMatch(h -> h instanceof Map<?, ?> m && like(n, m))) {
                    return Optional.of("needs " + kind.substring(0, kind.length() - 1) + " " + n
                            + ", the device reports none like it");
                }
            }
        }
        return Optional.empty();
    }

    /** Whether {@code reported} has every member of {@code needed} with the same value. */
    private static boolean like(Map<?, ?> needed, Map<?, ?> reported) {
        return needed.entrySet().stream()
                .allMatch(e -> java.util.Objects.equals(e.getValue(), reported.get(e.getKey())));
    }
}
