package org.openmargo.agent.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openmargo.agent.state.AgentState;

/**
 * What a newly served manifest changes for this agent (spec c.7 step 6): the YAMLs it still has to fetch, the new
 * desired set, and the deployments the manifest no longer lists (the only deletion signal). Pure: no I/O.
 *
 * @param missing   references whose exact bytes the agent does not hold yet
 * @param desired   the new desired set; {@code adoptedManifestVersion} is the version in which a deployment's current
 *                  digest first appeared, kept while later manifests leave it unchanged (spec d.4)
 * @param removed   ids desired before and absent now
 */
public record ManifestDiff(List<ManifestDocument.Ref> missing, Map<String, AgentState.Desired> desired,
                           List<String> removed) {
    public ManifestDiff {
        missing = List.copyOf(missing);
        desired = Map.copyOf(desired);
        removed = List.copyOf(removed);
    }

    /** The diff of {@code next} against the state {@code current}. */
    public static ManifestDiff of(AgentState current, ManifestDocument next) {
        List<ManifestDocument.Ref> missing = new ArrayList<>();
        Map<String, AgentState.Desired> desired = new LinkedHashMap<>();
        for (ManifestDocument.Ref ref : next.deployments()) {
            if (current.yaml(ref.digest()).isEmpty()) {
                missing.add(ref);
            }
            AgentState.Desired before = current.desired().get(ref.deploymentId());
            long adopted = before != null && before.digest().equals(ref.digest())
                    ? before.adoptedManifestVersion() : next.version();
            desired.put(ref.deploymentId(), new AgentState.Desired(ref.digest(), adopted));
        }
        List<String> removed = current.desired().keySet().stream()
                .filter(id -> !desired.containsKey(id)).sorted().toList();
        return new ManifestDiff(missing, desired, removed);
    }
}
