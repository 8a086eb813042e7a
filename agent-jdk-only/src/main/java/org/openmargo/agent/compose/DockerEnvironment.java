package org.openmargo.agent.compose;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Docker connection settings of the agent's own environment ({@code DOCKER_HOST}, {@code DOCKER_CONTEXT}, ...),
 * passed on to every Compose call: the process runner hands a CLI only a minimal environment, and a device whose
 * engine is not on the default socket must still be reachable. They win over a deployment parameter of the same name.
 */
final class DockerEnvironment {
    private static final List<String> NAMES = List.of("DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG",
            "DOCKER_CERT_PATH", "DOCKER_TLS_VERIFY", "DOCKER_API_VERSION");

    private DockerEnvironment() {
    }

    /** {@code variables} plus the Docker settings present in {@code agentEnvironment}. */
    static Map<String, String> with(Map<String, String> variables, Map<String, String> agentEnvironment) {
        Map<String, String> out = new HashMap<>(variables);
        for (String name : NAMES) {
            String value = agentEnvironment.get(name);
            if (value != null) {
                out.put(name, value);
            }
        }
        return out;
    }
}
