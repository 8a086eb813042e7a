package org.openmargo.agent.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The one place that decides when anything happens next: a pure function of the steps' {@link Next}s, the settings,
 * whether status reports are pending, and the current instant. No clock, no I/O, no shared random source (each
 * outcome carries its own jitter seed), so the same inputs always give the same answer and a settings change is
 * applied by simply asking again.
 *
 * <p>The rule: each step is due at the time its outcome names; an exchange with the WFM is placed by
 * {@link PollSchedule} (rate and jitter after a success, backoff after a failure, never before a {@code Retry-After}
 * counted from when that answer arrived, polls inside the polling windows) and never inside a downtime window,
 * including the one in force now. The agent wakes at the earliest due time, and never at or before {@code now}: at
 * least {@link #SOONEST} later.
 */
public final class WakeUp {
    /** The shortest wait between two passes, so that no outcome can make the agent spin. */
    public static final Duration SOONEST = Duration.ofMillis(100);

    private WakeUp() {
    }

    /**
     * The settings in force.
     *
     * @param poll   the desired-state schedule ({@code poll.*}, windows, downtime, backoff)
     * @param status the same with {@code status.interval} as the rate (status re-sends and retries)
     */
    public record Settings(ScheduleSettings poll, ScheduleSettings status) {
        public Settings {
            Objects.requireNonNull(poll, "poll");
            Objects.requireNonNull(status, "status");
        }
    }

    /** When the step whose last outcome is {@code next} is due; empty for {@link Next.WithPass}. */
    public static Optional<Instant> due(Next next, Settings s, boolean reportsPending, Instant now) {
        return switch (next) {
            case Next.At at -> Optional.of(at.at());
            case Next.Prompt prompt -> Optional.of(outOfDowntime(s, prompt.at(), now));
            case Next.WithPass ignored -> Optional.empty();
            case Next.Poll poll -> Optional.of(outOfDowntime(s, PollSchedule.nextPoll(s.poll(), poll.answeredAt(),
                    poll.last(), new SplittableRandom(poll.seed())), now));
            case Next.Delivery delivery -> Optional.of(reportsPending ? sendAt(delivery, s, now)
                    : heartbeatAt(delivery, s, now));
        };
    }

    /** When pending reports may be sent: at once after a delivery, else as the status backoff says. */
    public static Instant sendAt(Next.Delivery delivery, Settings s, Instant now) {
        Instant at = switch (delivery.last()) {
            case Outcome.Succeeded ignored -> delivery.answeredAt();
            case Outcome.Failed failed -> PollSchedule.nextSend(s.status(), delivery.answeredAt(), failed,
                    new SplittableRandom(delivery.seed()));
        };
        return outOfDowntime(s, at, now);
    }

    /** When the current status is reported again although nothing changed ({@code status.interval}). */
    public static Instant heartbeatAt(Next.Delivery delivery, Settings s, Instant now) {
        return outOfDowntime(s, delivery.lastDelivery().plus(s.status().pollRate()), now);
    }

    /** The next wake-up: the earliest due time, strictly after {@code now}. */
    public static Instant next(Collection<Next> nexts, Settings s, boolean reportsPending, Instant now) {
        Instant earliest = nexts.stream().map(n -> due(n, s, reportsPending, now)).flatMap(Optional::stream)
                .min(Comparator.naturalOrder()).orElse(now.plus(s.poll().pollRate()));
        return earliest.isAfter(now) ? earliest : now.plus(SOONEST);
    }

    /** {@code at}, or the end of the downtime covering it or covering {@code now}, whichever is later. */
    private static Instant outOfDowntime(Settings s, Instant at, Instant now) {
        Downtime downtime = s.poll().downtime();
        Instant placed = downtime.activeUntil(at).orElse(at);
        Instant current = downtime.activeUntil(now).orElse(placed);
        return current.isAfter(placed) ? current : placed;
    }
}
