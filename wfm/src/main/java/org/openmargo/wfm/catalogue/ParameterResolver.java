package org.openmargo.wfm.catalogue;

import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;

import org.openmargo.wfm.json.Violations;

/**
 * Margo rc.3 f.3 step 2 for one description: the operator's value validated against the setting's schema, otherwise
 * the default {@code value}; a parameter with no value anywhere, an unknown parameter, and a changed {@code immutable}
 * value are errors. A value for a parameter without a setting needs only the shape of a parameter value (a string,
 * number or boolean, or an array of them). Field paths are {@code parameters.<name>}.
 */
final class ParameterResolver {
    private ParameterResolver() {
    }

    static ResolvedParameters resolve(Description d, Map<String, JsonValue> supplied,
                                      Map<String, JsonValue> installedBefore) {
        Violations v = new Violations();
        supplied.keySet().stream().filter(name -> !d.parameters().containsKey(name)).sorted()
                .forEach(name -> v.add(Violations.path("parameters", name), "is not a parameter of " + d.app()));
        Map<String, JsonValue> values = new LinkedHashMap<>();
        for (Description.Parameter p : d.parameters().values()) {
            String path = Violations.path("parameters", p.name());
            Description.Setting setting = d.settings().get(p.name());
            JsonValue value = supplied.get(p.name());
            if (value != null) {
                int before = v.errors().size();
                if (setting != null) {
                    setting.schema().check(value, path, v);
                } else if (!JsonTree.parameterShaped(value)) {
                    v.add(path, "must be a string, number or boolean, or an array of them");
                }
                if (v.errors().size() > before) {
                    continue;
                }
            } else if (p.defaultValue().isPresent()) {
                value = p.defaultValue().get();
            } else {
                v.add(path, "has no value: the description gives no default, so one must be supplied");
                continue;
            }
            JsonValue installed = installedBefore.get(p.name());
            if (setting != null && setting.immutable() && installed != null && !same(installed, value)) {
                v.add(path, "is immutable: it was installed with " + installed + " and cannot change to " + value);
                continue;
            }
            values.put(p.name(), value);
        }
        v.throwIfAny("parameter values");
        return new ResolvedParameters(values);
    }

    /** Equal values: numbers by value ({@code 1.0} is {@code 1}), everything else by JSON equality. */
    static boolean same(JsonValue a, JsonValue b) {
        if (a instanceof jakarta.json.JsonArray x && b instanceof jakarta.json.JsonArray y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return ValueSchema.Select.key(a).equals(ValueSchema.Select.key(b));
    }
}
