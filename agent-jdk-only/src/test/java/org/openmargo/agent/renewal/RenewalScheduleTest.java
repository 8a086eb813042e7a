package org.openmargo.agent.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.openmargo.agent.schedule.Backoff;
import org.openmargo.agent.transport.Svid;
import org.openmargo.wfm.testpki.TestPki;

/** When renewal is attempted: at two thirds of the lifetime, then by outcome. */
class RenewalScheduleTest {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final TestPki PKI = TestPki.create("plant.example", "wfm-a", T0);
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(10), 2);

    private static Svid svid(Instant from, Instant until) {
        TestPki.Svid issued = PKI.issue(PKI.root(), PKI.leafSpec(PKI.clientUri("dev-1")).withValidity(from, until));
        return Svid.of(issued.chain(), issued.key());
    }

    @Test
    void renewAt_thirtyDaySvid_isAfterTwentyDays() {
        assertThat(RenewalSchedule.renewAt(svid(T0, T0.plus(Duration.ofDays(30))))).isEqualTo(T0.plus(Duration.ofDays(20)));
    }

    @Test
    void renewAt_oneHourSvid_isAfterFortyMinutes() {
        assertThat(RenewalSchedule.renewAt(svid(T0, T0.plus(Duration.ofHours(1))))).isEqualTo(T0.plus(Duration.ofMinutes(40)));
    }

    @Test
    void next_renewed_isTheNewSvidsTwoThirdsPoint() {
        Svid renewed = svid(T0.plus(Duration.ofDays(20)), T0.plus(Duration.ofDays(50)));

        assertThat(RenewalSchedule.next(new RenewalOutcome.Renewed(renewed), 0, T0.plus(Duration.ofDays(20)), BACKOFF))
                .isEqualTo(T0.plus(Duration.ofDays(40)));
    }

    @Test
    void next_notOffered_isADayLater() {
        assertThat(RenewalSchedule.next(new RenewalOutcome.NotOffered(), 5, T0, BACKOFF)).isEqualTo(T0.plus(Duration.ofDays(1)));
    }

    @Test
    void next_failedThirdTime_followsTheBackoff() {
        assertThat(RenewalSchedule.next(new RenewalOutcome.Failed("503"), 3, T0, BACKOFF)).isEqualTo(T0.plusSeconds(40));
    }

    @Test
    void next_failedManyTimes_isCappedAtTheBackoffMax() {
        assertThat(RenewalSchedule.next(new RenewalOutcome.Failed("503"), 30, T0, BACKOFF)).isEqualTo(T0.plus(Duration.ofMinutes(10)));
    }

    @Test
    void next_refusedManyTimes_isCappedAtADayNotAtTheBackoffMax() {
        assertThat(RenewalSchedule.next(new RenewalOutcome.Refused("403"), 30, T0, BACKOFF)).isEqualTo(T0.plus(Duration.ofDays(1)));
        assertThat(RenewalSchedule.next(new RenewalOutcome.Refused("403"), 8, T0, BACKOFF)).isEqualTo(T0.plusSeconds(1280));
    }
}
