package org.openmargo.wfm.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openmargo.wfm.desiredstate.DesiredStateStore;
import org.openmargo.wfm.problem.FieldError;
import org.openmargo.wfm.problem.ProblemException;
import org.openmargo.wfm.problem.ProblemType;
import org.openmargo.wfm.status.DeploymentState;
import org.openmargo.wfm.status.StatusChange;
import org.openmargo.wfm.status.StatusReport;
import org.openmargo.wfm.status.StatusReport.ComponentStatus;
import org.openmargo.wfm.status.StatusStore;
import org.openmargo.wfm.status.StatusStore.Outcome;
import org.openmargo.wfm.status.StatusStore.Stored;

/** The behaviour of {@link StatusStore} that every backend must show. */
abstract class StatusStoreContract extends StoreContract {
    static final String ID = "a3e2f5dc-912e-494f-8395-52cf3769bc06";
    static final String OTHER = "b7f1c2d3-0000-4000-8000-000000000002";

    StatusStore store() {
        return db().database.statuses();
    }

    DesiredStateStore desired() {
        return db().database.desiredState();
    }

    static StatusReport report(long version, DeploymentState state, String... components) {
        List<ComponentStatus> list = Arrays.stream(components).map(n -> new ComponentStatus(n, state)).toList();
        String json = "{\"deploymentId\":\"" + ID + "\",\"v\":" + Long.toUnsignedString(version) + ",\"s\":\""
                + state.wire() + "\"}";
        return new StatusReport(ID, Optional.of("device-1"), version, state, list,
                json.getBytes(StandardCharsets.UTF_8));
    }

    /** Puts the deployment with components web and db at version 2 for client a. */
    void assigned() {
        desired().put(client("a"), deployment(ID, yaml(ID, "1"), "web", "db"));
    }

    static ProblemException semantic(ProblemException e) {
        assertThat(e.type()).isEqualTo(ProblemType.SEMANTIC_ERROR);
        return e;
    }

    @Test
    void upsert_firstReport_createdAndStoredExactly() {
        assigned();
        StatusReport report = report(2, DeploymentState.INSTALLED, "db", "web");

        Outcome outcome = store().upsert(client("a"), report);

        assertThat(outcome).isEqualTo(Outcome.CREATED);
        assertThat(store().latest(client("a"))).singleElement().satisfies(s -> {
            assertThat(s.deploymentId()).isEqualTo(ID);
            assertThat(s.adoptedManifestVersion()).isEqualTo(2);
            assertThat(s.state()).isEqualTo(DeploymentState.INSTALLED);
            assertThat(s.json()).isEqualTo(report.json());
            assertThat(s.receivedAt()).isEqualTo(Instant.parse("2026-11-05T10:15:30.123456Z"));
        });
    }

    @Test
    void upsert_secondReportSameVersion_updatedAndReplaced() {
        assigned();
        store().upsert(client("a"), report(2, DeploymentState.INSTALLING, "web", "db"));
        db().clock.set(Instant.parse("2026-11-05T11:00:00Z"));

        Outcome outcome = store().upsert(client("a"), report(2, DeploymentState.INSTALLED, "web", "db"));

        assertThat(outcome).isEqualTo(Outcome.UPDATED);
        assertThat(store().latest(client("a"))).extracting(Stored::state, Stored::receivedAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(DeploymentState.INSTALLED,
                        Instant.parse("2026-11-05T11:00:00Z")));
    }

    @Test
    void upsert_unknownDeployment_semanticErrorOnDeploymentId() {
        assertThatThrownBy(() -> store().upsert(client("a"), report(1, DeploymentState.INSTALLED, "web")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(semantic(e).errors())
                        .containsExactly(new FieldError("deploymentId", "no such deployment for this client")));
    }

    @Test
    void upsert_otherClientsDeployment_semanticErrorAndNothingStored() {
        assigned();

        assertThatThrownBy(() -> store().upsert(client("b"), report(2, DeploymentState.INSTALLED, "web", "db")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(semantic(e).errors())
                        .containsExactly(new FieldError("deploymentId", "no such deployment for this client")));
        assertThat(store().latest(client("a"))).isEmpty();
        assertThat(store().latest(client("b"))).isEmpty();
    }

    @Test
    void upsert_missingUnknownAndRepeatedComponents_semanticErrorPerField() {
        assigned();

        assertThatThrownBy(() -> store().upsert(client("a"), report(2, DeploymentState.INSTALLED, "web", "cache", "web")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(semantic(e).errors()).containsExactly(
                        new FieldError("components[1].name", "the deployment has no component named cache"),
                        new FieldError("components[2].name", "component web is reported more than once"),
                        new FieldError("components", "component db is missing")));
        assertThat(store().latest(client("a"))).isEmpty();
    }

    @Test
    void upsert_versionAboveCurrentManifest_semanticError() {
        assigned();

        assertThatThrownBy(() -> store().upsert(client("a"), report(3, DeploymentState.INSTALLED, "web", "db")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(semantic(e).errors()).containsExactly(
                        new FieldError("adoptedManifestVersion", "must not exceed the current manifestVersion 2")));
    }

    @Test
    void upsert_versionAboveSignedRange_semanticErrorNotStale() {
        assigned();

        assertThatThrownBy(() -> store().upsert(client("a"), report(-1L, DeploymentState.INSTALLED, "web", "db")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(semantic(e).errors()).containsExactly(
                        new FieldError("adoptedManifestVersion", "must not exceed the current manifestVersion 2")));
    }

    @Test
    void upsert_versionBelowSinceVersion_staleAndNothingStored() {
        assigned();
        desired().put(client("a"), deployment(OTHER, yaml(OTHER, "1")));
        desired().put(client("a"), deployment(ID, yaml(ID, "2"), "web", "db"));

        Outcome outcome = store().upsert(client("a"), report(3, DeploymentState.INSTALLED, "web", "db"));

        assertThat(outcome).isEqualTo(Outcome.STALE);
        assertThat(store().latest(client("a"))).isEmpty();
        assertThat(store().upsert(client("a"), report(4, DeploymentState.INSTALLED, "web", "db")))
                .isEqualTo(Outcome.CREATED);
    }

    @Test
    void upsert_versionBelowStoredReport_staleAndStoredKept() {
        assigned();
        desired().put(client("a"), deployment(OTHER, yaml(OTHER, "1")));
        store().upsert(client("a"), report(3, DeploymentState.INSTALLED, "web", "db"));

        Outcome outcome = store().upsert(client("a"), report(2, DeploymentState.FAILED, "web", "db"));

        assertThat(outcome).isEqualTo(Outcome.STALE);
        assertThat(store().latest(client("a"))).extracting(Stored::adoptedManifestVersion, Stored::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, DeploymentState.INSTALLED));
    }

    @Test
    void upsert_removedDeploymentAtRemovalVersion_accepted() {
        assigned();
        store().upsert(client("a"), report(2, DeploymentState.INSTALLED, "web", "db"));
        long removedIn = desired().remove(client("a"), ID).orElseThrow();

        Outcome outcome = store().upsert(client("a"), report(removedIn, DeploymentState.REMOVED, "web", "db"));

        assertThat(outcome).isEqualTo(Outcome.UPDATED);
        assertThat(store().latest(client("a"))).extracting(Stored::adoptedManifestVersion, Stored::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, DeploymentState.REMOVED));
    }

    @Test
    void latest_twoDeploymentsTwoClients_onlyOwnOrderedById() {
        desired().put(client("a"), deployment(OTHER, yaml(OTHER, "1")));
        assigned();
        desired().put(client("b"), deployment(ID, yaml(ID, "b"), "web", "db"));
        store().upsert(client("a"), report(3, DeploymentState.PENDING, "web", "db"));
        store().upsert(client("a"), new StatusReport(OTHER, Optional.empty(), 2, DeploymentState.INSTALLED,
                List.of(), "{}".getBytes(StandardCharsets.UTF_8)));
        store().upsert(client("b"), report(2, DeploymentState.FAILED, "web", "db"));

        assertThat(store().latest(client("a"))).extracting(Stored::deploymentId, Stored::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ID, DeploymentState.PENDING),
                org.assertj.core.groups.Tuple.tuple(OTHER, DeploymentState.INSTALLED));
        assertThat(store().latest(client("b"))).extracting(Stored::state).containsExactly(DeploymentState.FAILED);
    }

    static StatusReport mixed(long version, DeploymentState overall, DeploymentState web, DeploymentState db) {
        return new StatusReport(ID, Optional.of("device-1"), version, overall,
                List.of(new ComponentStatus("web", web), new ComponentStatus("db", db)),
                "{}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void history_onlyStateOrComponentChanges_newestFirstWithTimes() {
        assigned();
        store().upsert(client("a"), mixed(2, DeploymentState.INSTALLING, DeploymentState.INSTALLING,
                DeploymentState.INSTALLING));
        db().clock.set(Instant.parse("2026-11-05T11:00:00Z"));
        store().upsert(client("a"), mixed(2, DeploymentState.INSTALLING, DeploymentState.INSTALLING,
                DeploymentState.INSTALLING)); // same states: no entry
        store().upsert(client("a"), mixed(2, DeploymentState.INSTALLING, DeploymentState.INSTALLED,
                DeploymentState.INSTALLING)); // only a component changed: an entry
        db().clock.set(Instant.parse("2026-11-05T12:00:00Z"));
        store().upsert(client("a"), mixed(2, DeploymentState.INSTALLED, DeploymentState.INSTALLED,
                DeploymentState.INSTALLED));
        store().upsert(client("a"), report(1, DeploymentState.FAILED, "web", "db")); // stale: no entry

        List<StatusChange> history = store().history(client("a"), ID);

        assertThat(history).extracting(StatusChange::seq, StatusChange::state, StatusChange::receivedAt)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(3L, DeploymentState.INSTALLED,
                                Instant.parse("2026-11-05T12:00:00Z")),
                        org.assertj.core.groups.Tuple.tuple(2L, DeploymentState.INSTALLING,
                                Instant.parse("2026-11-05T11:00:00Z")),
                        org.assertj.core.groups.Tuple.tuple(1L, DeploymentState.INSTALLING,
                                Instant.parse("2026-11-05T10:15:30.123456Z")));
        assertThat(history.get(1).components()).containsExactly(
                new ComponentStatus("web", DeploymentState.INSTALLED),
                new ComponentStatus("db", DeploymentState.INSTALLING));
        assertThat(history.get(0).adoptedManifestVersion()).isEqualTo(2);
        assertThat(store().history(client("b"), ID)).isEmpty();
    }

    @Test
    void history_moreChangesThanKept_onlyTheNewestKept() {
        assigned();
        int reports = StatusStore.HISTORY_KEPT + 7;
        for (int i = 0; i < reports; i++) {
            DeploymentState s = i % 2 == 0 ? DeploymentState.INSTALLING : DeploymentState.FAILED;
            store().upsert(client("a"), report(2, s, "web", "db"));
        }

        List<StatusChange> history = store().history(client("a"), ID);

        assertThat(history).hasSize(StatusStore.HISTORY_KEPT);
        assertThat(history.getFirst().seq()).isEqualTo(reports);
        assertThat(history.getLast().seq()).isEqualTo(reports - StatusStore.HISTORY_KEPT + 1);
    }
}
