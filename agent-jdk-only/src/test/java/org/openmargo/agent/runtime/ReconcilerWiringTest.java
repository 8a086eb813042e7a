package org.openmargo.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openmargo.agent.runtime.Deployments.ID;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.agent.state.AgentState;
import org.openmargo.agent.state.StateStore;
import org.openmargo.agent.status.PendingReport;
import org.openmargo.agent.status.StatusOutbox;

/** The reconciler wired to the real store and outbox, as the agent's main wires them. */
class ReconcilerWiringTest {
    @TempDir
    Path dir;

    @Test
    void reconcile_withStoreAndOutbox_persistsAppliedSetAndFinalReport() throws IOException {
        Deployments deployments = new Deployments();
        String text = Deployments.document(ID, "", "web:1.0.0", "db:2.0.0");
        String digest = deployments.add(text);
        StateStore store = StateStore.open(dir.resolve("state"));
        StatusOutbox outbox = StatusOutbox.open(dir.resolve("state/outbox"));
        AgentState accepted = AgentState.empty()
                .withManifest(new AgentState.Manifest(8, "\"etag\"", Optional.empty()))
                .withDesired(Map.of(ID, new AgentState.Desired(digest, 8)))
                .withYaml(AgentState.Blob.ofUtf8(text));
        store.save(accepted);

        new Reconciler(new RecordingRuntime(), deployments, outbox, store::save, Deployments::device)
                .reconcile(store.load());

        AgentState restarted = StateStore.open(dir.resolve("state")).load();
        assertThat(restarted.applied().get(ID).components()).hasSize(2);
        assertThat(restarted.yaml(digest)).isPresent();
        assertThat(StatusOutbox.open(dir.resolve("state/outbox")).due()).extracting(PendingReport::report)
                .extracting(Deployments::summary).containsExactly("v8 installed web=installed db=installed");
    }
}
