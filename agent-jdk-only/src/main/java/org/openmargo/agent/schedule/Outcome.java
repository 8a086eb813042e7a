package org.openmargo.agent.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How the last exchange with the WFM ended: the only input from the agent's steps that decides the next run time.
 * Steps return one of these and never sleep or reschedule themselves.
 */
public sealed interface Outcome permits Outcome.Succeeded, Outcome.Failed, Outcome.RetryAfter {

    /** The exchange succeeded (including 304 Not Modified); the failure count starts again from zero. */
    record Succeeded() implements Outcome {
    }

    /**
     * A retryable failure: a 500, a connection or TLS error, a timeout.
     *
     * @param consecutiveFailures failures in a row including this one, at least 1; count it with
     *                            {@link PollSchedule#failuresAfter} so failures in downtime do not count
     * @param at                  when the failure happened
     */
    record Failed(int consecutiveFailures, Instant at) implements Outcome {
        public Failed {
            requirePositive(consecutiveFailures);
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * The WFM asked for a pause: a 429 or 503 with {@code Retry-After}, or a problem's {@code retryAfterSeconds}
     * when the header is absent (digest g: the header wins).
     *
     * @param delay               the requested pause, zero or more (named {@code delay} because a record component
     *                            cannot be called {@code wait}: it would clash with {@link Object#wait()})
     * @param consecutiveFailures failures in a row including this one, at least 1
     * @param at                  when the answer arrived
     */
    record RetryAfter(Duration delay, int consecutiveFailures, Instant at) implements Outcome {
        public RetryAfter {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("Retry-After delay must not be negative but is " + delay);
            }
            requirePositive(consecutiveFailures);
            Objects.requireNonNull(at, "at");
        }
    }

    private static void requirePositive(int consecutiveFailures) {
        if (consecutiveFailures < 1) {
            throw new IllegalArgumentException("consecutiveFailures must be at least 1 but is " + consecutiveFailures);
        }
    }
}
