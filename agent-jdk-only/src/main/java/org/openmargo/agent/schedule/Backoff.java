package org.openmargo.agent.schedule;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff after consecutive failures (digest g: {@code backoffStrategy: exponential} for 429, 500, 503).
 * The n-th consecutive failure waits {@code min(max, initial × multiplier^(n-1))}; a multiplier of 1 is a fixed
 * backoff. A WFM that names the start of the growth ({@link Retry.Strategy#EXPONENTIAL}) replaces {@code initial}
 * ({@link #delay(int, Duration)}). Defaults ({@link #defaults()}): initial PT10S, max PT10M, multiplier 2.
 *
 * @param initial    wait after the first failure; at least one second
 * @param max        the cap; at least {@code initial} and at most {@link #LONGEST}
 * @param multiplier growth per further failure; from 1 to 10
 */
public record Backoff(Duration initial, Duration max, double multiplier) {
    /** The longest cap accepted: a day, so a device never goes silent for longer because of backoff alone. */
    public static final Duration LONGEST = Duration.ofDays(1);

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("backoff initial must be at least PT1S but is " + initial);
        }
        if (max.compareTo(initial) < 0 || max.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("backoff max must lie between initial " + initial + " and "
                    + LONGEST + " but is " + max);
        }
        if (!(multiplier >= 1 && multiplier <= 10)) {
            throw new IllegalArgumentException("backoff multiplier must lie between 1 and 10 but is " + multiplier);
        }
    }

    /** PT10S initial, PT10M cap, doubling. */
    public static Backoff defaults() {
        return new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(10), 2.0);
    }

    /** The un-jittered wait after {@code consecutiveFailures} (at least 1) failures in a row. */
    public Duration delay(int consecutiveFailures) {
        return delay(consecutiveFailures, initial);
    }

    /**
     * The un-jittered wait after {@code consecutiveFailures} (at least 1) failures in a row when the growth starts at
     * {@code first} instead of {@code initial}: {@code min(max, first × multiplier^(n-1))}.
     */
    public Duration delay(int consecutiveFailures, Duration first) {
        if (consecutiveFailures < 1) {
            throw new IllegalArgumentException("consecutiveFailures must be at least 1 but is " + consecutiveFailures);
        }
        // Doubles saturate at infinity instead of overflowing, and min() then picks the cap.
        double millis = first.toMillis() * Math.pow(multiplier, consecutiveFailures - 1.0);
        return Duration.ofMillis((long) Math.min(max.toMillis(), millis));
    }
}
