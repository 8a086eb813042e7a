package org.openmargo.agent.schedule;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything {@link PollSchedule} needs. Immutable and thread-safe; a configuration change produces a new instance
 * that the agent uses from its next scheduling decision on (no restart).
 *
 * @param pollRate the Polling Interval Rate: wait after a success, from PT1S to P1D (default PT5M)
 * @param jitter   spread on every wait (default 10 %)
 * @param windows  the Polling Interval Period (default always)
 * @param downtime known downtime (default none)
 * @param backoff  waits after failures (default PT10S doubling up to PT10M)
 */
public record ScheduleSettings(Duration pollRate, Jitter jitter, PollWindows windows, Downtime downtime,
                               Backoff backoff) {
    /** Shortest accepted rate; it also guarantees that every scheduled time lies strictly in the future. */
    public static final Duration SHORTEST_RATE = Duration.ofSeconds(1);
    /** Longest accepted rate. */
    public static final Duration LONGEST_RATE = Duration.ofDays(1);

    public ScheduleSettings {
        Objects.requireNonNull(pollRate, "pollRate");
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(windows, "windows");
        Objects.requireNonNull(downtime, "downtime");
        Objects.requireNonNull(backoff, "backoff");
        if (pollRate.compareTo(SHORTEST_RATE) < 0 || pollRate.compareTo(LONGEST_RATE) > 0) {
            throw new IllegalArgumentException("poll rate must lie between " + SHORTEST_RATE + " and "
                    + LONGEST_RATE + " but is " + pollRate);
        }
    }

    /** PT5M, 10 % jitter, always open, no downtime, default backoff. */
    public static ScheduleSettings defaults() {
        return new ScheduleSettings(Duration.ofMinutes(5), Jitter.defaults(), PollWindows.always(), Downtime.none(),
                Backoff.defaults());
    }
}
