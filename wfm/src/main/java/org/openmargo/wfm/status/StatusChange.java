package org.openmargo.wfm.status;

import java.time.Instant;
import java.util.List;

/**
 * One entry of a deployment's status history: a report that changed the overall state or a component's state.
 *
 * @param seq                    position in the deployment's history, increasing by one per change
 * @param adoptedManifestVersion the version the report referred to
 * @param state                  overall state it reported
 * @param components             every component with its state, in the order received
 * @param receivedAt             when it was stored
 */
public record StatusChange(long seq, long adoptedManifestVersion, DeploymentState state,
                           List<StatusReport.ComponentStatus> components, Instant receivedAt) {
    public StatusChange {
        components = List.copyOf(components);
    }

    /**
     * True when {@code report} reports the same overall state and the same state for each component as this entry
     * (in whatever order the components come).
     */
    boolean sameStates(StatusReport report) {
        return state == report.state() && byName(components).equals(byName(report.components()));
    }

    private static java.util.Map<String, DeploymentState> byName(List<StatusReport.ComponentStatus> list) {
        java.util.Map<String, DeploymentState> map = new java.util.HashMap<>();
        list.forEach(c -> map.put(c.name(), c.state()));
        return map;
    }
}
