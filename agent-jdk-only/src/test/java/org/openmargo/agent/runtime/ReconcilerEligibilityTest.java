package org.openmargo.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openmargo.agent.runtime.Deployments.ID;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.state.AgentState;
import org.openmargo.agent.status.StatusReport;

class ReconcilerEligibilityTest {
    private static final String NEEDS_8_CORES = "{\"capacityRequirements\":{\"cpu\":{\"cores\":8}}}";
    private static final String NOT_ELIGIBLE = "NOT_ELIGIBLE|shop|needs 8 cores on one CPU; this device has at most 4";

    private final Deployments deployments = new Deployments();
    private final RecordingRuntime runtime = new RecordingRuntime();
    private final List<StatusReport> reports = new ArrayList<>();
    private final AtomicReference<JsonObject> device = new AtomicReference<>(Deployments.device());
    private final Reconciler reconciler = new Reconciler(runtime, deployments, reports::add, s -> { }, device::get);

    private static AgentState wanting(long version, String digest) {
        return AgentState.empty()
                .withManifest(new AgentState.Manifest(version, "\"etag\"", Optional.empty()))
                .withDesired(Map.of(ID, new AgentState.Desired(digest, version)));
    }

    private List<String> summaries() {
        return reports.stream().map(Deployments::summary).toList();
    }

    @Test
    void reconcile_ineligibleDeployment_reportsEveryComponentFailedAndNeverCallsTheRuntime() {
        String digest = deployments.add(Deployments.constrained(ID, NEEDS_8_CORES, "web:1.0.0", "db:2.0.0"));

        ReconcileOutcome outcome = reconciler.reconcile(wanting(8, digest));

        assertThat(runtime.calls).isEmpty();
        assertThat(outcome).isEqualTo(new ReconcileOutcome.Degraded(outcome.state(), List.of(ID)));
        assertThat(summaries()).containsExactly("v8 failed [" + NOT_ELIGIBLE + "]"
                + " web=failed [NOT_ELIGIBLE|web|needs 8 cores on one CPU; this device has at most 4]"
                + " db=failed [NOT_ELIGIBLE|db|needs 8 cores on one CPU; this device has at most 4]");
    }

    @Test
    void reconcile_failedRule_reportsTheRule() {
        String rules = "{\"eligibilityRules\":[{\"labelSelector\":{\"matchExpressions\":[{\"key\":\"example.com/zone\","
                + "\"operator\":\"In\",\"values\":[\"south\"]}]}}]}";
        String digest = deployments.add(Deployments.constrained(ID, rules, "web:1.0.0"));

        reconciler.reconcile(wanting(8, digest));

        assertThat(runtime.calls).isEmpty();
        assertThat(summaries()).containsExactly("v8 failed [NOT_ELIGIBLE|shop|no eligibility rule matched: rule 1: "
                + "label example.com/zone In [south] is false (value \"north\")] web=failed [NOT_ELIGIBLE|web|no "
                + "eligibility rule matched: rule 1: label example.com/zone In [south] is false (value \"north\")]");
    }

    @Test
    void reconcile_eligibleDeployment_isApplied() {
        String fits = "{\"capacityRequirements\":{\"cpu\":{\"cores\":4,\"architectures\":[\"amd64\"]},"
                + "\"memory\":\"8Gi\"}}";
        String digest = deployments.add(Deployments.constrained(ID, fits, "web:1.0.0"));

        ReconcileOutcome outcome = reconciler.reconcile(wanting(8, digest));

        assertThat(runtime.calls).containsExactly("apply web 1.0.0 10m0s {}");
        assertThat(outcome).isInstanceOf(ReconcileOutcome.Converged.class);
    }

    @Test
    void reconcile_stillIneligible_doesNotReportAgain() {
        String digest = deployments.add(Deployments.constrained(ID, NEEDS_8_CORES, "web:1.0.0"));
        AgentState refused = reconciler.reconcile(wanting(8, digest)).state();
        reports.clear();

        ReconcileOutcome again = reconciler.reconcile(refused);

        assertThat(again).isEqualTo(new ReconcileOutcome.Degraded(refused, List.of(ID)));
        assertThat(reports).isEmpty();
        assertThat(runtime.calls).isEmpty();
    }

    @Test
    void reconcile_capabilitiesGrew_appliesTheRefusedDeployment() {
        String digest = deployments.add(Deployments.constrained(ID, NEEDS_8_CORES, "web:1.0.0"));
        AgentState refused = reconciler.reconcile(wanting(8, digest)).state();
        device.set(Deployments.parseJson("{\"properties\":{\"cpus\":[{\"cores\":16}]}}"));
        reports.clear();

        ReconcileOutcome outcome = reconciler.reconcile(refused);

        assertThat(runtime.calls).containsExactly("apply web 1.0.0 10m0s {}");
        assertThat(summaries()).containsExactly("v8 pending web=pending", "v8 installing web=installing",
                "v8 installed web=installed");
        assertThat(outcome).isInstanceOf(ReconcileOutcome.Converged.class);
    }

    @Test
    void reconcile_updateToIneligibleRevision_touchesNothingRunning() {
        String v1 = deployments.add(Deployments.document(ID, "", "web:1.0.0", "old:1.0.0"));
        AgentState running = reconciler.reconcile(wanting(8, v1)).state();
        String v2 = deployments.add(Deployments.constrained(ID, NEEDS_8_CORES, "web:1.1.0"));
        runtime.calls.clear();
        reports.clear();

        reconciler.reconcile(running.withManifest(new AgentState.Manifest(9, "\"e2\"", Optional.empty()))
                .withDesired(Map.of(ID, new AgentState.Desired(v2, 9))));

        assertThat(runtime.calls).isEmpty();
        assertThat(summaries()).containsExactly("v9 failed [" + NOT_ELIGIBLE + "]"
                + " web=failed [NOT_ELIGIBLE|web|needs 8 cores on one CPU; this device has at most 4]");
    }

    @Test
    void reconcile_noConstraints_neverReadsTheCapabilities() {
        String digest = deployments.add(Deployments.document(ID, "", "web:1.0.0"));
        Reconciler unreadable = new Reconciler(runtime, deployments, reports::add, s -> { }, () -> {
            throw new IllegalStateException("no /proc");
        });

        assertThat(unreadable.reconcile(wanting(8, digest))).isInstanceOf(ReconcileOutcome.Converged.class);
    }

    @Test
    void reconcile_capabilitiesUnavailable_stallsWithoutApplying() {
        String digest = deployments.add(Deployments.constrained(ID, NEEDS_8_CORES, "web:1.0.0"));
        Reconciler unreadable = new Reconciler(runtime, deployments, reports::add, s -> { }, () -> {
            throw new IllegalStateException("no /proc");
        });

        ReconcileOutcome outcome = unreadable.reconcile(wanting(8, digest));

        assertThat(outcome).isEqualTo(new ReconcileOutcome.Stalled(wanting(8, digest),
                "capabilities unavailable for the eligibility check: java.lang.IllegalStateException: no /proc"));
        assertThat(runtime.calls).isEmpty();
        assertThat(reports).isEmpty();
    }
}
