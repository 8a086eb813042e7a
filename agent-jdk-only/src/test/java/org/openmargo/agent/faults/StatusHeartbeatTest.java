package org.openmargo.agent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The periodic re-report of the current status ({@code status.interval}, PT15M in the rig). */
class StatusHeartbeatTest extends FaultScenario {
    private static final Release.Deployment A =
            Release.Deployment.of("5d1c2b3a-4e5f-4a6b-9c7d-8e9f0a1b2c3d", "1.0.0", "db");

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
