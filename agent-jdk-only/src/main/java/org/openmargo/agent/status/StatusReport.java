package org.openmargo.agent.status;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.openmargo.agent.state.ComponentState;
import org.openmargo.agent.state.ComponentStatus;
import org.openmargo.agent.state.StatusError;

/**
 * One deployment status report (digest d.1): the content of a {@code DeploymentStatusManifest}.
 *
 * @param deploymentId the ApplicationDeployment {@code id}
 * @param deviceId the device hosting the deployment; required on the wire when reporting for a child device
 * @param adoptedManifestVersion unsigned 64-bit: the version in which the reported digest first appeared, or for a
 *                               removal the version that dropped the deployment (digest d.4)
 * @param state the overall state; must be the most severe component state (digest d.2)
 * @param error the overall error, source = the deployment's {@code metadata.name}
 * @param components exactly one entry per component of the deployment, in listed order
 * @throws IllegalArgumentException if components are empty or repeat a name, or {@code state} is not the aggregate
 */
public record StatusReport(String deploymentId, Optional<String> deviceId, long adoptedManifestVersion,
        ComponentState state, Optional<StatusError> error, List<ComponentStatus> components) {

    public StatusReport {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(error, "error");
        components = List.copyOf(components);
        Set<String> names = new HashSet<>();
        components.forEach(c -> {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("component reported twice: " + c.name());
            }
        });
        ComponentState aggregate = ComponentState.mostSevere(components.stream().map(ComponentStatus::state).toList());
        if (state != aggregate) {
            throw new IllegalArgumentException("overall state " + state + " is not the aggregate " + aggregate);
        }
    }

    /** Returns a report whose overall state is derived from the components. */
    public static StatusReport of(String deploymentId, Optional<String> deviceId, long adoptedManifestVersion,
            Optional<StatusError> error, List<ComponentStatus> components) {
        ComponentState state = ComponentState.mostSevere(components.stream().map(ComponentStatus::state).toList());
        return new StatusReport(deploymentId, deviceId, adoptedManifestVersion, state, error, components);
    }
}
