package org.openmargo.agent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.openmargo.agent.schedule.Outcome.Failed;
import org.openmargo.agent.schedule.Retry.Strategy;

/**
 * The WFM's {@code backoffStrategy} (digest g) as {@link PollSchedule} applies it. Settings: rate PT5M, backoff from
 * PT10S doubling up to PT10M.
 */
class PollScheduleStrategyTest {
    private static final int SEEDS = 10_000;
    private static final Instant NOW = Instant.parse("2026-06-13T10:00:00Z");

    private static ScheduleSettings jitter(int percent) {
        return new ScheduleSettings(Duration.ofMinutes(5), new Jitter(percent), PollWindows.always(), Downtime.none(),
                Backoff.defaults());
    }

    private static Retry retry(Strategy strategy, long afterSeconds) {
        return new Retry(strategy, Optional.of(Duration.ofSeconds(afterSeconds)));
    }

    /** The waits after failures 1 to {@code count} in a row. */
    private static List<Duration> waits(ScheduleSettings s, Retry retry, int count, FixedRandom random) {
        List<Duration> waits = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            waits.add(Duration.between(NOW, PollSchedule.nextPoll(s, NOW, new Failed(n, NOW, retry), random)));
        }
        return waits;
    }

    private static List<Duration> seconds(long... values) {
        List<Duration> out = new ArrayList<>();
        for (long value : values) {
            out.add(Duration.ofSeconds(value));
        }
        return out;
    }

    @Test
    void nextPoll_fixedWithRetryAfter_sameWaitAfterEveryFailure() {
        assertThat(waits(jitter(0), retry(Strategy.FIXED, 30), 5, FixedRandom.LOWEST))
                .isEqualTo(seconds(30, 30, 30, 30, 30));
    }

    @Test
    void nextPoll_fixedWithJitter_neverShorterThanTheRetryAfter() {
        assertThat(waits(jitter(10), retry(Strategy.FIXED, 30), 5, FixedRandom.LOWEST))
                .isEqualTo(seconds(30, 30, 30, 30, 30));
        assertThat(waits(jitter(10), retry(Strategy.FIXED, 30), 5, FixedRandom.HIGHEST))
                .isEqualTo(seconds(33, 33, 33, 33, 33));
        Outcome third = new Failed(3, NOW, retry(Strategy.FIXED, 30));
        for (long seed = 0; seed < SEEDS; seed++) {
            assertThat(PollSchedule.waitAfter(jitter(10), third, new SplittableRandom(seed)))
                    .isBetween(Duration.ofSeconds(30), Duration.ofSeconds(33));
        }
    }

    @Test
    void nextPoll_fixedWithoutRetryAfter_waitsBackoffInitialJitteredBothWays() {
        Retry fixed = new Retry(Strategy.FIXED, Optional.empty());

        assertThat(waits(jitter(10), fixed, 5, FixedRandom.LOWEST)).isEqualTo(seconds(9, 9, 9, 9, 9));
        assertThat(waits(jitter(10), fixed, 5, FixedRandom.HIGHEST)).isEqualTo(seconds(11, 11, 11, 11, 11));
    }

    @Test
    void nextPoll_fixedAboveBackoffMax_isNotCapped() {
        assertThat(waits(jitter(0), retry(Strategy.FIXED, 1200), 3, FixedRandom.LOWEST))
                .isEqualTo(seconds(1200, 1200, 1200));
    }

    @Test
    void nextPoll_fixedRetryAfterZero_waitsOneSecondNotZero() {
        assertThat(waits(jitter(0), retry(Strategy.FIXED, 0), 2, FixedRandom.LOWEST)).isEqualTo(seconds(1, 1));
    }

    @Test
    void nextPoll_exponentialWithRetryAfter_growsFromItUntilTheCap() {
        assertThat(waits(jitter(0), retry(Strategy.EXPONENTIAL, 20), 7, FixedRandom.LOWEST))
                .isEqualTo(seconds(20, 40, 80, 160, 320, 600, 600));
    }

    @Test
    void nextPoll_exponentialWithJitter_boundsAreTheGrowthPlusMinusPercentButNeverBelowTheRetryAfter() {
        assertThat(waits(jitter(10), retry(Strategy.EXPONENTIAL, 20), 6, FixedRandom.LOWEST))
                .isEqualTo(seconds(20, 36, 72, 144, 288, 540));
        assertThat(waits(jitter(10), retry(Strategy.EXPONENTIAL, 20), 6, FixedRandom.HIGHEST))
                .isEqualTo(seconds(22, 44, 88, 176, 352, 600));
    }

    @Test
    void nextPoll_exponentialRetryAfterAboveBackoffMax_theRetryAfterWins() {
        assertThat(waits(jitter(0), retry(Strategy.EXPONENTIAL, 900), 3, FixedRandom.LOWEST))
                .isEqualTo(seconds(900, 900, 900));
    }

    @Test
    void nextPoll_exponentialWithoutRetryAfter_isTheConfiguredBackoff() {
        Retry exponential = new Retry(Strategy.EXPONENTIAL, Optional.empty());

        assertThat(waits(jitter(0), exponential, 5, FixedRandom.LOWEST))
                .isEqualTo(waits(jitter(0), Retry.configured(), 5, FixedRandom.LOWEST))
                .isEqualTo(seconds(10, 20, 40, 80, 160));
    }

    @Test
    void nextPoll_configuredWithRetryAfter_growsFromInitialAndNeverBeforeTheWait() {
        // A 503 with retryable:false and Retry-After: 60, or one without a problem body.
        assertThat(waits(jitter(0), Retry.configured(Optional.of(Duration.ofSeconds(60))), 5, FixedRandom.LOWEST))
                .isEqualTo(seconds(60, 60, 60, 80, 160));
    }

    @Test
    void nextPoll_retryAfterBeyondADay_isTakenAsADay() {
        Retry absurd = retry(Strategy.FIXED, 999_999_999_999_999_999L);

        assertThat(waits(jitter(10), absurd, 1, FixedRandom.LOWEST)).containsExactly(Duration.ofDays(1));
        assertThat(absurd.after()).hasValue(Backoff.LONGEST);
    }

    @Test
    void waitAfter_fixedFailureInDowntime_countsAsNoFailureButNeverBeforeTheWait() {
        Instant inDowntime = Instant.parse("2026-12-24T18:30:00Z");
        ScheduleSettings s = new ScheduleSettings(Duration.ofSeconds(40), new Jitter(0), PollWindows.always(),
                new Downtime(List.of(DowntimeTest.once("2026-12-24T18:00:00Z", "2026-12-24T19:00:00Z"))),
                Backoff.defaults());

        assertThat(PollSchedule.waitAfter(s, new Failed(1, NOW, retry(Strategy.FIXED, 30)), FixedRandom.LOWEST))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(PollSchedule.waitAfter(s, new Failed(1, inDowntime, retry(Strategy.FIXED, 30)),
                FixedRandom.LOWEST)).isEqualTo(Duration.ofSeconds(40));
        assertThat(PollSchedule.waitAfter(s, new Failed(1, inDowntime, retry(Strategy.FIXED, 60)),
                FixedRandom.LOWEST)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void construct_negativeRetryAfter_rejected() {
        assertThatThrownBy(() -> new Retry(Strategy.FIXED, Optional.of(Duration.ofSeconds(-1))))
                .hasMessage("retry-after must not be negative but is PT-1S");
    }
}
