package org.openmargo.wfm.rollout;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.openmargo.wfm.presence.Presence;
import org.openmargo.wfm.testclock.MutableClock;

class DeviceProgressTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));
    private final Presence presence = new Presence(clock);

    private static RolloutRows.DeviceRow row(int wave, String member, String applied, Long since,
                                             RolloutRows.Status status) {
        return new RolloutRows.DeviceRow("c1", "d1", wave, false, Optional.ofNullable(member),
                Optional.ofNullable(applied), Optional.empty(), Optional.ofNullable(since), Optional.ofNullable(status));
    }

    private static RolloutRows.Status status(long adopted, String state, String body) {
        return new RolloutRows.Status(adopted, state, body.getBytes(UTF_8), Instant.parse("2026-12-05T09:59:00Z"));
    }

    private DeviceProgress.State state(RolloutRows.DeviceRow row, int started) {
        return DeviceProgress.of(row, "2.0", started, presence, Duration.ofMinutes(5)).state();
    }

    @Test
    void of_passesWaitingPendingDeliveredAndTheReportedStates() {
        assertThat(state(row(1, "1.0", "1.0", 3L, null), 0)).isEqualTo(DeviceProgress.State.WAITING);
        assertThat(state(row(0, "2.0", "1.0", 3L, null), 0)).isEqualTo(DeviceProgress.State.PENDING);
        assertThat(state(row(0, "2.0", "2.0", 4L, null), 0)).isEqualTo(DeviceProgress.State.PENDING);
        presence.polled("c1", 4);
        assertThat(state(row(0, "2.0", "2.0", 4L, null), 0)).isEqualTo(DeviceProgress.State.DELIVERED);
        assertThat(state(row(0, "2.0", "2.0", 4L, status(4, "installing", "{}")), 0))
                .isEqualTo(DeviceProgress.State.INSTALLING);
        assertThat(state(row(0, "2.0", "2.0", 4L, status(5, "installed", "{}")), 0))
                .isEqualTo(DeviceProgress.State.INSTALLED);
    }

    @Test
    void of_reportAboutThePreviousRevision_doesNotCount() {
        presence.polled("c1", 3);
        assertThat(state(row(0, "2.0", "2.0", 4L, status(3, "installed", "{}")), 0))
                .isEqualTo(DeviceProgress.State.PENDING);
    }

    @Test
    void of_failedReport_carriesTheLastError() {
        DeviceProgress p = DeviceProgress.of(row(0, "2.0", "2.0", 4L, status(4, "failed", """
                {"status": {"state": "failed"}, "components": [{"name": "a", "state": "failed",
                 "error": {"code": "SIMULATED_FAILURE", "message": "simulated failure of a"}}]}""")),
                "2.0", 0, presence, Duration.ofMinutes(5));
        assertThat(p.state()).isEqualTo(DeviceProgress.State.FAILED);
        assertThat(p.lastError()).contains("SIMULATED_FAILURE: simulated failure of a");
    }

    @Test
    void of_staleWhenNotPolledWithinTheLimit() {
        assertThat(DeviceProgress.of(row(0, "2.0", "2.0", 4L, null), "2.0", 0, presence, Duration.ofMinutes(5))
                .stale()).as("never polled").isTrue();
        presence.polled("c1", 4);
        clock.advance(Duration.ofMinutes(4));
        assertThat(DeviceProgress.of(row(0, "2.0", "2.0", 4L, null), "2.0", 0, presence, Duration.ofMinutes(5))
                .stale()).isFalse();
        clock.advance(Duration.ofMinutes(2));
        assertThat(DeviceProgress.of(row(0, "2.0", "2.0", 4L, null), "2.0", 0, presence, Duration.ofMinutes(5))
                .stale()).isTrue();
    }

    @Test
    void tally_failuresAboveTheErrorThreshold_andSuccessAtTheThreshold() {
        Rollout r = new Rollout("r", "i", "1.0", "2.0", List.of(new WaveSize.Devices(1), new WaveSize.Percent(100)),
                1.0, 0.0, Duration.ofMinutes(1), Rollout.State.RUNNING, 0, clock.instant(), Optional.empty(),
                Optional.empty(), "op", clock.instant());
        DeviceProgress installed = new DeviceProgress("c1", "d1", 0, DeviceProgress.State.INSTALLED, false,
                Optional.empty(), Optional.empty(), Optional.empty());
        DeviceProgress failed = new DeviceProgress("c2", "d1", 0, DeviceProgress.State.FAILED, false,
                Optional.empty(), Optional.empty(), Optional.empty());
        DeviceProgress waiting = new DeviceProgress("c3", "d1", 1, DeviceProgress.State.WAITING, false,
                Optional.empty(), Optional.empty(), Optional.empty());
        Progress.Tally ok = Progress.Tally.of(r, List.of(installed, waiting));
        assertThat(ok).isEqualTo(new Progress.Tally(1, 1, 0));
        assertThat(ok.succeeded(1.0)).isTrue();
        Progress.Tally bad = Progress.Tally.of(r, List.of(installed, failed, waiting));
        assertThat(bad.tooManyFailures(0.0)).isTrue();
        assertThat(bad.tooManyFailures(0.5)).isFalse();
        assertThat(bad.succeeded(1.0)).isFalse();
        assertThat(bad.succeeded(0.5)).isTrue();
    }
}
