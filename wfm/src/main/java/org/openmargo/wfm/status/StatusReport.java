package org.openmargo.wfm.status;

import java.util.List;
import java.util.Optional;

/**
 * A DeploymentStatusManifest (spec d.1) that passed the syntactic rules: states are known, the overall state is the
 * most severe component state, the body's deploymentId equals the path.
 *
 * @param deploymentId           the deployment reported on
 * @param deviceId               the device hosting it, when given
 * @param adoptedManifestVersion the manifest version the report refers to (unsigned 64-bit)
 * @param state                  overall state
 * @param components             one entry per component, in the order received
 * @param json                   the exact body as received
 */
public record StatusReport(String deploymentId, Optional<String> deviceId, long adoptedManifestVersion,
                           DeploymentState state, List<ComponentStatus> components, byte[] json) {
    public StatusReport {
        components = List.copyOf(components);
    }

    /**
     * @param name  component name
     * @param state its state
     */
    public record ComponentStatus(String name, DeploymentState state) {
    }
}
