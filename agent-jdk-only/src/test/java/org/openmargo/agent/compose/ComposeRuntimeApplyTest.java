package org.openmargo.agent.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openmargo.agent.compose.Deployments.TIMEOUT;
import static org.openmargo.agent.compose.Deployments.component;
import static org.openmargo.agent.compose.Deployments.parameter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.agent.process.CommandRunner;
import org.openmargo.agent.runtime.ComponentResult;
import org.openmargo.agent.runtime.ComponentSpec;
import org.openmargo.agent.runtime.DeploymentSpec;

class ComposeRuntimeApplyTest {
    private static final String DB = "-f /stored/db-1.0.0.yaml";
    private static final String API = "-f /stored/api-2.1.0+build.7.yaml";
    private static final String UI = "-f /stored/ui-0.3.0.yaml";

    @TempDir
    Path dir;
    private ComposeStandIn compose;
    private ComposeRuntime runtime;
    private String p;

    @BeforeEach
    void setUp() {
        compose = new ComposeStandIn(dir);
        runtime = new ComposeRuntime(new ComposeSettings(compose.command(), false, Duration.ofSeconds(1)),
                new CommandRunner(Duration.ofMillis(400)), Deployments.STORED, dir.resolve("compose-work"));
        p = "-p " + Deployments.project() + " --project-directory " + dir.resolve("compose-work");
    }

    @Test
    void apply_threeComponentsWithWait_upsCumulativelyInOrderAndRemovesOrphansOnlyWithTheLast() {
        List<ComponentResult> results = applyAll(Deployments.of(Deployments.three(true)));

        assertThat(results).containsOnly(new ComponentResult.Done());
        assertThat(compose.lines()).containsExactly(
                p + " " + DB + " up -d --wait --wait-timeout 120",
                p + " " + DB + " " + API + " up -d --wait --wait-timeout 120",
                p + " " + DB + " " + API + " " + UI + " up -d --remove-orphans --wait --wait-timeout 120");
        // Compose reads a .env from its project directory (--project-directory, and the working directory): an agent-owned,
        // empty one, never the agent's own working directory.
        assertThat(compose.calls()).allSatisfy(call ->
                assertThat(call.workingDirectory()).isEqualTo(dir.resolve("compose-work").toString()));
    }

    @Test
    void apply_threeComponentsWithoutWait_upsWithoutWaitFlags() {
        applyAll(Deployments.of(Deployments.three(false)));

        assertThat(compose.lines()).containsExactly(
                p + " " + DB + " up -d",
                p + " " + DB + " " + API + " up -d",
                p + " " + DB + " " + API + " " + UI + " up -d --remove-orphans");
    }

    @Test
    void apply_secondOfThreeFails_isFailedWithCodeAndStderrAndStopsThere() {
        compose.failOn("up", 2);

        List<ComponentResult> results = applyAll(Deployments.of(Deployments.three(true)));

        assertThat(results).containsExactly(new ComponentResult.Done(), new ComponentResult.Failed(
                "COMPOSE_UP_FAILED", String.join(" ", compose.command())
                        + " up exited with 1: Error response from daemon: up call 2 refused"));
        assertThat(compose.lines()).hasSize(2);
    }

    @Test
    void apply_newRevision_upsTheNewReferenceWithRemoveOrphansAndNeverDown() {
        DeploymentSpec v1 = Deployments.of(List.of(component("db", "1.0.0", true)));
        DeploymentSpec v2 = Deployments.of(List.of(component("db", "1.1.0", true)));
        applyAll(v1);

        ComponentResult result = applyAll(v2).getFirst();

        assertThat(result).isEqualTo(new ComponentResult.Done());
        assertThat(compose.lines()).containsExactly(
                p + " " + DB + " up -d --remove-orphans --wait --wait-timeout 120",
                p + " -f /stored/db-1.1.0.yaml up -d --remove-orphans --wait --wait-timeout 120");
        assertThat(compose.calls()).noneSatisfy(call -> assertThat(call.argv()).contains("down"));
        assertThat(compose.calls()).noneSatisfy(call -> assertThat(call.argv()).contains("--volumes"));
    }

    @Test
    void apply_componentNotInDeployment_failsWithoutCallingCompose() {
        DeploymentSpec deployment = Deployments.of(Deployments.three(true));

        ComponentResult result = runtime.apply(deployment, component("other", "1.0.0", true), Map.of(), TIMEOUT);

        assertThat(result).isInstanceOf(ComponentResult.Failed.class)
                .extracting(r -> ((ComponentResult.Failed) r).code()).isEqualTo("COMPOSE_UNKNOWN_COMPONENT");
        assertThat(compose.calls()).isEmpty();
    }

    @Test
    void apply_sourceRefusesTheFiles_failsWithItsCodeWithoutCallingCompose() {
        ComposeSource refusing = component -> new ComposeSource.Resolution.Refused("OCI_INVALID",
                "layer sha256:ab… does not match its descriptor");
        ComposeRuntime refused = new ComposeRuntime(new ComposeSettings(compose.command(), false,
                Duration.ofSeconds(1)), new CommandRunner(Duration.ofMillis(400)), refusing, dir.resolve("compose-work"));
        DeploymentSpec deployment = Deployments.of(List.of(component("db", "1.0.0", true)));

        ComponentResult result = refused.apply(deployment, deployment.components().getFirst(), Map.of(), TIMEOUT);

        assertThat(result).isEqualTo(new ComponentResult.Failed("OCI_INVALID",
                "component db: layer sha256:ab… does not match its descriptor"));
        assertThat(compose.calls()).isEmpty();
    }

    /** Applies the components in order as the reconciler does, stopping at the first that is not done. */
    private List<ComponentResult> applyAll(DeploymentSpec deployment) {
        List<ComponentResult> results = new ArrayList<>();
        for (ComponentSpec component : deployment.components()) {
            ComponentResult result = runtime.apply(deployment, component, deployment.valuesFor(component.name()),
                    component.timeout());
            results.add(result);
            if (!(result instanceof ComponentResult.Done)) {
                break;
            }
        }
        return results;
    }
}
