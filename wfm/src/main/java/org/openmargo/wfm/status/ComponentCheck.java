package org.openmargo.wfm.status;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.openmargo.wfm.problem.FieldError;
import org.openmargo.wfm.status.StatusReport.ComponentStatus;

/** Whether a report names each component of the deployment exactly once and nothing else. */
final class ComponentCheck {
    private ComponentCheck() {
    }

    /** One error per unknown or repeated reported component and per missing one; empty when they match. */
    static List<FieldError> errors(List<String> expected, List<ComponentStatus> reported) {
        Set<String> known = new HashSet<>(expected);
        Set<String> seen = new HashSet<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < reported.size(); i++) {
            String name = reported.get(i).name();
            String field = "components[" + i + "].name";
            if (!known.contains(name)) {
                errors.add(new FieldError(field, "the deployment has no component named " + name));
            } else if (!seen.add(name)) {
                errors.add(new FieldError(field, "component " + name + " is reported more than once"));
            }
        }
        for (String name : new TreeSet<>(expected)) {
            if (!seen.contains(name)) {
                errors.add(new FieldError("components", "component " + name + " is missing"));
            }
        }
        return errors;
    }
}
