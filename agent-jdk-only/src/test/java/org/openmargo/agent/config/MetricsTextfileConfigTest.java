package org.openmargo.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code metrics.textfile}: validated like every other key, with file:line problems. */
class MetricsTextfileConfigTest {
    @TempDir
    Path dir;

    private List<String> problems(String line) {
        Path file = ConfigFixture.in(dir).write(ConfigFixture.MINIMAL + line + "\n");
        return catchThrowableOfType(ConfigException.class, () -> AgentConfigLoader.load(file, Map.of())).problems();
    }

    private String origin() {
        return dir.resolve("agent.conf") + ":10";
    }

    @Test
    void load_unset_hasNoTextfile() {
        AgentConfig config = AgentConfigLoader.load(ConfigFixture.in(dir).write(ConfigFixture.MINIMAL), Map.of());

        assertThat(config.metricsTextfile()).isEmpty();
    }

    @Test
    void load_promFileInMissingDirectory_isAcceptedAndResolvedAgainstTheConfigDirectory() {
        AgentConfig config = AgentConfigLoader.load(ConfigFixture.in(dir).write(ConfigFixture.MINIMAL
                + "metrics.textfile = textfile/openmargo_agent.prom\n"), Map.of());

        assertThat(config.metricsTextfile()).contains(dir.resolve("textfile/openmargo_agent.prom").toAbsolutePath());
    }

    @Test
    void load_nameNotEndingInProm_isAProblemWithFileAndLine() {
        assertThat(problems("metrics.textfile = /var/lib/node_exporter/textfile/openmargo_agent.txt"))
                .containsExactly(origin() + ": metrics.textfile: expected a file name ending in .prom"
                        + " (node_exporter's textfile collector reads only *.prom) but got openmargo_agent.txt");
    }

    @Test
    void load_existingDirectory_isAProblemWithFileAndLine() throws Exception {
        Path directory = Files.createDirectories(dir.resolve("metrics.prom"));

        assertThat(problems("metrics.textfile = metrics.prom"))
                .containsExactly(origin() + ": metrics.textfile: expected a file but " + directory.toAbsolutePath()
                        + " is not one");
    }

    @Test
    void load_environmentOverride_isValidatedToo() {
        Path file = ConfigFixture.in(dir).write(ConfigFixture.MINIMAL);

        List<String> problems = catchThrowableOfType(ConfigException.class, () -> AgentConfigLoader.load(file,
                Map.of("MARGO_AGENT_METRICS_TEXTFILE", "/tmp/agent.metrics"))).problems();

        assertThat(problems).containsExactly("environment MARGO_AGENT_METRICS_TEXTFILE: metrics.textfile: expected a"
                + " file name ending in .prom (node_exporter's textfile collector reads only *.prom) but got"
                + " agent.metrics");
    }

    @Test
    void restartNeeded_textfileChanged_isNamed() {
        AgentConfig a = AgentConfigLoader.load(ConfigFixture.in(dir).write(ConfigFixture.MINIMAL), Map.of());
        AgentConfig b = new AgentConfig(a.wfmUrl(), a.trust(), a.identity(), a.stateDir(), a.runtime(),
                a.runtimes(), a.schedule(), a.statusInterval(), a.device(), Optional.of(dir.resolve("a.prom")));

        assertThat(ConfigWatcher.changedOutsideSchedule(a, b)).containsExactly("metrics.textfile");
    }
}
