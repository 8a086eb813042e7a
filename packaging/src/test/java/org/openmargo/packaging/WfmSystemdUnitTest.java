package org.openmargo.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WFM's systemd unit: {@code systemd-analyze verify} accepts it without a message, it waits for the readiness
 * endpoint of the observability listener at the default host and port the WFM's built-in configuration has, and it
 * runs the jar the WFM module builds.
 */
class WfmSystemdUnitTest {
    private static final Path UNIT = Layout.PACKAGING.resolve("systemd/openmargo-wfm.service");

    @TempDir
    Path dir;

    @Test
    void verify_theUnit_reportsNothing() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")) && Files.isExecutable(Path.of("/usr/bin/java")),
                "systemd-analyze or /usr/bin/java is not installed: the WFM unit file was not verified");
        Path file = dir.resolve("openmargo-wfm.service");
        Files.writeString(file, Layout.read(UNIT));
        Process p = new ProcessBuilder(List.of("systemd-analyze", "verify", file.toString()))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output.strip()).isEmpty();
    }

    @Test
    void unit_waitsForReadinessOnTheDefaultObservabilityAddress() {
        String unit = Layout.read(UNIT);
        String defaults = Layout.read(Layout.ROOT.resolve("wfm/src/main/resources/application.yaml"));

        assertThat(defaults).contains("  observe:\n    enabled: true\n    host: \"127.0.0.1\"\n    port: 9464\n");
        assertThat(unit).contains("ExecStartPost=/bin/sh -c 'for i in $(seq 1 90); do curl -fsS -o /dev/null "
                + "http://127.0.0.1:9464/observe/health/ready && exit 0;");
        assertThat(unit.lines().map(String::strip).toList()).contains("RestartPreventExitStatus=2", "DynamicUser=yes",
                "StateDirectory=openmargo-wfm", "Environment=WFM_DATA_dash_DIR=/var/lib/openmargo-wfm");
        assertThat(unit).contains("-jar /opt/openmargo-wfm/wfm.jar --config /etc/openmargo-wfm/wfm.yaml");
    }
}
