package org.openmargo.agent.cycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

import org.openmargo.agent.observe.AgentSnapshot;
import org.openmargo.agent.observe.StatusFileFormat;
import org.openmargo.agent.state.AtomicFile;

/**
 * {@code <state-dir>/agent-status.json}: what the running agent believes ({@link AgentSnapshot} in
 * {@link StatusFileFormat}), rewritten atomically after every pass, read by the {@code status} command.
 * Informational only: the agent never reads it back to decide anything (it only carries the time of the last
 * successful sync over a restart, for display).
 */
public final class AgentStatusFile {
    static final String NAME = "agent-status.json";
    private static final Logger LOG = Logger.getLogger(AgentStatusFile.class.getName());
    private final Path file;

    public AgentStatusFile(Path stateDir) {
        this.file = stateDir.resolve(NAME);
    }

    void write(AgentSnapshot snapshot) {
        try {
            AtomicFile.open(file).write(StatusFileFormat.encode(snapshot));
        } catch (IOException e) {
            LOG.fine(() -> "could not write " + file + ": " + e.getMessage());
        }
    }

    /** The last successful sync an earlier run recorded; empty when there is none or the file cannot be read. */
    Optional<Instant> previousSuccessfulSync() {
        try {
            return Files.exists(file) ? StatusFileFormat.lastSuccessfulSync(Files.readAllBytes(file))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The last snapshot as written, for the {@code status} command; empty when the agent has not run with this state
     * directory.
     *
     * @throws IOException when the file exists but cannot be read or is not a status file (the message names it)
     */
    public Optional<AgentSnapshot> read() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(StatusFileFormat.decode(Files.readAllBytes(file)));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": not a status file the agent wrote: " + e.getMessage(), e);
        }
    }
}
