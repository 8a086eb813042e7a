package org.openmargo.agent.cycle;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Logger;

import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonValue;
import org.openmargo.agent.runtime.DeploymentSpec;
import org.openmargo.agent.state.AgentState;
import org.openmargo.agent.yaml.Yaml;
import org.openmargo.agent.yaml.YamlParseException;

/**
 * Parsed ApplicationDeployments by digest, for the reconciler: the YAML comes from the verified bytes of the current
 * agent state and is parsed once per digest (a digest names immutable bytes). An invalid document is empty here, so
 * the reconciler reports the deployment {@code failed} rather than applying a guess.
 */
final class SpecSource implements Function<String, Optional<DeploymentSpec>> {
    private static final Logger LOG = Logger.getLogger(SpecSource.class.getName());
    private final Map<String, Optional<DeploymentSpec>> parsed = new ConcurrentHashMap<>();
    private volatile AgentState state = AgentState.empty();

    /** Makes the YAMLs of this state available. */
    void use(AgentState current) {
        this.state = current;
        parsed.keySet().retainAll(current.yamls().keySet());
    }

    @Override
    public Optional<DeploymentSpec> apply(String digest) {
        return parsed.computeIfAbsent(digest, d -> state.yaml(d).flatMap(blob -> parse(d, blob.bytes())));
    }

    private static Optional<DeploymentSpec> parse(String digest, byte[] yaml) {
        try {
            JsonValue doc = Yaml.parse(yaml);
            if (doc instanceof JsonObject root) {
                return Optional.of(DeploymentSpec.parse(root));
            }
            LOG.warning(() -> "deployment " + digest + " is not a YAML mapping");
        } catch (YamlParseException | RuntimeException e) {
            LOG.warning(() -> "deployment " + digest + " cannot be applied: " + e.getMessage());
        }
        return Optional.empty();
    }
}
