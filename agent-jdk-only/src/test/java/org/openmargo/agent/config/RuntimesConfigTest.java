package org.openmargo.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimesConfigTest {
    @TempDir
    Path dir;

    private AgentConfig load(String extra) {
        return AgentConfigLoader.load(ConfigFixture.in(dir).write(ConfigFixture.MINIMAL + extra), Map.of());
    }

    private List<String> problems(String extra) {
        Path file = ConfigFixture.in(dir).write(ConfigFixture.MINIMAL + extra);
        return catchThrowableOfType(ConfigException.class, () -> AgentConfigLoader.load(file, Map.of())).problems();
    }

    private String origin(int line) {
        return dir.resolve("agent.conf") + ":" + line;
    }

    @Test
    void load_noRuntimeKeys_everyRuntimeHasItsDefaults() {
        Runtimes runtimes = load("").runtimes();

        assertThat(runtimes.helm()).isEqualTo(new Runtimes.Helm(Path.of("helm"), Optional.empty(), List.of(),
                Duration.ofMinutes(10)));
        assertThat(runtimes.compose()).isEqualTo(new Runtimes.Compose(List.of(), false));
        assertThat(runtimes.simulated()).isEqualTo(new Runtimes.Simulated(Duration.ofMillis(200), 0.0));
    }

    @Test
    void load_everyRuntimeKey_isRead() throws IOException {
        Path helm = Files.writeString(dir.resolve("helm-3.16"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(helm, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("k3s.yaml"), "apiVersion: v1\n");

        Runtimes runtimes = load("""
                helm.binary = ./helm-3.16
                helm.kubeconfig = k3s.yaml
                helm.extra-flags = --kube-context=edge, --debug
                helm.default-timeout = PT2M
                compose.command = podman   compose
                compose.remove-volumes = true
                simulated.step-time = PT0S
                simulated.failure-rate = 0.25
                """).runtimes();

        assertThat(runtimes.helm()).isEqualTo(new Runtimes.Helm(helm.toAbsolutePath(),
                Optional.of(dir.resolve("k3s.yaml").toAbsolutePath()), List.of("--kube-context=edge", "--debug"),
                Duration.ofMinutes(2)));
        assertThat(runtimes.compose()).isEqualTo(new Runtimes.Compose(List.of("podman", "compose"), true));
        assertThat(runtimes.simulated()).isEqualTo(new Runtimes.Simulated(Duration.ZERO, 0.25));
    }

    @Test
    void load_badRuntimeValues_nameFileLineKeyAndReason() {
        List<String> problems = problems("""
                helm.binary = ./no-such-helm
                helm.kubeconfig = missing.yaml
                helm.extra-flags = --kube-context edge
                helm.default-timeout = PT2H
                compose.remove-volumes = yes
                simulated.step-time = soon
                simulated.failure-rate = 1.5
                """);

        assertThat(problems).containsExactlyInAnyOrder(
                origin(10) + ": helm.binary: expected a command name such as helm or the path of an executable file"
                        + " but got './no-such-helm'",
                origin(11) + ": helm.kubeconfig: expected a readable file but " + dir.resolve("missing.yaml")
                        + " is missing or unreadable",
                origin(12) + ": helm.extra-flags: expected a flag such as --kube-context=edge (a leading -, no spaces)"
                        + " but got '--kube-context edge'",
                origin(13) + ": helm.default-timeout: expected an ISO-8601 duration such as PT5M from PT1S to PT1H"
                        + " but got 'PT2H'",
                origin(14) + ": compose.remove-volumes: expected one of false|true but got 'yes'",
                origin(15) + ": simulated.step-time: expected an ISO-8601 duration such as PT5M from PT0S to PT1M"
                        + " but got 'soon'",
                origin(16) + ": simulated.failure-rate: expected a number from 0.0 to 1.0 but got '1.5'");
    }

    @Test
    void load_emptyCommand_isAProblemNotTheDefault() {
        assertThat(problems("compose.command =\nhelm.binary =\n")).containsExactly(
                origin(11) + ": helm.binary: expected a value but it is empty (remove the line for the default helm)",
                origin(10) + ": compose.command: expected a value but it is empty (remove the line for the default"
                        + " auto)");
    }

    @Test
    void check_runtimeSettingChanged_needsRestart() {
        assertThat(ConfigWatcher.changedOutsideSchedule(load(""), load("compose.remove-volumes = true\n")))
                .containsExactly("compose.*");
        assertThat(ConfigWatcher.changedOutsideSchedule(load(""), load("helm.default-timeout = PT1M\n")))
                .containsExactly("helm.*");
    }
}
