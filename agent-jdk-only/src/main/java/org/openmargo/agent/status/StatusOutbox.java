package org.openmargo.agent.status;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.openmargo.agent.json.Json;
import org.openmargo.agent.json.JsonObject;
import org.openmargo.agent.json.JsonParseException;
import org.openmargo.agent.state.AtomicFile;

/**
 * The durable status outbox (digest d.5): every report is written to {@code <directory>/<deploymentId>.json} before
 * {@link #report(StatusReport)} returns, so it is delivered after any outage or restart. Reports are coalesced per
 * deployment as {@link OutboxEntry} describes: latest wins, but a pending {@code failed} report is never replaced by a
 * success of an older or equal {@code adoptedManifestVersion}.
 *
 * <p>File format: {@code {"format":1,"held":{"seq":n,"report":{…}},"latest":{"seq":n,"report":{…}}}} where each
 * report is the wire JSON of {@link StatusReportJson}; {@code held} is absent when there is none.
 *
 * <p>Sequence numbers grow by one per accepted report, starting after the highest one found on disk at open.
 *
 * <p>Thread safety: all methods are synchronized, so the reconciler may report while the sender delivers. Sending
 * happens outside the lock (the sender takes {@link #due()} and later calls {@link #delivered}).
 */
public final class StatusOutbox implements StatusSink {
    private static final System.Logger LOG = System.getLogger(StatusOutbox.class.getName());
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
    private static final String SUFFIX = ".json";

    private final Path directory;
    private final Map<String, OutboxEntry> entries = new TreeMap<>();
    private long lastSeq;

    private StatusOutbox(Path directory) {
        this.directory = directory;
    }

    /**
     * Opens the outbox in {@code directory}, creating it if needed and loading every pending report. A file that
     * cannot be read is logged and skipped (it can only be damaged from outside: writes are atomic).
     *
     * @throws IOException if the directory cannot be created or listed
     */
    public static StatusOutbox open(Path directory) throws IOException {
        StatusOutbox outbox = new StatusOutbox(directory.toAbsolutePath());
        Files.createDirectories(outbox.directory);
        AtomicFile.cleanAllTemps(outbox.directory);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(outbox.directory, "*" + SUFFIX)) {
            for (Path file : files) {
                outbox.load(file);
            }
        }
        return outbox;
    }

    /**
     * Persists {@code report}, coalesced with what is pending for its deployment.
     *
     * @throws IllegalArgumentException if the deployment id is not usable as a file name (a Margo id is a UUID)
     * @throws IOException if the report could not be persisted; the outbox then still holds the previous report
     */
    @Override
    public synchronized void report(StatusReport report) throws IOException {
        String id = requireSafe(report.deploymentId());
        PendingReport next = new PendingReport(lastSeq + 1, report);
        OutboxEntry current = entries.get(id);
        OutboxEntry updated = current == null ? OutboxEntry.of(next) : current.offer(next);
        if (updated == current) {
            LOG.log(Level.DEBUG, "dropped stale status of {0} for version {1}", id,
                    Long.toUnsignedString(report.adoptedManifestVersion()));
            return;
        }
        persist(id, Optional.of(updated));
        lastSeq = next.seq();
    }

    /** Returns the report to send next for every deployment with something pending, oldest first. */
    public synchronized List<PendingReport> due() {
        List<PendingReport> due = new ArrayList<>();
        entries.values().forEach(e -> due.add(e.head()));
        due.sort(Comparator.comparingLong(PendingReport::seq));
        return due;
    }

    /**
     * Records that the WFM accepted report {@code seq} of {@code deploymentId}. It is removed only if it is still the
     * one to send: if a newer report arrived while it was in flight, the newer one stays pending.
     *
     * @throws IOException if the outbox file could not be updated; the report is then sent again (the WFM upserts)
     */
    public synchronized void delivered(String deploymentId, long seq) throws IOException {
        OutboxEntry current = entries.get(deploymentId);
        if (current == null) {
            return;
        }
        Optional<OutboxEntry> next = current.without(seq);
        if (next.isEmpty() || next.get() != current) {
            persist(deploymentId, next);
        }
    }

    /**
     * Records that the WFM refused report {@code seq} for good (400 or 422, digest d.5): logs it at WARNING with
     * {@code reason} and removes it as {@link #delivered} does, so it is not retried forever.
     *
     * @throws IOException if the outbox file could not be updated
     */
    public synchronized void dropped(String deploymentId, long seq, String reason) throws IOException {
        LOG.log(Level.WARNING, "WFM refused status {0} of deployment {1}, dropping it: {2}", seq, deploymentId, reason);
        delivered(deploymentId, seq);
    }

    private void persist(String id, Optional<OutboxEntry> entry) throws IOException {
        AtomicFile file = AtomicFile.open(directory.resolve(id + SUFFIX));
        if (entry.isPresent()) {
            file.write(Json.writeUtf8(OutboxFile.write(entry.get())));
            entries.put(id, entry.get());
        } else {
            file.delete();
            entries.remove(id);
        }
    }

    private void load(Path file) throws IOException {
        try {
            if (!(Json.parse(Files.readAllBytes(file)) instanceof JsonObject root)) {
                throw new IllegalArgumentException("the root is not an object");
            }
            OutboxEntry entry = OutboxFile.read(root);
            entries.put(entry.latest().deploymentId(), entry);
            lastSeq = Math.max(lastSeq, entry.latest().seq());
        } catch (JsonParseException | IllegalArgumentException | ArithmeticException e) {
            LOG.log(Level.WARNING, "skipping damaged status outbox file {0}: {1}", file, e.getMessage());
        }
    }

    private static String requireSafe(String id) {
        if (!SAFE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("deployment id not usable as a file name: " + id);
        }
        return id;
    }
}
