package org.openmargo.agent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openmargo.agent.schedule.DowntimeTest.once;
import static org.openmargo.agent.schedule.DowntimeTest.weekly;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.LongFunction;

import org.junit.jupiter.api.Test;
import org.openmargo.agent.schedule.Outcome.Failed;
import org.openmargo.agent.schedule.Outcome.Succeeded;

class PollScheduleTest {
    private static final int SEEDS = 10_000;
    private static final Instant SATURDAY_NOON = Instant.parse("2026-06-13T10:00:00Z"); // 12:00 in Berlin
    private static final Duration RATE = Duration.ofMinutes(5);
    private static final Outcome SUCCEEDED = new Succeeded();

    private static ScheduleSettings settings(int jitter, PollWindows windows, Downtime downtime) {
        return new ScheduleSettings(RATE, new Jitter(jitter), windows, downtime, Backoff.defaults());
    }

    private static ScheduleSettings plain(int jitter) {
        return settings(jitter, PollWindows.always(), Downtime.none());
    }

    private static PollWindows daytime() {
        return new PollWindows(List.of(PollWindowsTest.window("06:00-22:00")), ZoneId.of("Europe/Berlin"));
    }

    /** A failure whose answer named a wait, without a strategy (the configured backoff, as for a plain 503). */
    private static Outcome retryAfter(Duration wait, int consecutiveFailures, Instant at) {
        return new Failed(consecutiveFailures, at, Retry.configured(Optional.of(wait)));
    }

    private static Duration waitFrom(Instant now, Instant next) {
        return Duration.between(now, next);
    }

    /** Every result over {@link #SEEDS} seeds, as the wait from {@code now}, with its min and max. */
    private static Duration[] range(Instant now, LongFunction<Instant> next) {
        Duration min = null;
        Duration max = null;
        for (long seed = 0; seed < SEEDS; seed++) {
            Duration wait = waitFrom(now, next.apply(seed));
            min = min == null || wait.compareTo(min) < 0 ? wait : min;
            max = max == null || wait.compareTo(max) > 0 ? wait : max;
        }
        return new Duration[] {min, max};
    }

    @Test
    void nextPoll_afterSuccess_jitterStaysWithinPlusMinusPercentOverTenThousandSeeds() {
        ScheduleSettings s = plain(10);

        Duration[] range = range(SATURDAY_NOON,
                seed -> PollSchedule.nextPoll(s, SATURDAY_NOON, SUCCEEDED, new SplittableRandom(seed)));

        assertThat(range[0]).isBetween(Duration.ofSeconds(270), Duration.ofSeconds(272));
        assertThat(range[1]).isBetween(Duration.ofSeconds(328), Duration.ofSeconds(330));
    }

    @Test
    void nextPoll_afterSuccess_extremesOfTheRandomSourceAreTheBounds() {
        ScheduleSettings s = plain(10);

        assertThat(PollSchedule.nextPoll(s, SATURDAY_NOON, SUCCEEDED, FixedRandom.LOWEST))
                .isEqualTo(SATURDAY_NOON.plusSeconds(270));
        assertThat(PollSchedule.nextPoll(s, SATURDAY_NOON, SUCCEEDED, FixedRandom.HIGHEST))
                .isEqualTo(SATURDAY_NOON.plusSeconds(330));
        assertThat(PollSchedule.nextPoll(plain(0), SATURDAY_NOON, SUCCEEDED, new SplittableRandom(1)))
                .isEqualTo(SATURDAY_NOON.plus(RATE));
    }

    @Test
    void nextPoll_sameSeed_sameAnswer() {
        ScheduleSettings s = plain(25);

        assertThat(PollSchedule.nextPoll(s, SATURDAY_NOON, SUCCEEDED, new SplittableRandom(42)))
                .isEqualTo(PollSchedule.nextPoll(s, SATURDAY_NOON, SUCCEEDED, new SplittableRandom(42)));
    }

    @Test
    void nextPoll_afterFailures_backoffGrowsAndIsCapped() {
        ScheduleSettings s = plain(0);

        assertThat(waitFrom(SATURDAY_NOON, PollSchedule.nextPoll(s, SATURDAY_NOON,
                new Failed(1, SATURDAY_NOON), FixedRandom.LOWEST))).isEqualTo(Duration.ofSeconds(10));
        assertThat(waitFrom(SATURDAY_NOON, PollSchedule.nextPoll(s, SATURDAY_NOON,
                new Failed(4, SATURDAY_NOON), FixedRandom.LOWEST))).isEqualTo(Duration.ofSeconds(80));
        assertThat(waitFrom(SATURDAY_NOON, PollSchedule.nextPoll(s, SATURDAY_NOON,
                new Failed(30, SATURDAY_NOON), FixedRandom.LOWEST))).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void nextPoll_atTheCapWithJitter_neverBeyondMaxOverTenThousandSeeds() {
        ScheduleSettings s = plain(20);
        Outcome failed = new Failed(12, SATURDAY_NOON);

        Duration[] range = range(SATURDAY_NOON,
                seed -> PollSchedule.nextPoll(s, SATURDAY_NOON, failed, new SplittableRandom(seed)));

        assertThat(range[1]).isLessThanOrEqualTo(Duration.ofMinutes(10)).isGreaterThan(Duration.ofSeconds(595));
        assertThat(range[0]).isGreaterThanOrEqualTo(Duration.ofMinutes(8)).isLessThan(Duration.ofSeconds(485));
    }

    @Test
    void nextPoll_retryAfterLongerThanBackoff_neverEarlierAndJitteredUpwardsOnly() {
        ScheduleSettings s = plain(10);
        Outcome retry = retryAfter(Duration.ofSeconds(120), 1, SATURDAY_NOON);

        Duration[] range = range(SATURDAY_NOON,
                seed -> PollSchedule.nextPoll(s, SATURDAY_NOON, retry, new SplittableRandom(seed)));

        assertThat(range[0]).isGreaterThanOrEqualTo(Duration.ofSeconds(120)).isLessThan(Duration.ofSeconds(121));
        assertThat(range[1]).isLessThanOrEqualTo(Duration.ofSeconds(132)).isGreaterThan(Duration.ofSeconds(131));
    }

    @Test
    void nextPoll_retryAfterBeyondBackoffMax_isNotCapped() {
        Outcome retry = retryAfter(Duration.ofHours(2), 1, SATURDAY_NOON);

        assertThat(PollSchedule.nextPoll(plain(10), SATURDAY_NOON, retry, FixedRandom.LOWEST))
                .isEqualTo(SATURDAY_NOON.plus(Duration.ofHours(2)));
    }

    @Test
    void nextPoll_retryAfterShorterThanBackoff_backoffWins() {
        Outcome retry = retryAfter(Duration.ofSeconds(30), 5, SATURDAY_NOON);

        assertThat(PollSchedule.nextPoll(plain(0), SATURDAY_NOON, retry, FixedRandom.LOWEST))
                .isEqualTo(SATURDAY_NOON.plusSeconds(160));
    }

    @Test
    void nextSend_failureDuringDowntime_doesNotGrowTheBackoff() {
        Instant inDowntime = Instant.parse("2026-12-25T10:00:00Z");
        ScheduleSettings s = settings(0, PollWindows.always(),
                new Downtime(List.of(once("2026-12-24T18:00:00Z", "2026-12-27T06:00:00Z"))));

        assertThat(PollSchedule.waitAfter(s, new Failed(3, inDowntime), FixedRandom.LOWEST))
                .isEqualTo(Duration.ofSeconds(20));
        assertThat(PollSchedule.waitAfter(s, new Failed(1, inDowntime), FixedRandom.LOWEST)).isEqualTo(RATE);
        assertThat(PollSchedule.failuresAfter(s, 2, inDowntime)).isEqualTo(2);
        assertThat(PollSchedule.failuresAfter(s, 2, SATURDAY_NOON)).isEqualTo(3);
    }

    @Test
    void nextPoll_insideDowntime_promptAttemptExactlyAtItsEnd() {
        ScheduleSettings s = settings(10, PollWindows.always(),
                new Downtime(List.of(once("2026-12-24T18:00:00Z", "2026-12-27T06:00:00Z"))));
        Instant now = Instant.parse("2026-12-25T10:00:00Z");

        for (Outcome last : List.of(SUCCEEDED, new Failed(7, now), retryAfter(Duration.ZERO, 1, now))) {
            assertThat(PollSchedule.nextPoll(s, now, last, new SplittableRandom(7)))
                    .isEqualTo(Instant.parse("2026-12-27T06:00:00Z"));
            assertThat(PollSchedule.nextSend(s, now, last, new SplittableRandom(7)))
                    .isEqualTo(Instant.parse("2026-12-27T06:00:00Z"));
        }
    }

    @Test
    void nextPoll_outsideWindows_movesToOpeningPlusOffsetWithinJitterOverTenThousandSeeds() {
        ScheduleSettings s = settings(10, daytime(), Downtime.none());
        Instant lateEvening = Instant.parse("2026-06-13T19:58:00Z"); // 21:58 Berlin
        Instant opening = Instant.parse("2026-06-14T04:00:00Z");     // 06:00 Berlin

        Duration[] range = range(opening,
                seed -> PollSchedule.nextPoll(s, lateEvening, SUCCEEDED, new SplittableRandom(seed)));

        assertThat(range[0]).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(Duration.ofMillis(100));
        assertThat(range[1]).isLessThanOrEqualTo(Duration.ofSeconds(30)).isGreaterThan(Duration.ofSeconds(29));
    }

    @Test
    void nextSend_outsideWindows_ignoresThem() {
        ScheduleSettings s = settings(0, daytime(), Downtime.none());
        Instant lateEvening = Instant.parse("2026-06-13T19:58:00Z");

        assertThat(PollSchedule.nextSend(s, lateEvening, SUCCEEDED, FixedRandom.LOWEST))
                .isEqualTo(lateEvening.plus(RATE));
    }

    @Test
    void nextPoll_openingInsideDowntime_waitsForTheDowntimeEndExactly() {
        // Sunday 05:00-07:00 downtime covers the 06:00 opening.
        ScheduleSettings s = settings(10, daytime(), new Downtime(List.of(weekly(DayOfWeek.SUNDAY, "05:00", "07:00"))));
        Instant saturdayLate = Instant.parse("2026-06-13T19:58:00Z");

        assertThat(PollSchedule.nextPoll(s, saturdayLate, SUCCEEDED, FixedRandom.HIGHEST))
                .isEqualTo(Instant.parse("2026-06-14T05:00:00Z"));
    }

    @Test
    void nextPoll_downtimeEndingAfterTheWindowCloses_waitsForTheNextOpening() {
        // Saturday 21:00-23:00 downtime runs past the 22:00 close.
        ScheduleSettings s = settings(10, daytime(), new Downtime(List.of(weekly(DayOfWeek.SATURDAY, "21:00", "23:00"))));
        Instant saturdayEvening = Instant.parse("2026-06-13T18:58:00Z"); // 20:58 Berlin

        assertThat(PollSchedule.nextPoll(s, saturdayEvening, SUCCEEDED, FixedRandom.LOWEST))
                .isEqualTo(Instant.parse("2026-06-14T04:00:00Z"));
        assertThat(PollSchedule.nextSend(s, saturdayEvening, SUCCEEDED, FixedRandom.LOWEST))
                .isEqualTo(Instant.parse("2026-06-13T21:00:00Z"));
    }

    @Test
    void nextPoll_anyOutcomeAndSeed_strictlyAfterNow() {
        ScheduleSettings s = new ScheduleSettings(Duration.ofSeconds(1), new Jitter(50), PollWindows.always(),
                Downtime.none(), new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1));
        List<Outcome> outcomes = List.of(SUCCEEDED, new Failed(1, SATURDAY_NOON),
                retryAfter(Duration.ZERO, 1, SATURDAY_NOON));

        for (Outcome last : outcomes) {
            Duration[] range = range(SATURDAY_NOON,
                    seed -> PollSchedule.nextPoll(s, SATURDAY_NOON, last, new SplittableRandom(seed)));
            assertThat(range[0]).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        }
    }
}
