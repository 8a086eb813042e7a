package org.openmargo.agent.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.agent.process.CommandRunner;
import org.openmargo.agent.runtime.ComponentResult;
import org.openmargo.agent.runtime.ComponentSpec;
import org.openmargo.agent.runtime.DeploymentSpec;

class ComposeRuntimeTimeoutTest {
    private static final Duration SHORT = Duration.ofMillis(800);
    private static final Duration GRACE = Duration.ofMillis(300);

    @TempDir
    Path dir;
    private ComposeStandIn compose;
    private ComposeRuntime runtime;

    @BeforeEach
    void setUp() {
        compose = new ComposeStandIn(dir);
        runtime = new ComposeRuntime(new ComposeSettings(compose.command(), false, GRACE),
                new CommandRunner(Duration.ofMillis(400)), Deployments.STORED, dir.resolve("compose-work"));
    }

    @Test
    void apply_componentTimeout_isTheWaitTimeoutInWholeSecondsRoundedUp() {
        ComponentSpec slow = new ComponentSpec("db", "oci://registry.example/shop/db", "1.0.0", true,
                Duration.ofMinutes(8).plusSeconds(30));
        DeploymentSpec deployment = Deployments.of(List.of(slow));

        runtime.apply(deployment, slow, Map.of(), slow.timeout());
        runtime.apply(deployment, slow, Map.of(), Duration.ofMillis(1500));

        assertThat(compose.calls()).extracting(call -> call.argv().subList(call.argv().size() - 2,
                call.argv().size())).containsExactly(List.of("--wait-timeout", "510"), List.of("--wait-timeout", "2"));
    }

    @Test
    void apply_composeHangs_isTimedOutWithinTimeoutPlusGraces() {
        compose.hang("up");

        long start = System.nanoTime();
        ComponentResult result = applyFirst();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result).isEqualTo(new ComponentResult.TimedOut(SHORT));
        assertThat(took).isGreaterThanOrEqualTo(SHORT).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void apply_composeWaitTimeoutFailsAfterTheTimeout_isTimedOutNotFailed() {
        compose.slow("up", 1.0);
        compose.fail("up");

        assertThat(applyFirst()).isEqualTo(new ComponentResult.TimedOut(SHORT));
    }

    @Test
    void remove_downHangs_isTimedOut() {
        compose.hang("down");
        DeploymentSpec deployment = Deployments.of(Deployments.three(true));
        ComponentSpec db = deployment.components().getFirst();

        assertThat(runtime.remove(deployment, db, SHORT)).isEqualTo(new ComponentResult.TimedOut(SHORT));
    }

    private ComponentResult applyFirst() {
        DeploymentSpec deployment = Deployments.of(Deployments.three(true));
        ComponentSpec db = deployment.components().getFirst();
        return runtime.apply(deployment, db, Map.of(), SHORT);
    }
}
