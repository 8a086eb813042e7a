package org.openmargo.agent.sync;

import java.util.Map;
import java.util.Optional;

import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonValue;
import org.openmargo.agent.state.AgentState.Blob;
import org.openmargo.agent.yaml.Yaml;
import org.openmargo.agent.yaml.YamlParseException;

/**
 * The checks of spec c.7 step 9 that decide whether a manifest can be accepted: each YAML parses, its {@code id} equals
 * the deploymentId that references it, and it names a target device. The full component checks happen when the
 * deployment is reconciled, where a bad document becomes a {@code failed} status rather than a blocked sync.
 */
final class DeploymentCheck {
    private DeploymentCheck() {
    }

    static Optional<String> firstProblem(ManifestDocument manifest, Map<String, Blob> yamls) {
        for (ManifestDocument.Ref ref : manifest.deployments()) {
            Blob blob = yamls.get(ref.digest());
            if (blob == null) {
                return Optional.of("deployment " + ref.deploymentId() + " has no verified YAML");
            }
            JsonValue doc;
            try {
                doc = Yaml.parse(blob.bytes());
            } catch (YamlParseException e) {
                return Optional.of("deployment " + ref.deploymentId() + " is not valid YAML: " + e.getMessage());
            }
            if (!(doc instanceof JsonObject root)) {
                return Optional.of("deployment " + ref.deploymentId() + " is not a YAML mapping");
            }
            if (!root.string("id").map(id -> id.equalsIgnoreCase(ref.deploymentId())).orElse(false)) {
                return Optional.of("deployment " + ref.deploymentId() + " has a different top-level id");
            }
            boolean targeted = root.object("metadata").flatMap(m -> m.string("deviceId")).isPresent();
            if (!targeted) {
                return Optional.of("deployment " + ref.deploymentId() + " names no metadata.deviceId");
            }
        }
        return Optional.empty();
    }
}
