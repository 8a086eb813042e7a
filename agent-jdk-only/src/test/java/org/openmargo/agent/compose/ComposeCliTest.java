package org.openmargo.agent.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.agent.process.CommandRunner;

/** Which Compose CLI the agent picks at start, and the dialect it reads from the CLI's own version. */
class ComposeCliTest {
    @TempDir
    Path dir;

    private String cli(String name, String versionOutput, int exit) throws Exception {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\ncase \"$*\" in *'version --short') ;; *) exit 9;; esac\nprintf '%s\\n' '"
                + versionOutput + "'\nexit " + exit + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script.toString();
    }

    @Test
    void detect_configuredV1Binary_isV1WithItsVersion() throws Exception {
        String binary = cli("docker-compose", "1.29.2", 0);

        ComposeCli cli = ComposeCli.detect(Optional.of(List.of(binary)), new CommandRunner(Duration.ofMillis(200)));

        assertThat(cli).isEqualTo(new ComposeCli(List.of(binary), ComposeCli.Dialect.V1, "1.29.2"));
        assertThat(cli.labels()).isEqualTo(Map.of("openmargo.org/compose-cli", "v1",
                "openmargo.org/compose-version", "1.29.2"));
    }

    @Test
    void detect_v2PluginWithLeadingV_isV2() throws Exception {
        String binary = cli("docker", "v2.29.7", 0);

        ComposeCli cli = ComposeCli.detect(Optional.of(List.of(binary, "compose")),
                new CommandRunner(Duration.ofMillis(200)));

        assertThat(cli.dialect()).isEqualTo(ComposeCli.Dialect.V2);
        assertThat(cli.version()).isEqualTo("2.29.7");
    }

    @Test
    void detect_cliThatFails_fallsBackToV2UnknownWithTheConfiguredCommand() throws Exception {
        String binary = cli("broken", "docker: 'compose' is not a docker command.", 1);

        ComposeCli cli = ComposeCli.detect(Optional.of(List.of(binary)), new CommandRunner(Duration.ofMillis(200)));

        assertThat(cli).isEqualTo(new ComposeCli(List.of(binary), ComposeCli.Dialect.V2, "unknown"));
    }

    @Test
    void detect_versionOutputNotAVersion_isNotTrusted() throws Exception {
        String binary = cli("odd", "<html>", 0);

        assertThat(ComposeCli.detect(Optional.of(List.of(binary)), new CommandRunner(Duration.ofMillis(200)))
                .version()).isEqualTo("unknown");
    }
}
