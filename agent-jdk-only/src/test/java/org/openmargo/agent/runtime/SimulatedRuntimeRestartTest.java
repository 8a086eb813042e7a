package org.openmargo.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openmargo.agent.runtime.Deployments.ID;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.agent.simulated.SimulatedRuntime;
import org.openmargo.agent.state.AgentState;
import org.openmargo.agent.status.StatusReport;

/**
 * An agent restart with {@code runtime = simulated}: the new process finds what the old one "installed", so it reports
 * nothing new (no step back to {@code installing} at the WFM), exactly as with a real runtime whose workloads run on.
 */
class SimulatedRuntimeRestartTest {
    @TempDir
    Path dir;

    private final Deployments deployments = new Deployments();
    private final String digest = deployments.add(Deployments.document(ID, "", "web:1.0.0", "db:2.0.0"));
    private final List<StatusReport> reports = new ArrayList<>();

    private Reconciler agentProcess() throws IOException {
        SimulatedRuntime runtime = SimulatedRuntime.persistent(Duration.ZERO, 0.0, new Random(7),
                dir.resolve("simulated/installed.tsv"));
        return new Reconciler(runtime, deployments, reports::add, s -> { }, Deployments::device);
    }

    @Test
    void reconcile_afterRestart_reportsNothingAndStaysConverged() throws IOException {
        ReconcileOutcome first = agentProcess().reconcile(AgentState.empty()
                .withManifest(new AgentState.Manifest(8, "\"etag\"", Optional.empty()))
                .withDesired(Map.of(ID, new AgentState.Desired(digest, 8))));
        assertThat(first).isInstanceOf(ReconcileOutcome.Converged.class);
        assertThat(reports).last().extracting(Deployments::summary).isEqualTo("v8 installed web=installed db=installed");
        AgentState installed = first.state();
        reports.clear();

        ReconcileOutcome afterRestart = agentProcess().reconcile(installed);

        assertThat(reports).isEmpty();
        assertThat(afterRestart).isEqualTo(new ReconcileOutcome.Converged(installed));
    }

    @Test
    void reconcile_afterRestartWithTheRecordDeleted_reappliesAsAfterARuntimeReset() throws IOException {
        AgentState installed = agentProcess().reconcile(AgentState.empty()
                .withDesired(Map.of(ID, new AgentState.Desired(digest, 8)))).state();
        reports.clear();
        Files.delete(dir.resolve("simulated/installed.tsv"));

        agentProcess().reconcile(installed);

        // What every restart reported before the runtime kept its record: the step back this class pins.
        assertThat(reports.stream().map(Deployments::summary)).containsExactly(
                "v8 installing web=installing db=pending", "v8 pending web=installed db=pending",
                "v8 installing web=installed db=installing", "v8 installed web=installed db=installed");
    }
}
