package org.openmargo.agent.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.agent.process.CommandRunner;
import org.openmargo.agent.runtime.ComponentResult;
import org.openmargo.agent.runtime.ComponentSpec;
import org.openmargo.agent.runtime.DeploymentSpec;

class ComposeRuntimeRemoveTest {
    private static final String RUNNING_DB = """
            {"Name":"p-db-1","Service":"db","State":"running","Health":"","ExitCode":0}""";

    @TempDir
    Path dir;

    @Test
    void remove_lastComponentByDefault_rmsItsServicesThenDownsTheEmptyProjectKeepingVolumes() {
        ComposeStandIn compose = new ComposeStandIn(dir);
        String p = "-p " + Deployments.project() + " --project-directory " + dir.resolve("compose-work");

        List<ComponentResult> results = removeAll(runtime(compose, false));

        assertThat(results).containsOnly(new ComponentResult.Done());
        assertThat(compose.lines()).containsExactly(
                p + " -f /stored/ui-0.3.0.yaml rm --stop --force",
                p + " ps --all --format json",
                p + " down",
                p + " -f /stored/api-2.1.0+build.7.yaml rm --stop --force",
                p + " ps --all --format json",
                p + " down",
                p + " -f /stored/db-1.0.0.yaml rm --stop --force",
                p + " ps --all --format json",
                p + " down");
    }

    @Test
    void remove_withRemoveVolumesConfigured_passesVolumesToRmAndDown() {
        ComposeStandIn compose = new ComposeStandIn(dir);
        DeploymentSpec deployment = Deployments.of(Deployments.three(true));
        ComponentSpec db = deployment.components().getFirst();
        String p = "-p " + Deployments.project() + " --project-directory " + dir.resolve("compose-work");

        runtime(compose, true).remove(deployment, db, db.timeout());

        assertThat(compose.lines()).containsExactly(
                p + " -f /stored/db-1.0.0.yaml rm --stop --force -v",
                p + " ps --all --format json",
                p + " down --volumes");
    }

    @Test
    void remove_otherComponentsStillHaveContainers_leavesTheProjectUp() {
        ComposeStandIn compose = new ComposeStandIn(dir);
        compose.ps(RUNNING_DB);
        DeploymentSpec deployment = Deployments.of(Deployments.three(true));
        ComponentSpec api = deployment.components().get(1);

        ComponentResult result = runtime(compose, false).remove(deployment, api, api.timeout());

        assertThat(result).isEqualTo(new ComponentResult.Done());
        assertThat(compose.lines()).hasSize(2).noneMatch(line -> line.contains("down"));
    }

    @Test
    void remove_rmFails_isFailedWithRmCodeAndNoDown() {
        ComposeStandIn compose = new ComposeStandIn(dir);
        compose.fail("rm");
        DeploymentSpec deployment = Deployments.of(Deployments.three(true));
        ComponentSpec db = deployment.components().getFirst();

        ComponentResult result = runtime(compose, false).remove(deployment, db, db.timeout());

        assertThat(result).isEqualTo(new ComponentResult.Failed("COMPOSE_RM_FAILED",
                String.join(" ", compose.command()) + " rm exited with 1: Error response from daemon: rm call 1 refused"));
        assertThat(compose.lines()).hasSize(1);
    }

    private ComposeRuntime runtime(ComposeStandIn compose, boolean removeVolumes) {
        return new ComposeRuntime(new ComposeSettings(compose.command(), removeVolumes, Duration.ofSeconds(1)),
                new CommandRunner(Duration.ofMillis(400)), Deployments.STORED, dir.resolve("compose-work"));
    }

    /** Removes the components in reverse order as the reconciler does. */
    private static List<ComponentResult> removeAll(ComposeRuntime runtime) {
        DeploymentSpec deployment = Deployments.of(Deployments.three(true));
        return deployment.components().reversed().stream()
                .map(c -> runtime.remove(deployment, c, c.timeout())).toList();
    }
}
