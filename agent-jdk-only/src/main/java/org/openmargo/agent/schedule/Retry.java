package org.openmargo.agent.schedule;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the WFM asked for when an exchange failed, in the schedule's terms (digest g: the client MUST honour
 * {@code Retry-After}, use {@code retryable} to decide and apply {@code backoffStrategy}). {@link PollSchedule} spaces
 * consecutive failures by {@link #strategy()} and never schedules a retry before {@link #after()}.
 *
 * @param strategy how to space consecutive retries
 * @param after    the wait the WFM named: its {@code Retry-After} header, else the problem's {@code retryAfterSeconds}.
 *                 No retry comes before it, whatever the strategy, {@code backoff.max} and jitter. A longer wait than
 *                 {@link Backoff#LONGEST} is taken as {@link Backoff#LONGEST}, so a single answer cannot silence the
 *                 device for more than a day
 */
public record Retry(Strategy strategy, Optional<Duration> after) {
    /** How consecutive failures are spaced. */
    public enum Strategy {
        /**
         * The WFM named no strategy (no problem body, no {@code backoffStrategy}, or an answer that is not to be
         * retried as transient): the configured {@code backoff.*}, growing from {@code backoff.initial}; {@code after}
         * is only a floor. This is the spec table's exponential backoff for 429, 500 and 503.
         */
        CONFIGURED,
        /** {@code backoffStrategy: fixed}: every retry waits {@link #base}; no growth and no cap. */
        FIXED,
        /**
         * {@code backoffStrategy: exponential}: the n-th failure waits {@code min(backoff.max, base ×
         * backoff.multiplier^(n-1))}, never less than {@code after}.
         */
        EXPONENTIAL
    }

    public Retry {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(after, "after");
        if (after.isPresent() && after.get().isNegative()) {
            throw new IllegalArgumentException("retry-after must not be negative but is " + after.get());
        }
        after = after.map(wait -> wait.compareTo(Backoff.LONGEST) > 0 ? Backoff.LONGEST : wait);
    }

    /** The configured backoff without a named wait: a failure the WFM said nothing about (timeout, reset, …). */
    public static Retry configured() {
        return new Retry(Strategy.CONFIGURED, Optional.empty());
    }

    /** The configured backoff, but never before {@code after}. */
    public static Retry configured(Optional<Duration> after) {
        return new Retry(Strategy.CONFIGURED, after);
    }

    /**
     * Where {@link Strategy#FIXED} and {@link Strategy#EXPONENTIAL} start: {@code after}, else {@code
     * backoff.initial}; at least {@link ScheduleSettings#SHORTEST_RATE}, so a {@code Retry-After: 0} does not turn
     * into a retry loop without pause.
     */
    Duration base(Backoff backoff) {
        Duration base = after.orElse(backoff.initial());
        return base.compareTo(ScheduleSettings.SHORTEST_RATE) < 0 ? ScheduleSettings.SHORTEST_RATE : base;
    }
}
