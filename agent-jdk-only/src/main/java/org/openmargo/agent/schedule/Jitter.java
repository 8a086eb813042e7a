package org.openmargo.agent.schedule;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Random spread applied to every wait so a fleet does not poll in lockstep, as a percentage of the wait.
 * Default ({@link #defaults()}): 10 %.
 *
 * @param percent from 0 (no jitter) to 50
 */
public record Jitter(int percent) {
    public Jitter {
        if (percent < 0 || percent > 50) {
            throw new IllegalArgumentException("jitter percent must lie between 0 and 50 but is " + percent);
        }
    }

    /** Ten percent. */
    public static Jitter defaults() {
        return new Jitter(10);
    }

    /** {@code wait × percent / 100}: the half-width of the symmetric spread around {@code wait}. */
    public Duration spread(Duration wait) {
        return Duration.ofMillis(wait.toMillis() * percent / 100);
    }

    /** A uniformly drawn wait in {@code [low, high]}; {@code low} when the range is empty. */
    static Duration between(Duration low, Duration high, RandomGenerator random) {
        long width = high.toMillis() - low.toMillis();
        return width <= 0 ? low : low.plusMillis(random.nextLong(width + 1));
    }
}
