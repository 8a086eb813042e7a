package org.openmargo.agent.status;

import java.util.Objects;

/**
 * A report waiting in the {@link StatusOutbox}.
 *
 * @param seq the outbox's local sequence number: strictly increasing over every report it accepted, also across
 *            restarts while anything is pending; it names this exact report for {@link StatusOutbox#delivered}
 * @param report the report
 */
public record PendingReport(long seq, StatusReport report) {
    public PendingReport {
        Objects.requireNonNull(report, "report");
    }

    /** Returns the deployment the report is about. */
    public String deploymentId() {
        return report.deploymentId();
    }

    /** Returns the JSON body to send. */
    public byte[] json() {
        return StatusReportJson.write(report);
    }
}
