package org.openmargo.agent.compose;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openmargo.agent.json.JsonValue;
import org.openmargo.agent.runtime.ComponentSpec;
import org.openmargo.agent.runtime.DeploymentSpec;

/** Compose deployments for the tests: db, api, ui in that order. */
final class Deployments {
    static final String ID = "6f1c2b9a-0d4e-4c1a-9b7e-2f0a5d3c8e11";
    static final Duration TIMEOUT = Duration.ofMinutes(2);

    /**
     * Stand-in compose files: {@code /stored/<name>-<revision>.yaml}. The recording CLI never opens them; the real
     * files and their registry are covered by {@code RegistrySourceTest} and the end-to-end test.
     */
    static final ComposeSource STORED = component -> new ComposeSource.Resolution.Files(List.of(stored(component)));

    private Deployments() {
    }

    static Path stored(ComponentSpec component) {
        return Path.of("/stored/" + component.name() + "-" + component.revision() + ".yaml");
    }

    static ComponentSpec component(String name, String revision, boolean waitUntilReady) {
        return new ComponentSpec(name, "oci://registry.example/shop/" + name, revision, waitUntilReady, TIMEOUT);
    }

    static List<ComponentSpec> three(boolean waitUntilReady) {
        return List.of(component("db", "1.0.0", waitUntilReady), component("api", "2.1.0+build.7", waitUntilReady),
                component("ui", "0.3.0", waitUntilReady));
    }

    static DeploymentSpec of(List<ComponentSpec> components) {
        return of(components, Map.of());
    }

    static DeploymentSpec of(List<ComponentSpec> components, Map<String, DeploymentSpec.Parameter> parameters) {
        return new DeploymentSpec(ID, "Shop Floor/Line 1", Optional.of("default"), "device-1",
                DeploymentSpec.ProfileType.COMPOSE, components, new LinkedHashMap<>(parameters));
    }

    static DeploymentSpec.Parameter parameter(JsonValue value, String pointer, String... components) {
        return new DeploymentSpec.Parameter(value, List.of(new DeploymentSpec.Target(pointer, List.of(components))));
    }

    static String project() {
        return ProjectName.of(of(three(true)));
    }
}
