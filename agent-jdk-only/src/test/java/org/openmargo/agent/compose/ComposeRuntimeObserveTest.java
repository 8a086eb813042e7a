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
import org.openmargo.agent.runtime.ComponentSpec;
import org.openmargo.agent.runtime.DeploymentSpec;
import org.openmargo.agent.state.ComponentState;

class ComposeRuntimeObserveTest {
    @TempDir
    Path dir;
    private ComposeStandIn compose;
    private ComposeRuntime runtime;
    private DeploymentSpec deployment;

    @BeforeEach
    void setUp() {
        compose = new ComposeStandIn(dir);
        runtime = new ComposeRuntime(new ComposeSettings(compose.command(), false, Duration.ofSeconds(1)),
                new CommandRunner(Duration.ofMillis(400)), Deployments.STORED, dir.resolve("compose-work"));
        deployment = Deployments.of(List.of(Deployments.component("db", "1.0.0", true),
                Deployments.component("api", "2.1.0+build.7", true), Deployments.component("ui", "0.3.0", true),
                Deployments.component("jobs", "1.0.0", true)));
        for (ComponentSpec component : deployment.components()) {
            compose.services(Deployments.stored(component).toString(), component.name(), component.name() + "-sidecar");
        }
    }

    @Test
    void observe_linePerContainer_mapsServicesToComponentStates() {
        compose.ps(
                container("db", "running", "healthy", 0), container("db-sidecar", "running", "", 0),
                container("api", "running", "starting", 0), container("api-sidecar", "running", "", 0),
                container("ui", "running", "", 0), container("ui-sidecar", "exited", "", 1));

        Map<String, ComponentState> states = runtime.observe(deployment);

        assertThat(states).containsExactlyInAnyOrderEntriesOf(Map.of("db", ComponentState.INSTALLED,
                "api", ComponentState.INSTALLING, "ui", ComponentState.FAILED));
        String p = "-p " + Deployments.project() + " --project-directory " + dir.resolve("compose-work");
        assertThat(compose.lines()).first().isEqualTo(p + " ps --all --format json");
        assertThat(compose.lines()).contains(p + " -f /stored/api-2.1.0+build.7.yaml config --services");
    }

    @Test
    void observe_jsonArrayOfOlderCompose_isReadToo() {
        compose.ps("[" + container("db", "running", "unhealthy", 0) + ","
                + container("jobs", "exited", "", 0) + "," + container("jobs-sidecar", "created", "", 0) + "]");

        Map<String, ComponentState> states = runtime.observe(deployment);

        assertThat(states).containsExactlyInAnyOrderEntriesOf(Map.of("db", ComponentState.FAILED,
                "jobs", ComponentState.INSTALLING));
    }

    @Test
    void observe_noContainers_isEmptyWithoutAskingForServices() {
        Map<String, ComponentState> states = runtime.observe(deployment);

        assertThat(states).isEmpty();
        assertThat(compose.lines()).hasSize(1);
    }

    @Test
    void observe_psFails_isEmpty() {
        compose.ps(container("db", "running", "", 0));
        compose.fail("ps");

        assertThat(runtime.observe(deployment)).isEmpty();
    }

    private static String container(String service, String state, String health, int exitCode) {
        return "{\"Name\":\"p-" + service + "-1\",\"Service\":\"" + service + "\",\"State\":\"" + state
                + "\",\"Health\":\"" + health + "\",\"ExitCode\":" + exitCode + ",\"Labels\":\"a=b,c=d\"}";
    }
}
