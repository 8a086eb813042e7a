package org.openmargo.agent.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.openmargo.agent.state.AgentState;
import org.openmargo.agent.state.ComponentState;
import org.openmargo.agent.state.ComponentStatus;

/** The decisions of a reconcile run, kept apart from their execution so they read as a table. */
enum Plan {
    /** Every component is installed: nothing to do. */
    CONVERGED,
    /** Components applied with {@code wait: false} are still installing: ask the runtime how they are. */
    SETTLE,
    /** Some component is failed, pending or half-removed: apply again from it. */
    RETRY;

    /** Returns what to do for a deployment whose desired digest is already the applied one. */
    static Plan of(AgentState.Applied applied) {
        List<ComponentState> states = applied.components().stream().map(ComponentStatus::state).toList();
        if (states.stream().allMatch(s -> s == ComponentState.INSTALLED)) {
            return CONVERGED;
        }
        return states.stream().allMatch(s -> s == ComponentState.INSTALLED || s == ComponentState.INSTALLING)
                ? SETTLE : RETRY;
    }

    /** Returns the components of {@code old} that {@code next} no longer has, in reverse order (removal order). */
    static List<ComponentSpec> dropped(DeploymentSpec old, DeploymentSpec next) {
        List<ComponentSpec> dropped = new ArrayList<>();
        old.components().stream().filter(c -> next.component(c.name()).isEmpty()).forEach(dropped::add);
        Collections.reverse(dropped);
        return dropped;
    }

    /**
     * Returns the components of {@code next} that can stay as they are: installed, with the same spec and the same
     * parameter values as in {@code old}, in a deployment whose name, namespace and type did not change.
     */
    static Map<String, ComponentStatus> unchangedInstalled(DeploymentSpec old, DeploymentSpec next,
            Map<String, ComponentStatus> states) {
        Map<String, ComponentStatus> kept = new LinkedHashMap<>();
        boolean sameFrame = old.name().equals(next.name()) && old.namespace().equals(next.namespace())
                && old.type() == next.type();
        for (ComponentSpec component : next.components()) {
            boolean unchanged = old.component(component.name()).filter(component::equals).isPresent()
                    && Objects.equals(old.valuesFor(component.name()), next.valuesFor(component.name()));
            ComponentStatus status = states.get(component.name());
            if (sameFrame && unchanged && status != null && status.state() == ComponentState.INSTALLED) {
                kept.put(component.name(), status);
            }
        }
        return kept;
    }

    /** Returns the applied component statuses by name. */
    static Map<String, ComponentStatus> byName(AgentState.Applied applied) {
        Map<String, ComponentStatus> statuses = new LinkedHashMap<>();
        applied.components().forEach(c -> statuses.put(c.name(), c));
        return statuses;
    }

    /**
     * Returns the applied statuses as the start of a new attempt: what failed or was removed is {@code pending}
     * again (received, not applied) and loses its old error.
     */
    static Map<String, ComponentStatus> forRetry(AgentState.Applied applied) {
        Map<String, ComponentStatus> statuses = byName(applied);
        statuses.replaceAll((name, s) -> s.state() == ComponentState.INSTALLED || s.state() == ComponentState.INSTALLING
                ? s : ComponentStatus.of(name, ComponentState.PENDING));
        return statuses;
    }
}
