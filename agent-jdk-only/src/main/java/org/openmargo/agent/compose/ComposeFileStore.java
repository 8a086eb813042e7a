package org.openmargo.agent.compose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.openmargo.agent.oci.Digest;
import org.openmargo.agent.oci.OciReference;
import org.openmargo.agent.state.AtomicFile;

/**
 * The agent's copy of the compose files it deployed, content-addressed: {@code files/sha256/<hex>.yaml} holds the
 * bytes with that digest, and {@code refs/<sha256 of the reference>} lists, for one {@code oci://…:tag}, the digests
 * of its files in order (first line: the reference itself). A restart or a drift repair reads the files from here
 * and needs no registry. A file whose bytes no longer match its name is deleted and counts as absent. Writes are
 * atomic ({@link AtomicFile}). One owner: the agent's Compose runtime; not for concurrent use by two processes.
 */
final class ComposeFileStore {
    private final Path files;
    private final Path refs;

    /** A store under {@code directory}, created when missing. */
    ComposeFileStore(Path directory) throws IOException {
        this.files = Files.createDirectories(directory.resolve("files").resolve("sha256"));
        this.refs = Files.createDirectories(directory.resolve("refs"));
    }

    /** The stored files of {@code reference}, when every one of them is present and intact. */
    Optional<List<Path>> stored(OciReference reference) throws IOException {
        Optional<byte[]> ref = AtomicFile.open(refFile(reference)).read();
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        List<String> lines = new String(ref.get(), StandardCharsets.UTF_8).lines().toList();
        if (lines.size() < 2 || !lines.getFirst().equals(reference.toString())) {
            return Optional.empty();
        }
        List<Path> paths = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            Digest digest;
            try {
                digest = Digest.parse(line);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            Path path = file(digest);
            if (!Files.isRegularFile(path) || !digest.matches(Files.readAllBytes(path))) {
                Files.deleteIfExists(path);
                return Optional.empty();
            }
            paths.add(path);
        }
        return Optional.of(paths);
    }

    /** Stores verified {@code contents} (digest → bytes, in order) as the files of {@code reference}. */
    List<Path> put(OciReference reference, List<Verified> contents) throws IOException {
        StringBuilder ref = new StringBuilder(reference.toString()).append('\n');
        List<Path> paths = new ArrayList<>();
        for (Verified content : contents) {
            Path path = file(content.digest());
            AtomicFile.open(path).write(content.bytes());
            paths.add(path);
            ref.append(content.digest()).append('\n');
        }
        AtomicFile.open(refFile(reference)).write(ref.toString().getBytes(StandardCharsets.UTF_8));
        return paths;
    }

    private Path file(Digest digest) {
        return files.resolve(digest.hex() + ".yaml");
    }

    private Path refFile(OciReference reference) {
        return refs.resolve(Digest.of(reference.toString().getBytes(StandardCharsets.UTF_8)).hex());
    }

    /** Bytes already checked against their digest. */
    record Verified(Digest digest, byte[] bytes) {
    }
}
