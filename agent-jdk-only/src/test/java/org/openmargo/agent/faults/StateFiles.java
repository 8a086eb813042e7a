package org.openmargo.agent.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.openmargo.agent.state.AgentState.Blob;

/** The files of a state directory by relative path and digest, to show that nothing was written or deleted. */
final class StateFiles {
    private StateFiles() {
    }

    static Map<String, String> snapshot(Path directory) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.filter(Files::isRegularFile).forEach(file -> files.put(directory.relativize(file).toString(),
                    digest(file)));
        }
        return files;
    }

    private static String digest(Path file) {
        try {
            return Blob.sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
