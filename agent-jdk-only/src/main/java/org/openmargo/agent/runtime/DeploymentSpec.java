package org.openmargo.agent.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonValue;

/**
 * What the agent needs of one ApplicationDeployment (digest f.1), read from the tree the agent's YAML parser produces.
 * Extension members ({@code x-…-extensions}) and other keys the device does not act on are ignored;
 * {@code deviceConstraints} is kept as the raw object for the eligibility check.
 *
 * @param id the deployment id (a UUID), equal to the manifest's {@code deploymentId}
 * @param name {@code metadata.name}; the {@code source} of deployment-level errors (digest d.3)
 * @param namespace {@code metadata.namespace}, if given
 * @param deviceId {@code metadata.deviceId}, possibly ending in {@code /*}
 * @param type {@code spec.deploymentProfile.type}
 * @param components the components, in install order; at least one, names unique
 * @param parameters parameter name to value and targets, in document order
 * @param deviceConstraints {@code spec.deploymentProfile.deviceConstraints}, as written, if present
 */
public record DeploymentSpec(String id, String name, Optional<String> namespace, String deviceId, ProfileType type,
        List<ComponentSpec> components, Map<String, Parameter> parameters, Optional<JsonObject> deviceConstraints) {

    /** The deployment profile types: rc.3 names {@code helm} and {@code compose}; {@code custom} per digest i.8. */
    public enum ProfileType { HELM, COMPOSE, CUSTOM }

    public DeploymentSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(type, "type");
        components = List.copyOf(components);
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        Objects.requireNonNull(deviceConstraints, "deviceConstraints");
    }

    /** A deployment without {@code deviceConstraints}. */
    public DeploymentSpec(String id, String name, Optional<String> namespace, String deviceId, ProfileType type,
            List<ComponentSpec> components, Map<String, Parameter> parameters) {
        this(id, name, namespace, deviceId, type, components, parameters, Optional.empty());
    }

    /**
     * Reads and validates an ApplicationDeployment.
     *
     * @throws InvalidDeploymentException naming the first member that breaks a rule
     */
    public static DeploymentSpec parse(JsonObject document) {
        return DeploymentParser.parse(document);
    }

    /** Returns the component of that name. */
    public Optional<ComponentSpec> component(String componentName) {
        return components.stream().filter(c -> c.name().equals(componentName)).findFirst();
    }

    /**
     * Returns the parameter values that target {@code componentName}, keyed by pointer (a Helm dot path or a Compose
     * environment variable name), in document order. This is what {@link WorkloadRuntime#apply} receives.
     */
    public Map<String, JsonValue> valuesFor(String componentName) {
        Map<String, JsonValue> values = new LinkedHashMap<>();
        parameters.values().forEach(p -> p.targets().stream()
                .filter(t -> t.components().contains(componentName))
                .forEach(t -> values.put(t.pointer(), p.value())));
        return values;
    }

    /**
     * One deployment parameter.
     *
     * @param value the value (any JSON scalar or array)
     * @param targets where it goes
     */
    public record Parameter(JsonValue value, List<Target> targets) {
        public Parameter {
            Objects.requireNonNull(value, "value");
            targets = List.copyOf(targets);
        }
    }

    /**
     * Where a parameter goes.
     *
     * @param pointer Helm dot path or Compose environment variable name
     * @param components the components it applies to
     */
    public record Target(String pointer, List<String> components) {
        public Target {
            Objects.requireNonNull(pointer, "pointer");
            components = List.copyOf(components);
        }
    }
}
