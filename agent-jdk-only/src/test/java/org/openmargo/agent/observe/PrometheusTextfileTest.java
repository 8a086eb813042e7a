package org.openmargo.agent.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Prometheus textfile: exact exposition text, atomic replacement, and Prometheus' own parser accepts it. */
class PrometheusTextfileTest {
    @TempDir
    Path dir;

    @Test
    void render_fullSnapshot_isThisExactExposition() {
        assertThat(PrometheusTextfile.render(Snapshots.full())).isEqualTo("""
                # HELP openmargo_agent_polls_total Desired-state polls since the agent started, by outcome.
                # TYPE openmargo_agent_polls_total counter
                openmargo_agent_polls_total{outcome="accepted"} 1
                openmargo_agent_polls_total{outcome="unchanged"} 5
                openmargo_agent_polls_total{outcome="rejected"} 0
                openmargo_agent_polls_total{outcome="unavailable"} 1
                openmargo_agent_polls_total{outcome="error"} 0
                # HELP openmargo_agent_last_successful_poll_timestamp_seconds When the last desired-state poll that \
                succeeded ended (new manifest or nothing new).
                # TYPE openmargo_agent_last_successful_poll_timestamp_seconds gauge
                openmargo_agent_last_successful_poll_timestamp_seconds 1796429100
                # HELP openmargo_agent_last_poll_timestamp_seconds When the last desired-state poll ended.
                # TYPE openmargo_agent_last_poll_timestamp_seconds gauge
                openmargo_agent_last_poll_timestamp_seconds 1796429400
                # HELP openmargo_agent_status_reports_pending Status reports waiting in the outbox for delivery to \
                the WFM.
                # TYPE openmargo_agent_status_reports_pending gauge
                openmargo_agent_status_reports_pending 2
                # HELP openmargo_agent_deployments Deployments desired or still applied, by state (the most severe \
                state of their components).
                # TYPE openmargo_agent_deployments gauge
                openmargo_agent_deployments{state="removed"} 0
                openmargo_agent_deployments{state="installed"} 1
                openmargo_agent_deployments{state="pending"} 1
                openmargo_agent_deployments{state="installing"} 0
                openmargo_agent_deployments{state="removing"} 0
                openmargo_agent_deployments{state="failed"} 1
                # HELP openmargo_agent_svid_expiry_timestamp_seconds When the agent's SVID expires.
                # TYPE openmargo_agent_svid_expiry_timestamp_seconds gauge
                openmargo_agent_svid_expiry_timestamp_seconds 1796515200
                # HELP openmargo_agent_trust_bundle_refresh_timestamp_seconds When the trust source last confirmed \
                the trust bundle in force.
                # TYPE openmargo_agent_trust_bundle_refresh_timestamp_seconds gauge
                openmargo_agent_trust_bundle_refresh_timestamp_seconds 1796428800
                # HELP openmargo_agent_next_exchange_timestamp_seconds When the agent plans its next exchange with \
                the WFM (poll or status delivery).
                # TYPE openmargo_agent_next_exchange_timestamp_seconds gauge
                openmargo_agent_next_exchange_timestamp_seconds 1796429420
                # HELP openmargo_agent_textfile_written_timestamp_seconds When the agent wrote this file.
                # TYPE openmargo_agent_textfile_written_timestamp_seconds gauge
                openmargo_agent_textfile_written_timestamp_seconds 1796429400.25
                """);
    }

    @Test
    void render_unknownTimes_areLeftOutNotZero() {
        String text = PrometheusTextfile.render(Snapshots.bare());

        assertThat(text).doesNotContain("last_successful_poll", "last_poll_timestamp", "svid_expiry",
                "trust_bundle_refresh").contains("openmargo_agent_polls_total{outcome=\"error\"} 0\n");
    }

    @Test
    void write_twice_replacesTheFileAndLeavesNoTempFile() throws IOException {
        Path file = dir.resolve("textfile/openmargo_agent.prom");
        PrometheusTextfile textfile = new PrometheusTextfile(file);

        textfile.write(Snapshots.bare());
        textfile.write(Snapshots.full());

        assertThat(file).hasContent(PrometheusTextfile.render(Snapshots.full()).stripTrailing());
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void write_directoryInTheWay_throwsAndLeavesItAlone() throws IOException {
        Path file = Files.createDirectories(dir.resolve("openmargo_agent.prom"));

        assertThatThrownBy(() -> new PrometheusTextfile(file).write(Snapshots.full())).isInstanceOf(IOException.class);
        assertThat(file).isDirectory();
    }

    @Test
    void promtool_checkMetrics_acceptsBothFiles() throws Exception {
        for (AgentSnapshot s : new AgentSnapshot[] {Snapshots.full(), Snapshots.bare()}) {
            Path file = dir.resolve("check.prom");
            new PrometheusTextfile(file).write(s);

            Promtool.Verdict verdict = Promtool.checkMetrics(file);

            assertThat(verdict.output()).isEmpty();
            assertThat(verdict.exitCode()).isZero();
        }
    }

    @Test
    void promtool_checkMetrics_flagsACounterWithoutTotal() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.prom"),
                "# HELP x_polls Polls.\n# TYPE x_polls counter\nx_polls 1\n");

        Promtool.Verdict verdict = Promtool.checkMetrics(file);

        assertThat(verdict.exitCode()).isNotZero();
        assertThat(verdict.output()).contains("x_polls counter metrics should have \"_total\" suffix");
    }
}
