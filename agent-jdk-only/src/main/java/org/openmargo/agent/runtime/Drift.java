package org.openmargo.agent.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

import org.openmargo.agent.state.ComponentState;

/**
 * Which components the agent believes {@code installed} but the runtime no longer has, or reports {@code FAILED}: a
 * release deleted by hand, containers lost with the host's Docker data, a runtime reset while the agent was down.
 */
final class Drift {
    private Drift() {
    }

    /** Component name to what the runtime sees ({@code absent} or {@code failed}), in listed order. */
    static Map<String, String> of(DeploymentSpec spec, Map<String, ComponentState> observed) {
        Map<String, String> drifted = new LinkedHashMap<>();
        for (ComponentSpec component : spec.components()) {
            ComponentState seen = observed.get(component.name());
            if (seen == null) {
                drifted.put(component.name(), "absent");
            } else if (seen == ComponentState.FAILED) {
                drifted.put(component.name(), "failed");
            }
        }
        return drifted;
    }
}
