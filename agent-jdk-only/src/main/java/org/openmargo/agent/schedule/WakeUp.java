package org.openmargo.agent.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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
        return decide(nexts.stream().map(n -> Map.entry("step", n)).toList(), s, reportsPending, now).at();
    }

    /**
     * The next wake-up and why: which step is due first and what in its outcome placed it there. {@link #next} is
     * this decision's {@link Decision#at()}; the agent records the whole decision for {@code agent status}.
     *
     * @param steps each step's name with its last {@link Next}, in the order the steps run (the first of equally
     *              due steps names the decision)
     */
    public static Decision decide(List<Map.Entry<String, Next>> steps, Settings s, boolean reportsPending,
                                  Instant now) {
        Decision earliest = null;
        for (Map.Entry<String, Next> step : steps) {
            Optional<Instant> due = due(step.getValue(), s, reportsPending, now);
            if (due.isPresent() && (earliest == null || due.get().isBefore(earliest.at()))) {
                earliest = new Decision(due.get(), step.getKey(), reason(step.getValue(), s, reportsPending, due.get(),
                        now));
            }
        }
        if (earliest == null) {
            return new Decision(now.plus(s.poll().pollRate()), "none", "nothing is due: poll.rate from now");
        }
        return earliest.at().isAfter(now) ? earliest
                : new Decision(now.plus(SOONEST), earliest.step(), earliest.reason() + " (due now: the shortest wait)");
    }

    /**
     * The next wake-up.
     *
     * @param at     when the agent wakes
     * @param step   the step due first ({@code poll}, {@code status-delivery}, ...; {@code none} when none is due)
     * @param reason what placed it there, for people: {@code poll.rate after a successful poll},
     *               {@code backoff after 3 failures}, {@code held by a downtime window}, ...
     */
    public record Decision(Instant at, String step, String reason) {
        public Decision {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(reason, "reason");
        }
    }

    private static String reason(Next next, Settings s, boolean reportsPending, Instant due, Instant now) {
        String why = switch (next) {
            case Next.At ignored -> "its own schedule";
            case Next.Prompt ignored -> "first poll after start";
            case Next.WithPass ignored -> "with the next exchange";
            case Next.Poll poll -> poll.last() instanceof Outcome.Failed f
                    ? failed("backoff", f) : "poll.rate after a successful poll";
            case Next.Delivery delivery -> !reportsPending ? "status.interval re-report"
                    : delivery.last() instanceof Outcome.Failed f ? failed("status backoff", f)
                    : "status reports pending";
        };
        boolean held = !(next instanceof Next.At)
                && s.poll().downtime().activeUntil(due.minusNanos(1)).filter(due::equals).isPresent();
        return held ? why + ", held by a downtime window" : why;
    }

    private static String failed(String rule, Outcome.Failed f) {
        String retryAfter = f.retry().after().isPresent() ? "Retry-After or " : "";
        return retryAfter + rule + " after " + f.consecutiveFailures()
                + (f.consecutiveFailures() == 1 ? " failure" : " failures");
    }

    /** {@code at}, or the end of the downtime covering it or covering {@code now}, whichever is later. */
    private static Instant outOfDowntime(Settings s, Instant at, Instant now) {
        Downtime downtime = s.poll().downtime();
        Instant placed = downtime.activeUntil(at).orElse(at);
        Instant current = downtime.activeUntil(now).orElse(placed);
        return current.isAfter(placed) ? current : placed;
    }
}
