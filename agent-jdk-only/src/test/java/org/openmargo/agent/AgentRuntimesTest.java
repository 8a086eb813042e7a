package org.openmargo.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.agent.compose.ComposeCli;
import org.openmargo.agent.compose.ComposeRuntime;
import org.openmargo.agent.compose.ComposeSettings;
import org.openmargo.agent.config.AgentConfig;
import org.openmargo.agent.config.AgentConfigLoader;
import org.openmargo.agent.config.Runtimes;
import org.openmargo.agent.helm.HelmRuntime;
import org.openmargo.agent.helm.HelmSettings;
import org.openmargo.agent.simulated.SimulatedRuntime;

class AgentRuntimesTest {
    @TempDir
    Path dir;

    private AgentConfig config(String runtime) throws IOException {
        for (String name : List.of("bundle.json", "svid.pem", "svid-key.pem")) {
            Files.writeString(dir.resolve(name), name);
        }
        Path file = Files.writeString(dir.resolve("agent.conf"), """
                wfm.url = https://wfm.example.com
                trust.bundle = bundle.json
                identity.certificate = svid.pem
                identity.private-key = svid-key.pem
                device.id = edge-01
                device.vendor = Acme
                device.model = M1
                device.serial = S-1
                runtime = """ + runtime + "\n");
        return AgentConfigLoader.load(file, Map.of());
    }

    @Test
    void runtime_eachKind_isBuiltFromItsSettings() throws IOException {
        assertThat(Agent.runtime(config("helm"))).isInstanceOf(HelmRuntime.class);
        assertThat(Agent.runtime(config("compose"))).isInstanceOf(ComposeRuntime.class);
        assertThat(Agent.runtime(config("simulated"))).isInstanceOf(SimulatedRuntime.class);
    }

    @Test
    void helmSettings_takeConfiguredValuesAndTheRuntimesGrace() {
        Runtimes.Helm helm = new Runtimes.Helm(Path.of("/opt/helm"), Optional.of(Path.of("/etc/k3s.yaml")),
                List.of("--kube-context=edge"), Duration.ofMinutes(3));

        assertThat(Agent.helmSettings(helm)).isEqualTo(new HelmSettings(Path.of("/opt/helm"),
                Optional.of(Path.of("/etc/k3s.yaml")), List.of("--kube-context=edge"), Duration.ofMinutes(3),
                HelmSettings.defaults().commandGrace()));
    }

    @Test
    void composeSettings_takeConfiguredValuesAndTheRuntimesGrace() {
        ComposeCli cli = new ComposeCli(List.of("podman", "compose"), ComposeCli.Dialect.V2, "1.0.0");

        assertThat(Agent.composeSettings(cli, new Runtimes.Compose(List.of("podman", "compose"), true))).isEqualTo(
                new ComposeSettings(cli, List.of("docker"), true, ComposeSettings.defaults().commandGrace()));
    }
}
