package org.openmargo.agent.cycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Logger;

import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonArray;
import org.openmargo.agent.json.JsonNumber;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonString;
import org.openmargo.agent.json.JsonValue;
import org.openmargo.agent.state.AgentState;
import org.openmargo.agent.state.AtomicFile;
import org.openmargo.agent.state.ComponentState;
import org.openmargo.agent.state.ComponentStatus;

/**
 * {@code <state-dir>/agent-status.json}: what the running agent believes, rewritten atomically after every pass, read
 * by the {@code status} command. Informational only: the agent never reads it back to decide anything.
 */
public final class AgentStatusFile {
    static final String NAME = "agent-status.json";
    private static final Logger LOG = Logger.getLogger(AgentStatusFile.class.getName());
    private final Path file;

    public AgentStatusFile(Path stateDir) {
        this.file = stateDir.resolve(NAME);
    }

    /**
     * @param lastSync       when the last desired-state sync ran
     * @param lastSyncResult what it found
     * @param nextPoll       when the next sync is due
     * @param state          the agent state
     * @param pendingReports status reports waiting for delivery
     */
    record Snapshot(Optional<Instant> lastSync, String lastSyncResult, Instant nextPoll, AgentState state,
                    int pendingReports) {
    }

    void write(Snapshot s) {
        JsonObject.Builder b = JsonObject.builder()
                .put("lastSync", s.lastSync().map(Instant::toString).orElse("never"))
                .put("lastSyncResult", s.lastSyncResult())
                .put("nextPoll", s.nextPoll().toString())
                .put("manifestVersion", s.state().manifest().map(m -> Long.toUnsignedString(m.version()))
                        .orElse("none"))
                .put("pendingReports", s.pendingReports());
        Map<String, JsonValue> applied = new TreeMap<>();
        s.state().applied().forEach((id, a) -> applied.put(id, JsonObject.builder()
                .put("digest", a.digest())
                .put("adoptedManifestVersion", new JsonNumber(Long.toUnsignedString(a.adoptedManifestVersion())))
                .put("state", a.components().isEmpty() ? "pending"
                        : ComponentState.mostSevere(a.components().stream().map(ComponentStatus::state)
                        .toList()).wireName())
                .build()));
        b.put("applied", JsonObject.of(applied));
        b.put("desired", new JsonArray(s.state().desired().keySet().stream().sorted()
                .map(id -> (JsonValue) new JsonString(id)).toList()));
        try {
            AtomicFile.open(file).write(Json.writeUtf8(b.build()));
        } catch (IOException e) {
            LOG.fine(() -> "could not write " + file + ": " + e.getMessage());
        }
    }

    /** The last snapshot as written, for the {@code status} command. */
    public Optional<String> read() throws IOException {
        return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
    }
}
