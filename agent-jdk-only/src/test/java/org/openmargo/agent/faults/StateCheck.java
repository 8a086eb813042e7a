package org.openmargo.agent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonParseException;
import org.openmargo.agent.state.AgentState;
import org.openmargo.agent.state.StateStore;
import org.openmargo.agent.status.StatusOutbox;

/**
 * What a restart finds in a state directory left by a killed agent, checked on a copy so the next restart sees the
 * directory exactly as the kill left it: the state loads, every YAML it references is present and hashes to its
 * digest, the accepted manifest body is there, and every outbox file parses as a pending report of its deployment.
 */
final class StateCheck {
    private StateCheck() {
    }

    /** Asserts consistency and returns the state a restart loads. */
    static AgentState assertConsistent(Path stateDir, Path scratch) throws IOException {
        copy(stateDir, scratch);
        AgentState state = StateStore.open(scratch.resolve("state")).load();
        assertThat(state.missingYamls()).as("referenced YAMLs that are missing or corrupt").isEmpty();
        state.manifest().ifPresent(m -> assertThat(m.body()).as("accepted manifest body").isPresent());
        List<Path> files = outboxFiles(scratch.resolve("outbox"));
        for (Path file : files) {
            JsonObject report = latestReport(file);
            assertThat(file.getFileName().toString()).isEqualTo(StatusBody.parse(Json.write(report)).deploymentId()
                    + ".json");
        }
        assertThat(StatusOutbox.open(scratch.resolve("outbox")).due()).as("pending reports").hasSize(files.size());
        return state;
    }

    private static JsonObject latestReport(Path file) throws IOException {
        try {
            JsonObject root = (JsonObject) Json.parse(Files.readAllBytes(file));
            assertThat(root.number("format").orElseThrow().longValueExact()).isEqualTo(1);
            return root.object("latest").flatMap(l -> l.object("report")).orElseThrow();
        } catch (JsonParseException e) {
            throw new AssertionError(file + " does not parse", e);
        }
    }

    private static List<Path> outboxFiles(Path outbox) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(outbox)) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(outbox, "*.json")) {
                stream.forEach(files::add);
            }
        }
        return files;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
