package org.openmargo.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openmargo.agent.runtime.Deployments.ID;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.openmargo.agent.state.AgentState;
import org.openmargo.agent.state.ComponentState;
import org.openmargo.agent.state.ComponentStatus;
import org.openmargo.agent.status.StatusReport;

class ReconcilerTest {
    private static final String NO_PARAMETERS = "";

    private final Deployments deployments = new Deployments();
    private final RecordingRuntime runtime = new RecordingRuntime();
    private final List<StatusReport> reports = new ArrayList<>();
    private final List<AgentState> commits = new ArrayList<>();
    private final Reconciler reconciler = new Reconciler(runtime, deployments, reports::add, commits::add,
            Deployments::device);

    private static AgentState wanting(long version, String digest) {
        return AgentState.empty()
                .withManifest(new AgentState.Manifest(version, "\"etag\"", Optional.empty()))
                .withDesired(Map.of(ID, new AgentState.Desired(digest, version)));
    }

    private List<String> summaries() {
        return reports.stream().map(Deployments::summary).toList();
    }

    @Test
    void reconcile_newDeploymentWaitTrue_appliesInOrderAndReportsEveryChange() {
        String digest = deployments.add(Deployments.document(ID, NO_PARAMETERS, "web:1.0.0", "api:1.1.0_build.7",
                "db:2.0.0"));

        ReconcileOutcome outcome = reconciler.reconcile(wanting(8, digest));

        assertThat(runtime.calls).containsExactly("apply web 1.0.0 10m0s {}", "apply api 1.1.0+build.7 10m0s {}",
                "apply db 2.0.0 10m0s {}");
        assertThat(summaries()).containsExactly(
                "v8 pending web=pending api=pending db=pending",
                "v8 installing web=installing api=pending db=pending",
                "v8 pending web=installed api=pending db=pending",
                "v8 installing web=installed api=installing db=pending",
                "v8 pending web=installed api=installed db=pending",
                "v8 installing web=installed api=installed db=installing",
                "v8 installed web=installed api=installed db=installed");
        assertThat(outcome).isInstanceOf(ReconcileOutcome.Converged.class);
        assertThat(outcome.state().applied()).containsExactly(Map.entry(ID, new AgentState.Applied(digest, 8, List.of(
                ComponentStatus.of("web", ComponentState.INSTALLED), ComponentStatus.of("api", ComponentState.INSTALLED),
                ComponentStatus.of("db", ComponentState.INSTALLED)))));
        assertThat(commits).last().isEqualTo(outcome.state());
    }

    @Test
    void reconcile_waitFalse_startsNextAtOnceAndSettlesThroughObserve() {
        String digest = deployments.add(Deployments.document(ID, NO_PARAMETERS, "web:1.0.0:nowait", "db:2.0.0"));

        ReconcileOutcome first = reconciler.reconcile(wanting(8, digest));

        assertThat(first).isEqualTo(new ReconcileOutcome.Unsettled(first.state(), List.of(ID)));
        assertThat(summaries()).last().isEqualTo("v8 installing web=installing db=installed");

        runtime.observe("web", ComponentState.INSTALLED);
        ReconcileOutcome second = reconciler.reconcile(first.state());

        assertThat(runtime.calls).containsExactly("apply web 1.0.0 10m0s {}", "apply db 2.0.0 10m0s {}",
                "observe shop");
        assertThat(second).isInstanceOf(ReconcileOutcome.Converged.class);
        assertThat(summaries()).last().isEqualTo("v8 installed web=installed db=installed");
    }

    @Test
    void reconcile_secondOfThreeFails_stopsAndLeavesThirdPending() {
        String digest = deployments.add(Deployments.document(ID, NO_PARAMETERS, "web:1.0.0", "api:1.1.0", "db:2.0.0"));
        runtime.answer("apply", "api", new ComponentResult.Failed("HELM_INSTALL_FAILED", "image pull backoff"));

        ReconcileOutcome outcome = reconciler.reconcile(wanting(8, digest));

        assertThat(runtime.calls).containsExactly("apply web 1.0.0 10m0s {}", "apply api 1.1.0 10m0s {}");
        assertThat(outcome).isEqualTo(new ReconcileOutcome.Degraded(outcome.state(), List.of(ID)));
        assertThat(summaries()).last().isEqualTo("v8 failed [HELM_INSTALL_FAILED|shop|component api failed: image pull "
                + "backoff] web=installed api=failed [HELM_INSTALL_FAILED|api|image pull backoff] db=pending");
    }

    @Test
    void reconcile_retryAfterFailure_appliesFromTheFailedComponent() {
        String digest = deployments.add(Deployments.document(ID, NO_PARAMETERS, "web:1.0.0", "api:1.1.0", "db:2.0.0"));
        runtime.answer("apply", "api", new ComponentResult.TimedOut(Duration.ofSeconds(510)));
        AgentState failed = reconciler.reconcile(wanting(8, digest)).state();
        assertThat(summaries()).last().isEqualTo("v8 failed [TIMEOUT|shop|component api failed: not done within 8m30s]"
                + " web=installed api=failed [TIMEOUT|api|not done within 8m30s] db=pending");
        runtime.answer("apply", "api", new ComponentResult.Done());
        runtime.calls.clear();
        reports.clear();

        ReconcileOutcome outcome = reconciler.reconcile(failed);

        assertThat(runtime.calls).containsExactly("apply api 1.1.0 10m0s {}", "apply db 2.0.0 10m0s {}");
        assertThat(summaries()).first().isEqualTo("v8 pending web=installed api=pending db=pending");
        assertThat(outcome).isInstanceOf(ReconcileOutcome.Converged.class);
    }

    @Test
    void reconcile_oneRevisionChanged_reappliesOnlyThatComponentWithNewVersion() {
        String v1 = deployments.add(Deployments.document(ID, NO_PARAMETERS, "web:1.0.0", "api:1.1.0", "db:2.0.0"));
        String v2 = deployments.add(Deployments.document(ID, NO_PARAMETERS, "web:1.0.0", "api:1.2.0", "db:2.0.0"));
        AgentState installed = reconciler.reconcile(wanting(8, v1)).state();
        runtime.calls.clear();
        reports.clear();

        ReconcileOutcome outcome = reconciler.reconcile(installed.withManifest(
                new AgentState.Manifest(9, "\"etag2\"", Optional.empty()))
                .withDesired(Map.of(ID, new AgentState.Desired(v2, 9))));

        assertThat(runtime.calls).containsExactly("apply api 1.2.0 10m0s {}");
        assertThat(summaries()).containsExactly(
                "v9 pending web=installed api=pending db=installed",
                "v9 installing web=installed api=installing db=installed",
                "v9 installed web=installed api=installed db=installed");
        assertThat(outcome.state().applied().get(ID).digest()).isEqualTo(v2);
    }

    @Test
    void reconcile_deploymentDropped_removesInReverseOrderWithDroppingVersion() {
        String digest = deployments.add(Deployments.document(ID, NO_PARAMETERS, "web:1.0.0", "api:1.1.0", "db:2.0.0"));
        AgentState installed = reconciler.reconcile(wanting(8, digest)).state();
        runtime.calls.clear();
        reports.clear();

        ReconcileOutcome outcome = reconciler.reconcile(installed.withManifest(
                new AgentState.Manifest(12, "\"etag3\"", Optional.empty())).withDesired(Map.of()));

        assertThat(runtime.calls).containsExactly("remove db 10m0s", "remove api 10m0s", "remove web 10m0s");
        assertThat(summaries()).containsExactly(
                "v12 removing web=installed api=installed db=removing",
                "v12 installed web=installed api=installed db=removed",
                "v12 removing web=installed api=removing db=removed",
                "v12 installed web=installed api=removed db=removed",
                "v12 removing web=removing api=removed db=removed",
                "v12 removed web=removed api=removed db=removed");
        assertThat(outcome).isInstanceOf(ReconcileOutcome.Converged.class);
        assertThat(outcome.state().applied()).isEmpty();
    }

    @Test
    void reconcile_removalFails_keepsAppliedEntryForRetry() {
        String digest = deployments.add(Deployments.document(ID, NO_PARAMETERS, "web:1.0.0", "db:2.0.0"));
        AgentState installed = reconciler.reconcile(wanting(8, digest)).state();
        runtime.answer("remove", "web", new ComponentResult.Failed("HELM_UNINSTALL_FAILED", "release locked"));

        ReconcileOutcome outcome = reconciler.reconcile(installed.withDesired(Map.of()));

        assertThat(outcome).isEqualTo(new ReconcileOutcome.Degraded(outcome.state(), List.of(ID)));
        assertThat(summaries()).last().isEqualTo("v8 failed [HELM_UNINSTALL_FAILED|shop|component web failed: "
                + "release locked] web=failed [HELM_UNINSTALL_FAILED|web|release locked] db=removed");
        assertThat(outcome.state().applied().get(ID).components()).extracting(ComponentStatus::state)
                .containsExactly(ComponentState.FAILED, ComponentState.REMOVED);
    }

    @Test
    void reconcile_parameters_reachTargetedComponentsOnly() {
        String parameters = "\"tag\":{\"value\":\"v1\",\"targets\":[{\"pointer\":\"image.tag\",\"components\":"
                + "[\"web\",\"db\"]}]},\"port\":{\"value\":8080,\"targets\":[{\"pointer\":\"PORT\",\"components\":"
                + "[\"db\"]}]}";
        String digest = deployments.add(Deployments.document(ID, parameters, "web:1.0.0", "db:2.0.0"));

        reconciler.reconcile(wanting(8, digest));

        assertThat(runtime.calls).containsExactly("apply web 1.0.0 10m0s {\"image.tag\":\"v1\"}",
                "apply db 2.0.0 10m0s {\"image.tag\":\"v1\",\"PORT\":8080}");
    }

    @Test
    void reconcile_runtimeThrows_reportsRuntimeError() {
        String digest = deployments.add(Deployments.document(ID, NO_PARAMETERS, "web:1.0.0"));
        runtime.explode("apply", "web", new IllegalStateException("helm binary missing"));

        ReconcileOutcome outcome = reconciler.reconcile(wanting(8, digest));

        assertThat(outcome).isInstanceOf(ReconcileOutcome.Degraded.class);
        assertThat(summaries()).last().isEqualTo("v8 failed [RUNTIME_ERROR|shop|component web failed: "
                + "java.lang.IllegalStateException: helm binary missing] web=failed [RUNTIME_ERROR|web|"
                + "java.lang.IllegalStateException: helm binary missing]");
    }

    @Test
    void reconcile_yamlNotAvailable_stallsWithoutCallingRuntime() {
        String missing = AgentState.Blob.ofUtf8("not fetched").digest();

        ReconcileOutcome outcome = reconciler.reconcile(wanting(8, missing));

        assertThat(outcome).isEqualTo(new ReconcileOutcome.Stalled(wanting(8, missing),
                "deployment " + ID + ": YAML " + missing + " is not available"));
        assertThat(runtime.calls).isEmpty();
    }

    @Test
    void reconcile_commitFails_stallsAfterFirstChange() {
        String digest = deployments.add(Deployments.document(ID, NO_PARAMETERS, "web:1.0.0"));
        Reconciler failing = new Reconciler(runtime, deployments, reports::add, state -> {
            throw new IOException("No space left on device");
        }, Deployments::device);

        ReconcileOutcome outcome = failing.reconcile(wanting(8, digest));

        assertThat(outcome).isInstanceOf(ReconcileOutcome.Stalled.class);
        assertThat(((ReconcileOutcome.Stalled) outcome).reason()).isEqualTo("could not persist: No space left on device");
        assertThat(runtime.calls).isEmpty();
    }

    @Test
    void reconcile_restartFromEveryCommittedState_convergesWithoutRepeatingFinishedComponents() {
        String digest = deployments.add(Deployments.document(ID, NO_PARAMETERS, "web:1.0.0", "api:1.1.0", "db:2.0.0"));
        reconciler.reconcile(wanting(8, digest));
        List<AgentState> committed = List.copyOf(commits);

        for (AgentState restartedFrom : committed) {
            // The runtime outlives the agent: what was installed before the restart is still there.
            RecordingRuntime fresh = new RecordingRuntime();
            restartedFrom.applied().get(ID).components().stream().filter(c -> c.state() == ComponentState.INSTALLED)
                    .forEach(c -> fresh.observe(c.name(), ComponentState.INSTALLED));
            ReconcileOutcome outcome = new Reconciler(fresh, deployments, r -> { }, s -> { }, Deployments::device)
                    .reconcile(restartedFrom);

            long installed = restartedFrom.applied().get(ID).components().stream()
                    .filter(c -> c.state() == ComponentState.INSTALLED).count();
            assertThat(outcome).isInstanceOf(ReconcileOutcome.Converged.class);
            assertThat(fresh.calls.stream().filter(c -> c.startsWith("apply"))).hasSize(3 - (int) installed);
        }
    }
}
