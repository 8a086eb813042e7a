package org.openmargo.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's command line: help, validate-config, status, and the exit codes for bad input. */
class MainTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Path config;

    @BeforeEach
    void files() throws Exception {
        for (String name : new String[] {"bundle.json", "svid.pem", "svid.key"}) {
            Files.writeString(dir.resolve(name), name);
        }
        config = dir.resolve("agent.conf");
        Files.writeString(config, """
                wfm.url = https://wfm.example.com
                trust.bundle = bundle.json
                identity.certificate = svid.pem
                identity.private-key = svid.key
                state.dir = state
                runtime = simulated
                device.id = edge-01
                device.vendor = Acme
                device.model = M1
                device.serial = S-1
                """);
    }

    private int run(Map<String, String> env, String... args) {
        return Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void help_printsUsageAndExits0() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(stdout()).contains("Usage: agent").contains("--once").contains("validate-config");
    }

    @Test
    void validateConfig_validFile_exits0AndSummarizes() {
        assertThat(run(Map.of(), "validate-config", "--config", config.toString())).isZero();
        assertThat(stdout()).contains("valid").contains("https://wfm.example.com").contains("edge-01");
    }

    @Test
    void validateConfig_badValue_exits2WithFileLineAndReason() throws Exception {
        Files.writeString(config, Files.readString(config) + "poll.rate = 5 minutes\n");
        assertThat(run(Map.of(), "validate-config", "--config", config.toString())).isEqualTo(2);
        assertThat(stderr()).contains(config + ":11: poll.rate").contains("'5 minutes'");
    }

    @Test
    void validateConfig_badEnvironmentOverride_exits2NamingTheVariable() {
        assertThat(run(Map.of("MARGO_AGENT_POLL_JITTER_PERCENT", "90"), "validate-config", "--config",
                config.toString())).isEqualTo(2);
        assertThat(stderr()).contains("MARGO_AGENT_POLL_JITTER_PERCENT");
    }

    @Test
    void status_beforeAnyRun_saysSoAndExits0() {
        assertThat(run(Map.of(), "status", "--config", config.toString())).isZero();
        assertThat(stdout()).isEqualTo("the agent has not run with state.dir " + dir.resolve("state")
                + " (no status yet)" + System.lineSeparator());
    }

    @Test
    void statusJson_beforeAnyRun_printsTheShapeWithNullsAndExits0() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-05T00:00:00Z"), ZoneOffset.UTC);
        assertThat(Main.run(new String[] {"status", "--json", "--config", config.toString()}, Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                clock)).isZero();
        assertThat(stdout()).isEqualTo("{\"format\":1,\"now\":\"2026-12-05T00:00:00Z\",\"writtenAt\":null,"
                + "\"deviceId\":null,\"lastSync\":null,\"lastSuccessfulSync\":null,\"manifestVersion\":null,"
                + "\"deployments\":[],\"pendingReports\":null,\"nextWakeUp\":null,\"nextExchange\":null,\"svid\":null,"
                + "\"trustBundle\":null,"
                + "\"pollsSinceStart\":null}" + System.lineSeparator());
    }

    @Test
    void statusJson_damagedStatusFile_exits1NamingTheFile() throws Exception {
        Path file = Files.createDirectories(dir.resolve("state")).resolve("agent-status.json");
        Files.writeString(file, "{\"lastSync\":\"never\"}");
        assertThat(run(Map.of(), "status", "--json", "--config", config.toString())).isEqualTo(1);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).isEqualTo("agent: cannot read the status: " + file
                + ": not a status file the agent wrote: lastSuccessfulSync is missing" + System.lineSeparator());
    }

    @Test
    void json_withAnotherCommand_exits2() {
        assertThat(run(Map.of(), "validate-config", "--json", "--config", config.toString())).isEqualTo(2);
        assertThat(stderr()).contains("--json does not apply to 'validate-config'");
    }

    @Test
    void run_missingConfigFile_exits2() {
        assertThat(run(Map.of(), "--once", "--config", dir.resolve("absent.conf").toString())).isEqualTo(2);
        assertThat(stderr()).contains("cannot read the configuration file");
    }

    @Test
    void run_unreadableSvid_exits1WithReason() {
        assertThat(run(Map.of(), "--once", "--config", config.toString())).isEqualTo(1);
        assertThat(stderr()).contains("cannot start").contains("svid.pem");
    }

    @Test
    void unknownArgument_exits2() {
        assertThat(run(Map.of(), "--frobnicate")).isEqualTo(2);
        assertThat(stderr()).contains("unknown argument '--frobnicate'");
    }
}
