package org.openmargo.agent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.agent.json.JsonValue;
import org.openmargo.agent.runtime.ComponentResult;
import org.openmargo.agent.runtime.ComponentSpec;
import org.openmargo.agent.runtime.DeploymentSpec;
import org.openmargo.agent.runtime.WorkloadRuntime;
import org.openmargo.agent.state.ComponentState;
import org.openmargo.agent.testclock.TestClock;
import org.openmargo.wfm.testpki.TestPki;

/**
 * A {@code wait: false} component is accepted at once and becomes ready later (here 3 s on the test clock): its
 * {@code installed} is reported within the re-observe interval (5 s) of the runtime showing it, not at the next poll
 * five minutes later.
 */
class WaitFalseComponentTest {
    private static final Instant START = Instant.parse("2030-03-01T08:00:00Z");
    private static final Duration STARTS_IN = Duration.ofSeconds(3);
    private static final Duration REOBSERVE = Duration.ofSeconds(5);
    private static final Release.Deployment LATE = new Release.Deployment("7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d",
            Release.Deployment.of("7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d", "1.0.0", "web").yaml()
                    .replace("          revision: 1.0.0\n", "          revision: 1.0.0\n          wait: false\n"));

    @TempDir
    java.nio.file.Path dir;
    private final TestClock clock = new TestClock(START);
    private FaultServer server;
    private AgentRig agent;

    @BeforeEach
    void start() throws Exception {
        TestPki pki = TestPki.create("plant.example", "wfm-a");
        server = FaultServer.start(pki, clock);
        AgentRig.writeIdentity(pki, dir);
        agent = AgentRig.start(server, clock, dir, () -> AgentRig.POLL, List.of(), new StartsLater());
    }

    @AfterEach
    void stop() {
        agent.close();
        server.close();
    }

    @Test
    void waitFalseComponent_readyAfterApply_reportedInstalledWithinTheReobserveInterval() throws Exception {
        assertThat(LATE.yaml()).contains("wait: false");
        server.publish(Release.of(1, LATE));

        while (states().stream().noneMatch("installed"::equals) && clock.instant().isBefore(START.plusSeconds(600))) {
            agent.pass();
        }

        List<String> states = states();
        assertThat(states).startsWith("installing").contains("installed");
        Instant reported = agent.posts.get(states.indexOf("installed"));
        assertThat(reported).isAfterOrEqualTo(START.plus(STARTS_IN))
                .isBeforeOrEqualTo(START.plus(STARTS_IN).plus(REOBSERVE));
    }

    private List<String> states() {
        return StatusBody.parseAll(server.statuses()).stream().map(StatusBody::state).toList();
    }

    /** Accepts every apply at once; the runtime shows the component ready {@link #STARTS_IN} after the apply. */
    private final class StartsLater implements WorkloadRuntime {
        private volatile Instant applied = Instant.MAX;

        @Override
        public ComponentResult apply(DeploymentSpec deployment, ComponentSpec component,
                                     Map<String, JsonValue> values, Duration timeout) {
            applied = clock.instant();
            return new ComponentResult.Done();
        }

        @Override
        public ComponentResult remove(DeploymentSpec deployment, ComponentSpec component, Duration timeout) {
            return new ComponentResult.Done();
        }

        @Override
        public Map<String, ComponentState> observe(DeploymentSpec deployment) {
            boolean ready = !clock.instant().isBefore(applied.plus(STARTS_IN));
            return Map.of("web", ready ? ComponentState.INSTALLED : ComponentState.INSTALLING);
        }
    }
}
