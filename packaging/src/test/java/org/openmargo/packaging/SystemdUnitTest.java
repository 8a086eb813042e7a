package org.openmargo.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's systemd unit: {@code systemd-analyze verify} must accept it without a single message (it exits 0 even
 * for unknown keys, so its output is what is checked), and the settings docs/deployment.md promises must be there. The
 * verify checks are skipped, with a message, where {@code systemd-analyze} is not installed.
 */
class SystemdUnitTest {
    private static final Path UNIT = Layout.PACKAGING.resolve("systemd/openmargo-agent.service");
    private static final String INSTALLED_IMAGE = "/opt/openmargo-agent";

    @TempDir
    Path dir;

    @Test
    void verify_theUnit_reportsNothing() throws Exception {
        assertThat(verify(Layout.read(UNIT))).isEmpty();
    }

    @Test
    void verify_aUnitWithAMisspelledKey_reportsIt() throws Exception {
        String broken = Layout.read(UNIT).replace("ProtectSystem=strict", "ProtectSystm=strict");

        assertThat(verify(broken)).contains("Unknown key 'ProtectSystm' in section [Service]");
    }

    @Test
    void unit_settings_areTheDocumentedOnes() {
        List<String> lines = Layout.read(UNIT).lines().map(String::strip).toList();

        assertThat(lines).contains("ExecStart=" + INSTALLED_IMAGE + "/bin/" + Layout.jlinkLauncher()
                        + " run --config /etc/openmargo-agent/agent.conf",
                "DynamicUser=yes", "StateDirectory=openmargo-agent",
                "Environment=MARGO_AGENT_STATE_DIR=/var/lib/openmargo-agent", "ProtectSystem=strict",
                "NoNewPrivileges=yes", "Restart=on-failure", "RestartPreventExitStatus=2", "SuccessExitStatus=143",
                "KillSignal=SIGTERM", "TimeoutStopSec=90s");
    }

    @Test
    void unit_environmentVariables_nameKeysOfTheAgentConfiguration() {
        String example = Layout.read(Layout.ROOT.resolve("agent-jdk-only/src/main/dist/agent.conf.example"));
        String prefix = "Environment=MARGO_AGENT_";
        List<String> variables = Layout.read(UNIT).lines().filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length(), l.indexOf('=', prefix.length()))).toList();

        assertThat(variables).containsExactlyInAnyOrder("STATE_DIR", "IDENTITY_CERTIFICATE", "IDENTITY_PRIVATE_KEY");
        for (String key : List.of("state.dir", "identity.certificate", "identity.private-key")) {
            assertThat(example).as("agent.conf.example documents %s", key).containsPattern("(?m)^#? ?" + key.replace(
                    ".", "\\.") + " =");
        }
    }

    /**
     * Runs {@code systemd-analyze verify} on {@code unit} with the installed image's path pointed at a stand-in
     * launcher in the temp directory (verify checks that ExecStart is an executable file) and returns its output.
     */
    private String verify(String unit) throws IOException, InterruptedException {
        assumeTrue(onPath("systemd-analyze"), "systemd-analyze is not installed: the unit file was not verified");
        Path launcher = dir.resolve("image/bin/" + Layout.jlinkLauncher());
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path file = dir.resolve("openmargo-agent.service");
        Files.writeString(file, unit.replace(INSTALLED_IMAGE, dir.resolve("image").toString()));
        Process p = new ProcessBuilder(List.of("systemd-analyze", "verify", file.toString()))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return output.strip();
    }

    private static boolean onPath(String command) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        return dirs.stream().anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, command)));
    }
}
