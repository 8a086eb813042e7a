package org.openmargo.agent.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The one wake-up decision, on fixed instants: no clock, no sleeping. */
class WakeUpTest {
    private static final Instant NOW = Instant.parse("2026-06-13T10:00:00Z");
    private static final Duration RATE = Duration.ofMinutes(5);
    private static final Downtime NOON_TO_TWO = new Downtime(List.of(new DowntimeWindow.Once(
            Instant.parse("2026-06-13T09:00:00Z"), Instant.parse("2026-06-13T12:00:00Z"))));

    private static WakeUp.Settings settings(int jitter, Downtime downtime) {
        ScheduleSettings poll = new ScheduleSettings(RATE, new Jitter(jitter), PollWindows.always(), downtime,
                Backoff.defaults());
        return new WakeUp.Settings(poll, new ScheduleSettings(Duration.ofMinutes(15), poll.jitter(), poll.windows(),
                downtime, poll.backoff()));
    }

    @Test
    void next_pollAfterRetryAfter_countsFromTheAnswerNotFromThePass() {
        Instant answered = NOW.plusSeconds(4);
        Retry retryAfter60 = Retry.configured(Optional.of(Duration.ofSeconds(60)));
        Next poll = new Next.Poll(new Outcome.Failed(1, answered, retryAfter60), answered, 7);

        Instant wake = WakeUp.next(List.of(poll), settings(0, Downtime.none()), false, answered);

        assertThat(wake).isEqualTo(answered.plusSeconds(60));
    }

    @Test
    void next_earliestOfSeveralSteps_wins() {
        List<Next> nexts = List.of(new Next.Poll(new Outcome.Succeeded(), NOW, 1), new Next.At(NOW.plusSeconds(5)),
                new Next.WithPass(), new Next.Delivery(new Outcome.Succeeded(), NOW, 2, NOW));

        assertThat(WakeUp.next(nexts, settings(0, Downtime.none()), false, NOW)).isEqualTo(NOW.plusSeconds(5));
    }

    @Test
    void next_dueInThePast_isNeverScheduledAtOrBeforeNow() {
        Instant wake = WakeUp.next(List.of(new Next.At(NOW.minusSeconds(30))), settings(0, Downtime.none()), false,
                NOW);

        assertThat(wake).isEqualTo(NOW.plus(WakeUp.SOONEST));
    }

    @Test
    void due_exchangeDuringDowntime_movesToItsEndButLocalWorkDoesNot() {
        WakeUp.Settings s = settings(0, NOON_TO_TWO);

        assertThat(WakeUp.due(new Next.Prompt(NOW), s, false, NOW)).contains(Instant.parse("2026-06-13T12:00:00Z"));
        assertThat(WakeUp.due(new Next.Delivery(new Outcome.Succeeded(), NOW, 3, NOW), s, true, NOW))
                .contains(Instant.parse("2026-06-13T12:00:00Z"));
        assertThat(WakeUp.due(new Next.At(NOW.plusSeconds(1)), s, false, NOW)).contains(NOW.plusSeconds(1));
    }

    @Test
    void due_sameOutcomeUnderNewSettings_isPlacedByTheNewSettings() {
        Next poll = new Next.Poll(new Outcome.Succeeded(), NOW.minusSeconds(60), 9);

        Optional<Instant> inDowntime = WakeUp.due(poll, settings(0, NOON_TO_TWO), false, NOW);
        Optional<Instant> withoutIt = WakeUp.due(poll, settings(0, Downtime.none()), false, NOW);

        assertThat(inDowntime).contains(Instant.parse("2026-06-13T12:00:00Z"));
        assertThat(withoutIt).contains(NOW.minusSeconds(60).plus(RATE));
    }

    @Test
    void due_jitteredOutcome_isTheSameOnEveryEvaluation() {
        Next poll = new Next.Poll(new Outcome.Succeeded(), NOW, 12345);
        WakeUp.Settings s = settings(10, Downtime.none());

        Instant first = WakeUp.due(poll, s, false, NOW).orElseThrow();

        assertThat(WakeUp.due(poll, s, false, NOW.plusSeconds(10))).contains(first);
        assertThat(first).isBetween(NOW.plus(RATE.multipliedBy(9).dividedBy(10)),
                NOW.plus(RATE.multipliedBy(11).dividedBy(10)));
    }

    @Test
    void due_deliveryWithoutPendingReports_isTheHeartbeatAfterTheLastDelivery() {
        Next.Delivery delivery = new Next.Delivery(new Outcome.Failed(2, NOW, Retry.configured()), NOW, 4,
                NOW.minusSeconds(60));

        assertThat(WakeUp.due(delivery, settings(0, Downtime.none()), false, NOW))
                .contains(NOW.minusSeconds(60).plus(Duration.ofMinutes(15)));
    }

    @Test
    void due_withPass_isNeverDueOnItsOwn() {
        assertThat(WakeUp.due(new Next.WithPass(), settings(0, Downtime.none()), true, NOW)).isEmpty();
    }

    @Test
    void decide_pollAfterSuccess_namesThePollAndTheRate() {
        List<Map.Entry<String, Next>> steps = List.of(Map.entry("svid-renewal",
                new Next.At(NOW.plusSeconds(600))), Map.entry("poll",
                new Next.Poll(new Outcome.Succeeded(), NOW, 1)));

        WakeUp.Decision d = WakeUp.decide(steps, settings(0, Downtime.none()), false, NOW);

        assertThat(d).isEqualTo(new WakeUp.Decision(NOW.plus(RATE), "poll", "poll.rate after a successful poll"));
    }

    @Test
    void decide_pollAfterThreeFailures_namesTheBackoff() {
        Next poll = new Next.Poll(new Outcome.Failed(3, NOW), NOW, 1);

        WakeUp.Decision d = WakeUp.decide(List.of(Map.entry("poll", poll)), settings(0, Downtime.none()),
                false, NOW);

        assertThat(d.at()).isEqualTo(WakeUp.next(List.of(poll), settings(0, Downtime.none()), false, NOW));
        assertThat(d.step()).isEqualTo("poll");
        assertThat(d.reason()).isEqualTo("backoff after 3 failures");
    }

    @Test
    void decide_pollInDowntime_saysItIsHeldUntilTheEnd() {
        WakeUp.Decision d = WakeUp.decide(List.of(Map.entry("poll", new Next.Poll(new Outcome.Succeeded(),
                NOW, 1))), settings(0, NOON_TO_TWO), false, NOW);

        assertThat(d).isEqualTo(new WakeUp.Decision(Instant.parse("2026-06-13T12:00:00Z"), "poll",
                "poll.rate after a successful poll, held by a downtime window"));
    }

    @Test
    void decide_reportsPendingAfterFailedSendWithRetryAfter_namesTheDelivery() {
        Retry retryAfter = Retry.configured(Optional.of(Duration.ofSeconds(30)));
        List<Map.Entry<String, Next>> steps = List.of(
                Map.entry("poll", new Next.Poll(new Outcome.Succeeded(), NOW, 1)),
                Map.entry("status-delivery", new Next.Delivery(new Outcome.Failed(1, NOW, retryAfter), NOW,
                        2, NOW)));

        WakeUp.Decision d = WakeUp.decide(steps, settings(0, Downtime.none()), true, NOW);

        assertThat(d).isEqualTo(new WakeUp.Decision(NOW.plusSeconds(30), "status-delivery",
                "Retry-After or status backoff after 1 failure"));
    }
}
