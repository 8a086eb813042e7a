package org.openmargo.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.agent.config.AgentConfig.Peripheral;
import org.openmargo.agent.config.AgentConfig.RuntimeKind;
import org.openmargo.agent.config.AgentConfig.Trust;
import org.openmargo.agent.schedule.Backoff;
import org.openmargo.agent.schedule.Jitter;
import org.openmargo.agent.schedule.PollWindows;

class AgentConfigLoaderTest {
    private static final Path EXAMPLE = Path.of("src/main/dist/agent.conf.example");

    @TempDir
    Path dir;

    private List<String> problems(String text, Map<String, String> environment) {
        Path file = ConfigFixture.in(dir).write(text);
        return catchThrowableOfType(ConfigException.class,
                () -> AgentConfigLoader.load(file, environment)).problems();
    }

    private String origin(int line) {
        return dir.resolve("agent.conf") + ":" + line;
    }

    @Test
    void load_minimalFile_everyOtherKeyHasItsDefault() {
        AgentConfig config = AgentConfigLoader.load(ConfigFixture.in(dir).write(ConfigFixture.MINIMAL), Map.of());

        assertThat(config.wfmUrl()).hasToString("https://wfm.example.com");
        assertThat(config.trust()).isEqualTo(new Trust.Bundle(dir.resolve("bundle.json").toAbsolutePath()));
        assertThat(config.identity().privateKey()).isEqualTo(dir.resolve("svid-key.pem").toAbsolutePath());
        assertThat(config.stateDir()).isEqualTo(Path.of("/var/lib/openmargo-agent"));
        assertThat(config.runtime()).isEqualTo(RuntimeKind.COMPOSE);
        assertThat(config.schedule().pollRate()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.schedule().jitter()).isEqualTo(new Jitter(10));
        assertThat(config.schedule().windows()).isEqualTo(new PollWindows(List.of(), ZoneId.of("UTC")));
        assertThat(config.schedule().downtime().windows()).isEmpty();
        assertThat(config.schedule().backoff()).isEqualTo(Backoff.defaults());
        assertThat(config.statusInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.statusSchedule().pollRate()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.device().supportedRuntimes()).containsExactly("oci");
        assertThat(config.device().supportedDeploymentTypes()).containsExactly("compose");
        assertThat(config.device().otelCollector()).isTrue();
    }

    @Test
    void load_exampleFileWithLocalPathsFromEnvironment_readsEveryValue() throws IOException {
        ConfigFixture fixture = ConfigFixture.in(dir);
        Path file = fixture.write(Files.readString(EXAMPLE));
        Map<String, String> environment = Map.of(
                "MARGO_AGENT_TRUST_BUNDLE", dir.resolve("bundle.json").toString(),
                "MARGO_AGENT_IDENTITY_CERTIFICATE", dir.resolve("svid.pem").toString(),
                "MARGO_AGENT_IDENTITY_PRIVATE_KEY", dir.resolve("svid-key.pem").toString(),
                "PATH", "/usr/bin");

        AgentConfig config = AgentConfigLoader.load(file, environment);

        assertThat(config.schedule().windows().windows()).hasToString("[06:00-22:00, 23:00-01:30]");
        assertThat(config.schedule().windows().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(config.schedule().downtime().windows()).hasSize(3);
        assertThat(config.device().labels()).containsEntry("example.com/site", "plant-7").hasSize(2);
        assertThat(config.device().peripherals()).containsExactly(
                new Peripheral("gpu", Optional.of("NVIDIA"), Optional.of("T4")),
                new Peripheral("camera", Optional.empty(), Optional.empty()));
    }

    @Test
    void exampleFile_documentsEveryKey() throws IOException {
        String example = Files.readString(EXAMPLE);
        List<ConfigKey> keys = Arrays.asList(ConfigKey.values());

        assertThat(keys).isNotEmpty().allSatisfy(key ->
                assertThat(example).containsPattern("(?m)^#? ?" + java.util.regex.Pattern.quote(key.key()) + " = "));
    }

    @Test
    void load_badDuration_namesFileLineKeyAndReason() {
        List<String> problems = problems(ConfigFixture.MINIMAL + "poll.rate = 5 minutes\n", Map.of());

        assertThat(problems).containsExactly(origin(10) + ": poll.rate: expected an ISO-8601 duration such as PT5M"
                + " from PT1S to PT24H but got '5 minutes'");
    }

    @Test
    void load_severalProblems_reportsAllOfThem() {
        String text = ConfigFixture.MINIMAL.replace("runtime = compose", "runtime = docker") + """
                pol.rate = PT1M
                poll.windows = 06:00-22:00, 6-22
                this line has no equals sign
                poll.jitter-percent = 60
                """;

        assertThat(problems(text, Map.of())).containsExactlyInAnyOrder(
                origin(10) + ": pol.rate: unknown key; did you mean poll.rate?",
                origin(12) + ": expected 'key = value' but got 'this line has no equals sign'",
                origin(5) + ": runtime: expected one of compose|helm|simulated but got 'docker'",
                origin(13) + ": poll.jitter-percent: expected a whole number from 0 to 50 but got '60'",
                origin(11) + ": poll.windows: expected a daily window HH:MM-HH:MM such as 06:00-22:00 but got '6-22'");
    }

    @Test
    void load_missingRequiredKeys_namesTheFile() {
        String text = ConfigFixture.MINIMAL.replace("wfm.url = https://wfm.example.com\n", "")
                .replace("device.serial = S-1\n", "");

        assertThat(problems(text, Map.of())).containsExactly(
                dir.resolve("agent.conf") + ": wfm.url: required but not set",
                dir.resolve("agent.conf") + ": device.serial: required but not set");
    }

    @Test
    void load_environmentVariable_overridesTheFileAndIsNamedInErrors() {
        Path file = ConfigFixture.in(dir).write(ConfigFixture.MINIMAL + "poll.rate = PT5M\n");

        assertThat(AgentConfigLoader.load(file, Map.of("MARGO_AGENT_POLL_RATE", "PT1M")).schedule().pollRate())
                .isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> AgentConfigLoader.load(file, Map.of("MARGO_AGENT_POLL_RATE", "1m",
                "MARGO_AGENT_POLL_RAT", "PT1M")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("environment MARGO_AGENT_POLL_RATE: poll.rate: expected an ISO-8601 duration")
                .hasMessageContaining("environment MARGO_AGENT_POLL_RAT: unknown variable; did you mean"
                        + " MARGO_AGENT_POLL_RATE?");
    }

    @Test
    void load_duplicateKey_pointsAtBothLines() {
        assertThat(problems(ConfigFixture.MINIMAL + "runtime = helm\n", Map.of()))
                .containsExactly(origin(10) + ": runtime: set twice (first at " + origin(5) + ")");
    }

    @Test
    void load_trustBootstrap_exactlyOneWayAndPinsWithDiscovery() {
        String both = ConfigFixture.MINIMAL + "trust.discovery-url = https://mis.example.com/.well-known/margo\n";
        String unpinned = both.replace("trust.bundle = bundle.json\n", "");
        String pinned = unpinned + "trust.pins = sha256:" + "AB".repeat(32) + "\n";

        assertThat(problems(both, Map.of())).containsExactly(
                origin(2) + ": trust.bundle: set trust.bundle or trust.discovery-url, not both");
        assertThat(problems(unpinned, Map.of())).containsExactly(
                dir.resolve("agent.conf") + ": trust.pins: required with trust.discovery-url but not set");
        assertThat(AgentConfigLoader.load(ConfigFixture.in(dir).write(pinned), Map.of()).trust())
                .isEqualTo(new Trust.Discovery(java.net.URI.create("https://mis.example.com/.well-known/margo"),
                        List.of("ab".repeat(32))));
    }

    @Test
    void load_missingIdentityFileAndHttpUrl_rejected() {
        String text = ConfigFixture.MINIMAL.replace("svid.pem", "missing.pem").replace("https://wfm", "http://wfm");

        assertThat(problems(text, Map.of())).containsExactly(
                origin(1) + ": wfm.url: expected an https URL such as https://wfm.example.com but got"
                        + " 'http://wfm.example.com'",
                origin(3) + ": identity.certificate: expected a readable file but " + dir.resolve("missing.pem")
                        + " is missing or unreadable");
    }

    @Test
    void load_backoffMaxBelowInitialAndBadDowntime_rejected() {
        String text = ConfigFixture.MINIMAL + """
                backoff.initial = PT1M
                backoff.max = PT30S
                downtime.weekly = SUNDAY 01:00-05:00, XYZ 01:00-02:00
                downtime.once = 2026-12-27T06:00:00Z/2026-12-24T18:00:00Z
                """;

        assertThat(problems(text, Map.of())).containsExactly(
                origin(12) + ": downtime.weekly: expected a weekly window such as SUN 01:00-05:00 but got"
                        + " 'SUNDAY 01:00-05:00'",
                origin(12) + ": downtime.weekly: expected a weekly window such as SUN 01:00-05:00 but got"
                        + " 'XYZ 01:00-02:00'",
                origin(13) + ": downtime.once: expected a range of two ISO-8601 instants such as"
                        + " 2026-12-24T18:00:00Z/2026-12-27T06:00:00Z but got"
                        + " '2026-12-27T06:00:00Z/2026-12-24T18:00:00Z'",
                origin(11) + ": backoff.max: expected at least backoff.initial (PT1M) but got 'PT30S'");
    }

    @Test
    void load_unreadableFile_oneProblemNamingIt() {
        Path missing = dir.resolve("nope.conf");

        assertThatThrownBy(() -> AgentConfigLoader.load(missing, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(missing + ": cannot read the configuration: java.nio.file.NoSuchFileException");
    }
}
