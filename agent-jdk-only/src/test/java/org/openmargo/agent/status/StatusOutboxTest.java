package org.openmargo.agent.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmargo.agent.state.ComponentState;

class StatusOutboxTest {
    @TempDir
    Path dir;

    @Test
    void report_twice_latestWins() throws IOException {
        StatusOutbox outbox = StatusOutbox.open(dir);
        outbox.report(Reports.installing(7));
        outbox.report(Reports.installed(7));

        assertThat(outbox.due()).containsExactly(new PendingReport(2, Reports.installed(7)));
    }

    @Test
    void report_successAfterFailureOfSameVersion_sendsFailureFirstThenSuccess() throws IOException {
        StatusOutbox outbox = StatusOutbox.open(dir);
        outbox.report(Reports.failed(7));
        outbox.report(Reports.installing(7));
        outbox.report(Reports.installed(7));

        assertThat(outbox.due()).containsExactly(new PendingReport(1, Reports.failed(7)));
        outbox.delivered(Reports.ID, 1);
        assertThat(outbox.due()).containsExactly(new PendingReport(3, Reports.installed(7)));
    }

    @Test
    void report_olderVersionSuccessAfterFailure_isDiscarded() throws IOException {
        StatusOutbox outbox = StatusOutbox.open(dir);
        outbox.report(Reports.failed(7));
        outbox.report(Reports.installed(6));

        assertThat(outbox.due()).containsExactly(new PendingReport(1, Reports.failed(7)));
    }

    @Test
    void report_newerVersionAfterFailure_replacesFailure() throws IOException {
        StatusOutbox outbox = StatusOutbox.open(dir);
        outbox.report(Reports.failed(7));
        outbox.report(Reports.installing(8));

        assertThat(outbox.due()).containsExactly(new PendingReport(2, Reports.installing(8)));
    }

    @Test
    void report_newerFailureOfSameVersion_replacesOlderFailure() throws IOException {
        StatusOutbox outbox = StatusOutbox.open(dir);
        outbox.report(Reports.failed(7));
        outbox.report(Reports.installing(7));
        outbox.report(Reports.failed(7));

        assertThat(outbox.due()).containsExactly(new PendingReport(3, Reports.failed(7)));
    }

    @Test
    void report_versionsComparedUnsigned_aboveLongMaxIsNewer() throws IOException {
        StatusOutbox outbox = StatusOutbox.open(dir);
        outbox.report(Reports.failed(Long.MAX_VALUE));
        outbox.report(Reports.installed(Long.MIN_VALUE));

        assertThat(outbox.due()).containsExactly(new PendingReport(2, Reports.installed(Long.MIN_VALUE)));
    }

    @Test
    void open_afterRestart_reloadsHeldAndLatestAndContinuesSequence() throws IOException {
        StatusOutbox before = StatusOutbox.open(dir);
        before.report(Reports.forDeployment("other", 3));
        before.report(Reports.failed(7));
        before.report(Reports.installed(7));

        StatusOutbox after = StatusOutbox.open(dir);
        after.delivered(Reports.ID, 2);
        after.report(Reports.forDeployment("other", 4));

        assertThat(after.due()).containsExactly(new PendingReport(3, Reports.installed(7)),
                new PendingReport(4, Reports.forDeployment("other", 4)));
        assertThat(names()).containsExactly(Reports.ID + ".json", "other.json");
    }

    @Test
    void delivered_whileNewerReportArrived_keepsNewer() throws IOException {
        StatusOutbox outbox = StatusOutbox.open(dir);
        outbox.report(Reports.installing(7));
        PendingReport inFlight = outbox.due().get(0);
        outbox.report(Reports.installed(7));

        outbox.delivered(inFlight.deploymentId(), inFlight.seq());

        assertThat(outbox.due()).containsExactly(new PendingReport(2, Reports.installed(7)));
        assertThat(StatusOutbox.open(dir).due()).containsExactly(new PendingReport(2, Reports.installed(7)));
    }

    @Test
    void delivered_latest_removesFile() throws IOException {
        StatusOutbox outbox = StatusOutbox.open(dir);
        outbox.report(Reports.installed(7));

        outbox.delivered(Reports.ID, 1);

        assertThat(outbox.due()).isEmpty();
        assertThat(names()).isEmpty();
        assertThat(StatusOutbox.open(dir).due()).isEmpty();
    }

    @Test
    void dropped_report_isRemoved() throws IOException {
        StatusOutbox outbox = StatusOutbox.open(dir);
        outbox.report(Reports.both(7, ComponentState.REMOVED, ComponentState.REMOVED));

        outbox.dropped(Reports.ID, 1, "HTTP 422");

        assertThat(outbox.due()).isEmpty();
        assertThat(names()).isEmpty();
    }

    @Test
    void open_damagedFile_isSkipped() throws IOException {
        Files.writeString(dir.resolve("broken.json"), "{\"format\":1,\"latest\":{}}");
        StatusOutbox outbox = StatusOutbox.open(dir);
        outbox.report(Reports.installed(7));

        assertThat(outbox.due()).containsExactly(new PendingReport(1, Reports.installed(7)));
    }

    private List<String> names() throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
