package org.openmargo.agent.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void read_missingFile_isEmpty() throws IOException {
        assertThat(AtomicFile.open(dir.resolve("x.json")).read()).isEmpty();
    }

    @Test
    void write_thenRead_returnsExactBytes() throws IOException {
        AtomicFile file = AtomicFile.open(dir.resolve("sub/x.json"));
        file.write("{\"a\":1}".getBytes(UTF_8));
        file.write("{\"a\":2}".getBytes(UTF_8));

        assertThat(new String(file.read().orElseThrow(), UTF_8)).isEqualTo("{\"a\":2}");
        assertThat(names(dir.resolve("sub"))).containsExactly("x.json");
    }

    @Test
    void write_crashBeforeMove_keepsOldContentAndOpenRemovesTemp() throws IOException {
        AtomicFile.open(dir.resolve("x.json")).write("old".getBytes(UTF_8));
        AtomicFile crashing = AtomicFile.open(dir.resolve("x.json"), (step, path) -> {
            if (step == WriteHook.Step.TEMP_HALF_WRITTEN) {
                throw new SimulatedCrash();
            }
        });

        assertThatThrownBy(() -> crashing.write("new content".getBytes(UTF_8))).isInstanceOf(SimulatedCrash.class);
        assertThat(names(dir)).hasSize(2);

        AtomicFile reopened = AtomicFile.open(dir.resolve("x.json"));
        assertThat(new String(reopened.read().orElseThrow(), UTF_8)).isEqualTo("old");
        assertThat(names(dir)).containsExactly("x.json");
    }

    @Test
    void open_tempOfOtherFileWithSharedPrefix_isKept() throws IOException {
        Files.writeString(dir.resolve(".x.json.bak.123.tmp"), "other");
        Files.writeString(dir.resolve(".x.json.456.tmp"), "mine");

        AtomicFile.open(dir.resolve("x.json"));

        assertThat(names(dir)).containsExactly(".x.json.bak.123.tmp");
    }

    @Test
    void delete_existingFile_removesIt() throws IOException {
        AtomicFile file = AtomicFile.open(dir.resolve("x.json"));
        file.write(new byte[] {1});

        assertThat(file.delete()).isTrue();
        assertThat(file.delete()).isFalse();
        assertThat(file.read()).isEmpty();
    }

    static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
