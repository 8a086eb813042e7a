package org.openmargo.agent.status;

import java.util.Optional;

import org.openmargo.agent.json.JsonNumber;
import org.openmargo.agent.json.JsonObject;

/** The JSON form of one outbox file; see {@link StatusOutbox}. */
final class OutboxFile {
    private static final int FORMAT = 1;

    private OutboxFile() {
    }

    static JsonObject write(OutboxEntry entry) {
        JsonObject.Builder root = JsonObject.builder().put("format", FORMAT);
        entry.held().ifPresent(h -> root.put("held", write(h)));
        return root.put("latest", write(entry.latest())).build();
    }

    private static JsonObject write(PendingReport p) {
        return JsonObject.builder()
                .put("seq", JsonNumber.of(p.seq()))
                .put("report", StatusReportJson.toJson(p.report()))
                .build();
    }

    /**
     * @throws IllegalArgumentException if the file is not a valid outbox entry
     * @throws ArithmeticException if a number is out of range
     */
    static OutboxEntry read(JsonObject root) {
        if (root.number("format").map(JsonNumber::longValueExact).orElse(-1L) != FORMAT) {
            throw new IllegalArgumentException("unsupported outbox format");
        }
        Optional<PendingReport> held = root.object("held").map(OutboxFile::readPending);
        PendingReport latest = root.object("latest").map(OutboxFile::readPending)
                .orElseThrow(() -> new IllegalArgumentException("missing 'latest'"));
        if (held.isPresent() && !held.get().deploymentId().equals(latest.deploymentId())) {
            throw new IllegalArgumentException("held and latest are for different deployments");
        }
        return new OutboxEntry(held, latest);
    }

    private static PendingReport readPending(JsonObject p) {
        long seq = p.number("seq").orElseThrow(() -> new IllegalArgumentException("missing 'seq'")).longValueExact();
        JsonObject report = p.object("report").orElseThrow(() -> new IllegalArgumentException("missing 'report'"));
        return new PendingReport(seq, StatusReportJson.fromJson(report));
    }
}
