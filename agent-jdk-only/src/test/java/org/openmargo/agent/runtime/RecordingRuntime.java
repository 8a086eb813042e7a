package org.openmargo.agent.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonValue;
import org.openmargo.agent.state.ComponentState;

/**
 * A {@link WorkloadRuntime} that records every call as text and answers from configured outcomes ({@code Done} by
 * default). Calls read like {@code apply web 1.2.3+build.7 10m0s {"image.tag":"v1"}} and {@code remove db 10m0s}.
 * {@link #observe(DeploymentSpec)} reports what the calls left ({@code INSTALLED}, {@code INSTALLING} for
 * {@code wait: false}, {@code FAILED}; removed components absent), overridden by {@link #observe(String,
 * ComponentState)}.
 */
final class RecordingRuntime implements WorkloadRuntime {
    final List<String> calls = new ArrayList<>();
    private final Map<String, ComponentResult> outcomes = new HashMap<>();
    private final Map<String, RuntimeException> throwing = new HashMap<>();
    private final Map<String, ComponentState> observed = new LinkedHashMap<>();
    private final Map<String, ComponentState> present = new LinkedHashMap<>();

    /** Makes {@code apply} or {@code remove} of {@code component} answer {@code result} from now on. */
    RecordingRuntime answer(String operation, String component, ComponentResult result) {
        outcomes.put(operation + " " + component, result);
        return this;
    }

    /** Makes {@code operation} of {@code component} throw; {@code observe} takes the deployment name instead. */
    RecordingRuntime explode(String operation, String component, RuntimeException e) {
        throwing.put(operation + " " + component, e);
        return this;
    }

    /** Loses {@code component}, as a runtime reset or a release deleted by hand would. */
    RecordingRuntime forget(String component) {
        present.remove(component);
        observed.remove(component);
        return this;
    }

    /** Makes {@link #observe} report {@code state} for {@code component}. */
    RecordingRuntime observe(String component, ComponentState state) {
        observed.put(component, state);
        return this;
    }

    @Override
    public ComponentResult apply(DeploymentSpec deployment, ComponentSpec component, Map<String, JsonValue> values,
            Duration timeout) {
        calls.add("apply " + component.name() + " " + component.revision() + " " + ComponentSpec.format(timeout)
                + " " + Json.write(JsonObject.of(values)));
        ComponentResult result = outcome("apply", component.name());
        present.put(component.name(), !(result instanceof ComponentResult.Done) ? ComponentState.FAILED
                : component.waitUntilReady() ? ComponentState.INSTALLED : ComponentState.INSTALLING);
        return result;
    }

    @Override
    public ComponentResult remove(DeploymentSpec deployment, ComponentSpec component, Duration timeout) {
        calls.add("remove " + component.name() + " " + ComponentSpec.format(timeout));
        ComponentResult result = outcome("remove", component.name());
        if (result instanceof ComponentResult.Done) {
            present.remove(component.name());
        }
        return result;
    }

    @Override
    public Map<String, ComponentState> observe(DeploymentSpec deployment) {
        calls.add("observe " + deployment.name());
        if (throwing.containsKey("observe " + deployment.name())) {
            throw throwing.get("observe " + deployment.name());
        }
        Map<String, ComponentState> seen = new LinkedHashMap<>(present);
        seen.putAll(observed);
        return Map.copyOf(seen);
    }

    private ComponentResult outcome(String operation, String component) {
        RuntimeException e = throwing.get(operation + " " + component);
        if (e != null) {
            throw e;
        }
        return outcomes.getOrDefault(operation + " " + component, new ComponentResult.Done());
    }
}
