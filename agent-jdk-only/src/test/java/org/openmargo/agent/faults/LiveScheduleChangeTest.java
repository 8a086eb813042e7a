package org.openmargo.agent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.agent.ConfigReloadStep;
import org.openmargo.agent.config.AgentConfig;
import org.openmargo.agent.config.ConfigWatcher;
import org.openmargo.agent.simulated.SimulatedRuntime;
import org.openmargo.agent.testclock.TestClock;
import org.openmargo.wfm.testpki.TestPki;

/**
 * An edit of the schedule in the configuration file decides the next wake-up at once, even while the agent sleeps
 * through a downtime window or a long poll interval: the poll the new schedule calls for comes within 2 s of the edit.
 */
class LiveScheduleChangeTest {
    private static final Instant START = Instant.parse("2030-03-01T08:00:00Z");
    private static final String MANIFEST = "/api/v1/deployments";

    @TempDir
    Path dir;
    private FaultServer server;
    private AgentRig agent;
    private Path config;
    private final TestClock clock = new TestClock(START);

    @BeforeEach
    void start() throws Exception {
        TestPki pki = TestPki.create("plant.example", "wfm-a");
        server = FaultServer.start(pki, clock);
        AgentRig.Identity identity = AgentRig.writeIdentity(pki, dir);
        config = dir.resolve("agent.conf");
        Files.writeString(config, """
                wfm.url = https://127.0.0.1:%d
                trust.bundle = %s
                identity.certificate = %s
                identity.private-key = %s
                state.dir = %s
                runtime = simulated
                device.id = %s
                device.vendor = Example Industrial
                device.model = EX-1
                device.serial = SN-0001
                device.supported-deployment-types = helm
                """.formatted(server.port(), identity.bundle(), identity.chain(), identity.key(),
                dir.resolve("agent-state"), Release.DEVICE));
    }

    private void startAgent(String schedule) throws Exception {
        Files.writeString(config, Files.readString(config) + schedule);
        ConfigWatcher watcher = ConfigWatcher.start(config, Map.of());
        AtomicReference<AgentConfig> current = new AtomicReference<>(watcher.current());
        agent = AgentRig.start(server, clock, dir, () -> current.get().schedule(),
                List.of(new ConfigReloadStep(watcher, current, clock)),
                new SimulatedRuntime(Duration.ZERO, 0.0, new Random(7)));
    }

    @Test
    void downtimeRemovedWhileAsleepInIt_pollsWithin2SecondsOfTheEdit() throws Exception {
        startAgent("downtime.once = 2030-03-01T07:00:00Z/2030-03-01T14:00:00Z\n");
        Instant wake = agent.pass();
        assertThat(server.requests()).as("silent in downtime").isEmpty();
        assertThat(wake).isBeforeOrEqualTo(START.plusSeconds(1));

        Instant edited = clock.instant();
        Files.writeString(config, Files.readString(config).replace("downtime.once", "# downtime.once"));
        while (at(MANIFEST).isEmpty() && clock.instant().isBefore(edited.plusSeconds(10))) {
            agent.pass();
        }

        assertThat(at(MANIFEST)).hasSize(1);
        assertThat(Duration.between(edited, at(MANIFEST).getFirst())).isLessThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void rateShortenedWhileWaitingAnHour_nextPollFollowsTheNewRateFromTheLastAnswer() throws Exception {
        startAgent("poll.rate = PT1H\npoll.jitter-percent = 0\n");
        agent.pass();
        assertThat(at(MANIFEST)).containsExactly(START);

        Instant edited = START.plusSeconds(30);
        clock.set(edited);
        Files.writeString(config, Files.readString(config).replace("poll.rate = PT1H", "poll.rate = PT1M"));
        while (at(MANIFEST).size() < 2 && clock.instant().isBefore(START.plusSeconds(300))) {
            agent.pass();
        }

        assertThat(at(MANIFEST)).containsExactly(START, START.plusSeconds(60));
    }

    private List<Instant> at(String path) {
        return server.requests().stream().filter(r -> r.path().equals(path)).map(FaultServer.Request::at).toList();
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        server.close();
    }
}
