package org.openmargo.agent.eligibility;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.openmargo.agent.json.JsonArray;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonValue;

/**
 * Decides whether a deployment's {@code deviceConstraints} admit this device (digest f.2: the device MUST evaluate
 * {@code eligibilityRules} before deploying and MAY pre-check {@code capacityRequirements}).
 *
 * <p>Order: {@code capacityRequirements} first (CPU cores on a single {@code cpus} entry of an accepted architecture,
 * then memory, then storage), then {@code eligibilityRules}: the rules are ORed, within a rule the
 * {@code propertySelector} and the {@code labelSelector} must both match, and within a selector every expression must
 * hold. No rules, or an empty list, admits every device. Property keys are RFC 6901 JSON Pointers into the
 * capabilities {@code properties}; label keys are exact names in the capabilities {@code labels}.
 *
 * <p>Constraints that break the rc.3 schema (an unknown operator, {@code Gt} with two values, …) make the deployment
 * ineligible with a reason naming the member: the device cannot prove it qualifies. Pure and thread-safe.
 */
public final class Eligibility {
    private Eligibility() {
    }

    /**
     * @param deviceConstraints    the deployment profile's {@code deviceConstraints}
     * @param capabilitiesDocument the device's {@code DeviceCapabilitiesManifest} (with {@code properties} and
     *                             optionally {@code labels})
     */
    public static Verdict evaluate(JsonObject deviceConstraints, JsonObject capabilitiesDocument) {
        JsonObject properties = capabilitiesDocument.object("properties").orElse(JsonObject.builder().build());
        JsonObject labels = capabilitiesDocument.object("labels").orElse(JsonObject.builder().build());
        try {
            Optional<String> shortfall = deviceConstraints.get("capacityRequirements")
                    .flatMap(r -> Capacity.shortfall(object(r, "deviceConstraints.capacityRequirements"), properties));
            if (shortfall.isPresent()) {
                return new Verdict.Ineligible(shortfall.get());
            }
            return rules(deviceConstraints, properties, labels);
        } catch (InvalidConstraintException e) {
            return new Verdict.Ineligible("invalid " + e.getMessage());
        }
    }

    private static Verdict rules(JsonObject constraints, JsonObject properties, JsonObject labels) {
        Optional<JsonValue> member = constraints.get("eligibilityRules");
        if (member.isEmpty()) {
            return new Verdict.Eligible();
        }
        if (!(member.get() instanceof JsonArray rules)) {
            throw new InvalidConstraintException("deviceConstraints.eligibilityRules", "expected an array");
        }
        List<Rule> parsed = new ArrayList<>();
        for (int i = 0; i < rules.items().size(); i++) {
            parsed.add(Rule.parse(rules.items().get(i), "deviceConstraints.eligibilityRules[" + i + "]"));
        }
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < parsed.size(); i++) {
            Optional<String> failure = parsed.get(i).firstFailure(properties, labels);
            if (failure.isEmpty()) {
                return new Verdict.Eligible();
            }
            failures.add("rule " + (i + 1) + ": " + failure.get());
        }
        return failures.isEmpty() ? new Verdict.Eligible()
                : new Verdict.Ineligible("no eligibility rule matched: " + String.join("; ", failures));
    }

    static JsonObject object(JsonValue value, String path) {
        if (value instanceof JsonObject o) {
            return o;
        }
        throw new InvalidConstraintException(path, "expected an object");
    }

    /** One {@code EligibilityRule}: a property selector and a label selector, each optional, both must match. */
    private record Rule(Optional<Selector> properties, Optional<Selector> labels) {
        static Rule parse(JsonValue value, String path) {
            JsonObject rule = object(value, path);
            return new Rule(rule.get("propertySelector").map(s -> Selector.parse(s, path + ".propertySelector", false)),
                    rule.get("labelSelector").map(s -> Selector.parse(s, path + ".labelSelector", true)));
        }

        Optional<String> firstFailure(JsonObject propertyValues, JsonObject labelValues) {
            Optional<String> failure = properties.flatMap(s -> s.firstFailure(propertyValues));
            return failure.isPresent() ? failure : labels.flatMap(s -> s.firstFailure(labelValues));
        }
    }
}
