package org.openmargo.agent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.agent.testclock.TestClock;
import org.openmargo.wfm.testpki.TestPki;

/** The periodic re-report of the current status ({@code status.interval}, PT15M in the rig). */
class StatusHeartbeatTest {
    private static final Instant START = Instant.parse("2030-03-01T08:00:00Z");
    private static final Release.Deployment A =
            Release.Deployment.of("5d1c2b3a-4e5f-4a6b-9c7d-8e9f0a1b2c3d", "1.0.0", "db");

    @TempDir
    Path dir;
    private FaultServer server;
    private AgentRig agent;

    @BeforeEach
    void start() throws Exception {
        TestPki pki = TestPki.create("plant.example", "wfm-a");
        TestClock clock = new TestClock(START);
        server = FaultServer.start(pki, clock);
        agent = AgentRig.start(pki, server, clock, dir);
    }

    @AfterEach
    void stop() {
        agent.close();
        server.close();
    }

    @Test
    void heartbeat_afterStatusIntervalWithoutChanges_reportsTheSameStatusAgainAndNeverBusyLoops() throws Exception {
        server.publish(Release.of(1, A));
        Instant wake = agent.cycle.runDue();
        List<String> first = server.statuses();
        int passes = 1;
        while (agent.clock.instant().isBefore(START.plus(Duration.ofMinutes(16)))) {
            assertThat(wake).as("each pass schedules the next one later").isAfter(agent.clock.instant());
            agent.clock.set(wake);
            wake = agent.cycle.runDue();
            passes++;
        }

        assertThat(first).hasSize(1);
        assertThat(server.statuses()).hasSize(2).allMatch(body -> body.equals(first.get(0)));
        assertThat(passes).as("polls every ~5 min plus one heartbeat, not a busy loop").isLessThan(10);
    }
}
