package org.openmargo.agent.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The one place that turns the last outcome into the next run time. A pure function of (settings, now, last outcome,
 * random source): no clock, no I/O, no threads, so the same inputs and the same random sequence give the same answer.
 *
 * <p>The rules, in order:
 * <ol>
 *   <li><b>Wait.</b> After {@link Outcome.Succeeded}: the poll rate, jittered by ±percent. After
 *   {@link Outcome.Failed} number n, by its {@link Retry#strategy()} (p is the jitter percent):
 *   <ul>
 *     <li>{@code CONFIGURED}: {@code d = min(max, initial × multiplier^(n-1))}, jittered uniformly in
 *     {@code [d − d·p, min(max, d + d·p)]}. This is proportional jitter with the same knob as the rate, not AWS
 *     "full" jitter: with p at most 50 % a retry never comes sooner than half its backoff, so the WFM that just
 *     failed is not hit again at once, and the cap is never exceeded.</li>
 *     <li>{@code EXPONENTIAL}: the same with the growth starting at {@link Retry#base} (the WFM's retry-after)
 *     instead of {@code initial}.</li>
 *     <li>{@code FIXED}: {@code d = base} whatever n, jittered in {@code [d − d·p, d + d·p]}; not capped.</li>
 *   </ul>
 *   When the failure names a wait ({@link Retry#after()}), the result is the larger of the above and that wait
 *   jittered upwards only ({@code [after, after + after·p]}): never before the server's wait, and not capped by
 *   {@code max} (digest g: the client MUST honour Retry-After).</li>
 *   <li><b>Downtime does not count.</b> A failure whose {@code at} lies in downtime is scheduled as if it had not
 *   happened (n − 1 failures; none means the rate, still never before a named wait).</li>
 *   <li><b>Polling windows</b> ({@link #nextPoll} only). A time outside the windows moves to the next opening plus a
 *   random offset in {@code [0, rate·p]}, so a fleet does not all poll at 06:00:00 (the opening itself if the offset
 *   would leave a very short window).</li>
 *   <li><b>Downtime.</b> A time inside downtime moves to the end of the (merged) downtime exactly: the one prompt
 *   attempt. Steps 3 and 4 repeat until neither moves the time, so a downtime ending outside the windows waits for
 *   the next opening.</li>
 * </ol>
 * The result is always strictly after {@code now}: every wait is at least half of one second because the rate and
 * every backoff base (the configured initial one and the one a WFM names) are at least PT1S and jitter is at most
 * 50 %.
 */
public final class PollSchedule {
    /** Bound on alternating window and downtime moves; reached only when downtime covers every window for weeks. */
    private static final int MAX_MOVES = 32;

    private PollSchedule() {
    }

    /** When to poll the desired state next (every rule above). */
    public static Instant nextPoll(ScheduleSettings s, Instant now, Outcome last, RandomGenerator random) {
        return place(s, now.plus(waitAfter(s, last, random)), true, random);
    }

    /**
     * When to send the next status report or capabilities update: the rules above without the polling windows (the
     * windows restrict only desired-state polls). After a success the rate is the re-send interval: pass settings
     * whose rate is {@code status.interval} (see {@code AgentConfig.statusSchedule()}).
     */
    public static Instant nextSend(ScheduleSettings s, Instant now, Outcome last, RandomGenerator random) {
        return place(s, now.plus(waitAfter(s, last, random)), false, random);
    }

    /**
     * The consecutive-failure count to carry forward after a failure at {@code at}: unchanged in downtime (no backoff
     * growth), otherwise one more. The count to put into the {@link Outcome} for this failure is {@code previous + 1}.
     */
    public static int failuresAfter(ScheduleSettings s, int previous, Instant at) {
        return s.downtime().covers(at) ? previous : previous + 1;
    }

    static Duration waitAfter(ScheduleSettings s, Outcome last, RandomGenerator random) {
        Objects.requireNonNull(last, "last");
        return switch (last) {
            case Outcome.Succeeded ignored -> rate(s, random);
            case Outcome.Failed failed -> {
                // The floor is drawn first: the draw order is part of the contract "same seed, same answer".
                Optional<Duration> floor = failed.retry().after().map(after -> upwards(s, after, random));
                int failures = counted(s, failed.consecutiveFailures(), failed.at());
                Duration spaced = failures == 0 ? rate(s, random) : spaced(s, failed.retry(), failures, random);
                yield floor.filter(f -> f.compareTo(spaced) > 0).orElse(spaced);
            }
        };
    }

    private static int counted(ScheduleSettings s, int consecutiveFailures, Instant at) {
        return s.downtime().covers(at) ? consecutiveFailures - 1 : consecutiveFailures;
    }

    private static Duration rate(ScheduleSettings s, RandomGenerator random) {
        return around(s, s.pollRate(), random);
    }

    /** The wait after {@code failures} (at least 1) failures in a row, spaced as {@code retry} says. */
    private static Duration spaced(ScheduleSettings s, Retry retry, int failures, RandomGenerator random) {
        Backoff backoff = s.backoff();
        return switch (retry.strategy()) {
            case CONFIGURED -> capped(s, backoff.delay(failures), random);
            case EXPONENTIAL -> capped(s, backoff.delay(failures, retry.base(backoff)), random);
            case FIXED -> around(s, retry.base(backoff), random);
        };
    }

    /** {@code base} jittered by ±percent, but never beyond {@code backoff.max}. */
    private static Duration capped(ScheduleSettings s, Duration base, RandomGenerator random) {
        Duration spread = s.jitter().spread(base);
        Duration high = base.plus(spread);
        return Jitter.between(base.minus(spread), high.compareTo(s.backoff().max()) > 0 ? s.backoff().max() : high,
                random);
    }

    /** {@code base} jittered by ±percent. */
    private static Duration around(ScheduleSettings s, Duration base, RandomGenerator random) {
        Duration spread = s.jitter().spread(base);
        return Jitter.between(base.minus(spread), base.plus(spread), random);
    }

    /** {@code wait} jittered upwards only, so never shorter than the WFM asked. */
    private static Duration upwards(ScheduleSettings s, Duration wait, RandomGenerator random) {
        return Jitter.between(wait, wait.plus(s.jitter().spread(wait)), random);
    }

    private static Instant place(ScheduleSettings s, Instant candidate, boolean useWindows, RandomGenerator random) {
        for (int move = 0; move < MAX_MOVES; move++) {
            Instant moved = useWindows ? intoWindow(s, candidate, random) : candidate;
            moved = s.downtime().activeUntil(moved).orElse(moved);
            if (moved.equals(candidate)) {
                return candidate;
            }
            candidate = moved;
        }
        return candidate;
    }

    private static Instant intoWindow(ScheduleSettings s, Instant candidate, RandomGenerator random) {
        PollWindows windows = s.windows();
        if (windows.contains(candidate)) {
            return candidate;
        }
        Instant opening = windows.nextOpening(candidate);
        Instant shifted = opening.plus(Jitter.between(Duration.ZERO, s.jitter().spread(s.pollRate()), random));
        return windows.contains(shifted) ? shifted : opening;
    }
}
