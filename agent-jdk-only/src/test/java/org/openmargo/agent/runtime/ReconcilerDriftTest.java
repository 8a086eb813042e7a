package org.openmargo.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openmargo.agent.runtime.Deployments.ID;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.openmargo.agent.state.AgentState;
import org.openmargo.agent.state.ComponentState;
import org.openmargo.agent.status.StatusReport;

class ReconcilerDriftTest {
    private final Deployments deployments = new Deployments();
    private final RecordingRuntime runtime = new RecordingRuntime();
    private final List<StatusReport> reports = new ArrayList<>();
    private final Reconciler reconciler = new Reconciler(runtime, deployments, reports::add, s -> { },
            Deployments::device);
    private final String digest = deployments.add(Deployments.document(ID, "", "web:1.0.0", "db:2.0.0"));
    private final AgentState installed = reconciler.reconcile(AgentState.empty()
            .withManifest(new AgentState.Manifest(8, "\"etag\"", Optional.empty()))
            .withDesired(Map.of(ID, new AgentState.Desired(digest, 8)))).state();

    private List<String> summaries() {
        return reports.stream().map(Deployments::summary).toList();
    }

    private void clear() {
        runtime.calls.clear();
        reports.clear();
    }

    @Test
    void reconcile_nothingDrifted_onlyObserves() {
        clear();

        ReconcileOutcome outcome = reconciler.reconcile(installed);

        assertThat(runtime.calls).containsExactly("observe shop");
        assertThat(reports).isEmpty();
        assertThat(outcome).isEqualTo(new ReconcileOutcome.Converged(installed));
    }

    @Test
    void reconcile_runtimeLostAReleaseInARestart_reappliesItAndReports() {
        clear();
        runtime.forget("db");

        ReconcileOutcome outcome = reconciler.reconcile(installed);

        assertThat(runtime.calls).containsExactly("observe shop", "apply db 2.0.0 10m0s {}");
        assertThat(summaries()).containsExactly("v8 installing web=installed db=installing",
                "v8 installed web=installed db=installed");
        assertThat(outcome).isEqualTo(new ReconcileOutcome.Converged(installed));
    }

    @Test
    void reconcile_componentFailedInTheRuntime_repairFailureIsReported() {
        clear();
        runtime.observe("web", ComponentState.FAILED)
                .answer("apply", "web", new ComponentResult.Failed("HELM_UPGRADE_FAILED", "image pull backoff"));

        ReconcileOutcome outcome = reconciler.reconcile(installed);

        assertThat(runtime.calls).containsExactly("observe shop", "apply web 1.0.0 10m0s {}");
        assertThat(summaries()).containsExactly("v8 installing web=installing db=installed",
                "v8 failed [HELM_UPGRADE_FAILED|shop|component web failed: image pull backoff]"
                        + " web=failed [HELM_UPGRADE_FAILED|web|image pull backoff] db=installed");
        assertThat(outcome).isEqualTo(new ReconcileOutcome.Degraded(outcome.state(), List.of(ID)));
    }

    @Test
    void reconcile_componentStillStarting_isNotDrift() {
        clear();
        runtime.observe("web", ComponentState.INSTALLING);

        reconciler.reconcile(installed);

        assertThat(runtime.calls).containsExactly("observe shop");
        assertThat(reports).isEmpty();
    }

    @Test
    void reconcile_observeThrows_skipsTheCheck() {
        clear();
        runtime.forget("db").explode("observe", "shop", new IllegalStateException("helm: cluster unreachable"));

        assertThat(reconciler.reconcile(installed)).isEqualTo(new ReconcileOutcome.Converged(installed));
        assertThat(runtime.calls).containsExactly("observe shop");
        assertThat(reports).isEmpty();
    }

    @Test
    void reconcile_deploymentNoLongerDesired_isRemovedNotRepaired() {
        clear();
        runtime.forget("db");

        reconciler.reconcile(installed.withDesired(Map.of()));

        assertThat(runtime.calls).containsExactly("remove db 10m0s", "remove web 10m0s");
    }
}
