package org.openmargo.wfm.desiredstate;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openmargo.wfm.json.Violations;

/**
 * {@code spec.parameters} (rc.3 {@code appDeploymentParams}, spec f.2 and f.3): each parameter has a {@code value}
 * (a string, number or boolean, or an array of those; not null, not an object) and at least one target; each target
 * has a non-empty {@code pointer} and at least one component name, every one naming a component of the profile.
 * Unknown members of a parameter or target are ignored (the schema leaves them open).
 */
final class Parameters {
    private Parameters() {
    }

    static void check(Map<String, Object> parameters, Set<String> components, Violations v) {
        for (Map.Entry<String, Object> entry : parameters.entrySet()) {
            String path = Violations.path("spec.parameters", entry.getKey());
            if (entry.getKey().isBlank()) {
                v.add(path, "parameter names must not be blank");
            }
            v.object(entry.getValue(), path).ifPresent(parameter -> {
                v.member(parameter, path, "value", true).ifPresent(value -> {
                    boolean ok = scalar(value) || value instanceof List<?> list && list.stream().allMatch(
                            Parameters::scalar);
                    if (!ok) {
                        v.add(path + ".value", "must be a string, number or boolean, or an array of them");
                    }
                });
                v.member(parameter, path, "targets", true)
                        .flatMap(t -> v.array(t, path + ".targets", true))
                        .ifPresent(targets -> targets(targets, path + ".targets", components, v));
            });
        }
    }

    private static void targets(List<Object> targets, String arrayPath, Set<String> components, Violations v) {
        for (int i = 0; i < targets.size(); i++) {
            String path = Violations.path(arrayPath, i);
            v.object(targets.get(i), path).ifPresent(target -> {
                v.member(target, path, "pointer", true).ifPresent(p -> v.nonBlank(p, path + ".pointer"));
                v.member(target, path, "components", true)
                        .flatMap(c -> v.array(c, path + ".components", true))
                        .ifPresent(names -> {
                            for (int j = 0; j < names.size(); j++) {
                                String namePath = Violations.path(path + ".components", j);
                                v.string(names.get(j), namePath)
                                        .filter(name -> !components.contains(name))
                                        .ifPresent(name -> v.add(namePath, "must name a component of the profile"));
                            }
                        });
            });
        }
    }

    private static boolean scalar(Object value) {
        return value instanceof String || value instanceof Boolean || Constraints.number(value) != null;
    }
}
