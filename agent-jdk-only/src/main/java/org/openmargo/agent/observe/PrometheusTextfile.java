package org.openmargo.agent.observe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.openmargo.agent.state.AtomicFile;

/**
 * The agent's metrics as a Prometheus text exposition file ({@code metrics.textfile}) for node_exporter's textfile
 * collector, replaced atomically after every pass that talked to the WFM ({@link AtomicFile}: a temp file
 * {@code .<name>.<random>.tmp} in the same directory, which the collector ignores as it reads only {@code *.prom},
 * fsync, rename). The label sets are bounded: the poll results and the six deployment states, never an id.
 *
 * <p>Times are exported as Unix timestamps ({@code _timestamp_seconds}), the Prometheus convention, so a value stays
 * right between two writes: the SVID's seconds to expiry are {@code openmargo_agent_svid_expiry_timestamp_seconds -
 * time()}. The poll counters restart from zero when the agent restarts; {@code rate()} and {@code increase()} handle
 * that. Metric names are listed in {@code docs/agent.md}. Not thread safe: the agent loop's one thread.
 */
public final class PrometheusTextfile {
    private final Path file;

    public PrometheusTextfile(Path file) {
        this.file = file;
    }

    /** The file this writes. */
    public Path path() {
        return file;
    }

    /**
     * Replaces the file with the metrics of {@code s}.
     *
     * @throws IOException when the file cannot be written; the previous file (if any) is then left as it was
     */
    public void write(AgentSnapshot s) throws IOException {
        AtomicFile.open(file).write(render(s).getBytes(StandardCharsets.UTF_8));
    }

    /** The exposition text (format 0.0.4) of {@code s}. */
    public static String render(AgentSnapshot s) {
        StringBuilder out = new StringBuilder();
        header(out, "openmargo_agent_polls_total", "counter",
                "Desired-state polls since the agent started, by outcome.");
        for (PollResult r : PollResult.values()) {
            sample(out, "openmargo_agent_polls_total", Map.entry("outcome", r.label()), s.polls().of(r));
        }
        gauge(out, "openmargo_agent_last_successful_poll_timestamp_seconds",
                "When the last desired-state poll that succeeded ended (new manifest or nothing new).",
                s.lastSuccessfulSync());
        gauge(out, "openmargo_agent_last_poll_timestamp_seconds", "When the last desired-state poll ended.",
                s.lastSync().map(AgentSnapshot.Sync::at));
        header(out, "openmargo_agent_status_reports_pending", "gauge",
                "Status reports waiting in the outbox for delivery to the WFM.");
        out.append("openmargo_agent_status_reports_pending ").append(s.pendingReports()).append('\n');
        header(out, "openmargo_agent_deployments", "gauge",
                "Deployments desired or still applied, by state (the most severe state of their components).");
        s.deploymentsByState().forEach((state, n) -> sample(out, "openmargo_agent_deployments",
                Map.entry("state", state), n));
        gauge(out, "openmargo_agent_svid_expiry_timestamp_seconds", "When the agent's SVID expires.",
                s.identity().svidNotAfter());
        gauge(out, "openmargo_agent_trust_bundle_refresh_timestamp_seconds",
                "When the trust source last confirmed the trust bundle in force.",
                s.identity().trustBundleRefreshedAt());
        gauge(out, "openmargo_agent_next_exchange_timestamp_seconds",
                "When the agent plans its next exchange with the WFM (poll or status delivery).",
                Optional.of(s.nextExchange().at()));
        gauge(out, "openmargo_agent_textfile_written_timestamp_seconds", "When the agent wrote this file.",
                Optional.of(s.writtenAt()));
        return out.toString();
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, Map.Entry<String, String> label, long value) {
        // Label values are fixed lower-case words (enum labels): nothing to escape.
        out.append(name).append('{').append(label.getKey()).append("=\"").append(label.getValue()).append("\"} ")
                .append(value).append('\n');
    }

    /** A gauge of an instant; left out entirely while the instant is unknown (absent, not a made-up zero). */
    private static void gauge(StringBuilder out, String name, String help, Optional<Instant> at) {
        if (at.isEmpty()) {
            return;
        }
        header(out, name, "gauge", help);
        out.append(name).append(' ').append(seconds(at.get())).append('\n');
    }

    /** Unix seconds with millisecond precision, for example {@code 1780000000.25}. */
    static String seconds(Instant at) {
        long millis = at.toEpochMilli();
        long whole = Math.floorDiv(millis, 1000);
        long fraction = Math.floorMod(millis, 1000);
        return fraction == 0 ? Long.toString(whole)
                : String.format(Locale.ROOT, "%d.%03d", whole, fraction).replaceAll("0+$", "");
    }
}
