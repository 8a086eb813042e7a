package org.openmargo.agent.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
    @TempDir
    Path dir;

    @Test
    void load_emptyDirectory_isEmptyState() throws IOException {
        assertThat(StateStore.open(dir).load()).isEqualTo(AgentState.empty());
    }

    @Test
    void save_thenLoadInNewStore_roundTripsEverything() throws IOException {
        StateStore.open(dir).save(States.next());

        AgentState loaded = StateStore.open(dir).load();

        assertThat(loaded).isEqualTo(States.next());
        assertThat(Long.toUnsignedString(loaded.manifest().orElseThrow().version())).isEqualTo("18446744073709551615");
        assertThat(loaded.missingYamls()).isEmpty();
    }

    @Test
    void save_blobs_areNamedByTheirSha256() throws IOException {
        StateStore.open(dir).save(States.old());

        assertThat(AtomicFileTest.names(dir.resolve("desired")))
                .containsExactlyInAnyOrder(States.YAML_A1.hex() + ".yaml", States.YAML_B1.hex() + ".yaml");
        assertThat(AtomicFileTest.names(dir.resolve("manifest"))).containsExactly(States.MANIFEST_7.hex() + ".json");
        assertThat(Files.readString(dir.resolve("desired/" + States.YAML_A1.hex() + ".yaml")))
                .isEqualTo("id: a\nrevision: 1\n");
    }

    @Test
    void save_droppedDeployment_deletesItsBlob() throws IOException {
        StateStore store = StateStore.open(dir);
        store.save(States.next());
        store.save(States.next().withoutApplied("b"));

        assertThat(AtomicFileTest.names(dir.resolve("desired"))).containsExactlyInAnyOrder(
                States.YAML_A1.hex() + ".yaml", States.YAML_A2.hex() + ".yaml", States.YAML_C1.hex() + ".yaml");
        assertThat(AtomicFileTest.names(dir.resolve("manifest"))).containsExactly(States.MANIFEST_8.hex() + ".json");
    }

    @Test
    void load_corruptBlob_isReportedAsNotYetFetched() throws IOException {
        StateStore.open(dir).save(States.old());
        Files.writeString(dir.resolve("desired/" + States.YAML_B1.hex() + ".yaml"), "id: b\nrevision: 666\n");
        Files.delete(dir.resolve("desired/" + States.YAML_A1.hex() + ".yaml"));

        AgentState loaded = StateStore.open(dir).load();

        assertThat(loaded.missingYamls()).containsExactlyInAnyOrder(States.YAML_A1.digest(), States.YAML_B1.digest());
        assertThat(loaded.desired()).isEqualTo(States.old().desired());
    }

    @Test
    void save_afterCorruptBlobRefetched_rewritesIt() throws IOException {
        StateStore.open(dir).save(States.old());
        Path blob = dir.resolve("desired/" + States.YAML_B1.hex() + ".yaml");
        Files.writeString(blob, "garbage");
        StateStore store = StateStore.open(dir);

        store.save(store.load().withYaml(States.YAML_B1));

        assertThat(Files.readString(blob)).isEqualTo("id: b\nrevision: 1\n");
        assertThat(StateStore.open(dir).load()).isEqualTo(States.old());
    }

    @Test
    void load_missingManifestBody_keepsVersionAndEtag() throws IOException {
        StateStore.open(dir).save(States.old());
        Files.delete(dir.resolve("manifest/" + States.MANIFEST_7.hex() + ".json"));

        AgentState.Manifest manifest = StateStore.open(dir).load().manifest().orElseThrow();

        assertThat(manifest.version()).isEqualTo(7);
        assertThat(manifest.etag()).isEqualTo("\"" + States.MANIFEST_7.digest() + "\"");
        assertThat(manifest.body()).isEmpty();
    }

    @Test
    void load_damagedIndex_failsInsteadOfStartingEmpty() throws IOException {
        StateStore.open(dir).save(States.old());
        Files.write(dir.resolve("state.json"), "{\"format\":1,\"desired\":".getBytes(UTF_8));

        assertThatThrownBy(() -> StateStore.open(dir).load())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("state.json is damaged: line 1, column 23");
    }

    @Test
    void open_leftoverTemps_areDeleted() throws IOException {
        StateStore.open(dir).save(States.old());
        Files.writeString(dir.resolve(".state.json.123.tmp"), "{");
        Files.writeString(dir.resolve("desired/." + States.YAML_C1.hex() + ".yaml.456.tmp"), "id");

        StateStore.open(dir);

        assertThat(AtomicFileTest.names(dir)).containsExactly("desired", "manifest", "state.json");
        assertThat(AtomicFileTest.names(dir.resolve("desired"))).hasSize(2);
    }
}
