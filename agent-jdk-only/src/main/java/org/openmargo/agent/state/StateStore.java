package org.openmargo.agent.state;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonParseException;

/**
 * Persists the {@link AgentState} in a state directory so that a kill at any instant leaves a state that loads
 * consistently: after a crash during {@link #save(AgentState)}, {@link #load()} returns either the previous or the new
 * state, never a mix.
 *
 * <p>Layout:
 * <ul>
 *   <li>{@code desired/<hex>.yaml}: ApplicationDeployment YAMLs, content-addressed; the name is the SHA-256 of the
 *       content and is verified on load;</li>
 *   <li>{@code manifest/<hex>.json}: accepted manifest bodies, content-addressed the same way;</li>
 *   <li>{@code state.json}: the index (see {@code StateIndex}) that names the blobs in use, the manifest version and
 *       ETag, the desired and the applied set.</li>
 * </ul>
 * A save writes the new blobs first, then replaces {@code state.json} with {@link AtomicFile} (the commit point),
 * then deletes blobs nothing references. On load, unreferenced blobs are ignored, and a referenced blob that is
 * missing or does not match its name is left out of {@link AgentState#yamls()}, so it counts as "not yet fetched".
 *
 * <p>A {@code state.json} that exists but cannot be read is reported as an {@link IOException}, not as an empty
 * state: starting empty would skip the manifest version check and so lose rollback protection (digest c.5).
 *
 * <p>Thread safety: methods are synchronized. One store per directory, in one process.
 */
public final class StateStore {
    static final String INDEX = "state.json";
    static final String YAML_DIR = "desired";
    static final String MANIFEST_DIR = "manifest";

    private final Path directory;
    private final WriteHook hook;
    private final AtomicFile index;
    /** Blob files known to hold their verified content, relative to the directory. */
    private final Set<Path> verified = new HashSet<>();

    private StateStore(Path directory, WriteHook hook, AtomicFile index) {
        this.directory = directory;
        this.hook = hook;
        this.index = index;
    }

    /**
     * Opens the store in {@code directory}, creating it if needed and deleting temp files of interrupted writes.
     *
     * @throws IOException if the directories cannot be created or cleaned
     */
    public static StateStore open(Path directory) throws IOException {
        return open(directory, WriteHook.NONE);
    }

    static StateStore open(Path directory, WriteHook hook) throws IOException {
        Path dir = directory.toAbsolutePath();
        for (String sub : new String[] {YAML_DIR, MANIFEST_DIR}) {
            Files.createDirectories(dir.resolve(sub));
            AtomicFile.cleanAllTemps(dir.resolve(sub));
        }
        return new StateStore(dir, hook, AtomicFile.open(dir.resolve(INDEX), hook));
    }

    /**
     * Loads the last saved state, or {@link AgentState#empty()} if none was ever saved.
     *
     * @throws IOException if {@code state.json} cannot be read or is damaged
     */
    public synchronized AgentState load() throws IOException {
        Optional<byte[]> bytes = index.read();
        if (bytes.isEmpty()) {
            return AgentState.empty();
        }
        StateIndex.Entries entries = parse(bytes.get());
        verified.clear();
        Map<String, AgentState.Blob> yamls = new LinkedHashMap<>();
        entries.desired().values().forEach(d -> readBlob(yamlPath(d.digest())).ifPresent(b -> yamls.put(d.digest(), b)));
        entries.applied().values().forEach(a -> readBlob(yamlPath(a.digest())).ifPresent(b -> yamls.put(a.digest(), b)));
        Optional<AgentState.Manifest> manifest = entries.manifest().map(m -> new AgentState.Manifest(
                m.version(), m.etag(), m.bodyDigest().isEmpty() ? Optional.empty() : readBlob(manifestPath(m.bodyDigest()))));
        return new AgentState(manifest, entries.desired(), entries.applied(), yamls);
    }

    /**
     * Saves {@code state} durably. When this returns normally, a restart loads exactly {@code state} (YAMLs included);
     * when it throws, a restart loads either the previous state or {@code state}.
     *
     * @throws IOException if a write fails; the previous state then stays in effect
     */
    public synchronized void save(AgentState state) throws IOException {
        for (AgentState.Blob yaml : state.yamls().values()) {
            writeBlob(yamlPath(yaml.digest()), yaml);
        }
        Optional<AgentState.Blob> body = state.manifest().flatMap(AgentState.Manifest::body);
        if (body.isPresent()) {
            writeBlob(manifestPath(body.get().digest()), body.get());
        }
        index.write(Json.writeUtf8(StateIndex.write(state)));
        Set<Path> keep = new HashSet<>();
        state.desired().values().forEach(d -> keep.add(yamlPath(d.digest())));
        state.applied().values().forEach(a -> keep.add(yamlPath(a.digest())));
        body.ifPresent(b -> keep.add(manifestPath(b.digest())));
        deleteUnreferenced(keep);
    }

    private StateIndex.Entries parse(byte[] bytes) throws IOException {
        try {
            if (Json.parse(bytes) instanceof JsonObject root) {
                return StateIndex.read(root);
            }
            throw new IllegalArgumentException("the root is not an object");
        } catch (JsonParseException | IllegalArgumentException | ArithmeticException e) {
            throw new IOException(directory.resolve(INDEX) + " is damaged: " + e.getMessage(), e);
        }
    }

    private Optional<AgentState.Blob> readBlob(Path relative) {
        Path file = directory.resolve(relative);
        try {
            AgentState.Blob blob = AgentState.Blob.of(Files.readAllBytes(file));
            if (!file.getFileName().toString().startsWith(blob.hex() + ".")) {
                return Optional.empty();
            }
            verified.add(relative);
            return Optional.of(blob);
        } catch (IOException e) {
            // Missing or unreadable: the agent fetches it again (digest c.7 step 7).
            return Optional.empty();
        }
    }

    private void writeBlob(Path relative, AgentState.Blob blob) throws IOException {
        if (verified.contains(relative)) {
            return;
        }
        AtomicFile.open(directory.resolve(relative), hook).write(blob.bytes());
        verified.add(relative);
    }

    private void deleteUnreferenced(Set<Path> keep) throws IOException {
        for (String sub : new String[] {YAML_DIR, MANIFEST_DIR}) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(directory.resolve(sub))) {
                for (Path file : files) {
                    Path relative = directory.relativize(file);
                    if (!keep.contains(relative) && Files.deleteIfExists(file)) {
                        verified.remove(relative);
                        hook.after(WriteHook.Step.DELETED, file);
                    }
                }
            }
        }
    }

    private static Path yamlPath(String digest) {
        return Path.of(YAML_DIR, AgentState.Blob.requireDigest(digest).substring(7) + ".yaml");
    }

    private static Path manifestPath(String digest) {
        return Path.of(MANIFEST_DIR, AgentState.Blob.requireDigest(digest).substring(7) + ".json");
    }
}
