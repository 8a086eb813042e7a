package org.openmargo.agent.schedule;

import java.time.Instant;
import java.util.Objects;

/**
 * How the last exchange with the WFM ended: the only input from the agent's steps that decides the next run time.
 * Steps return one of these and never sleep or reschedule themselves.
 */
public sealed interface Outcome permits Outcome.Succeeded, Outcome.Failed {

    /** The exchange succeeded (including 304 Not Modified); the failure count starts again from zero. */
    record Succeeded() implements Outcome {
    }

    /**
     * A failure: no answer (connection or TLS error, timeout), an error answer, or an answer that could not be
     * accepted.
     *
     * @param consecutiveFailures failures in a row including this one, at least 1; count it with
     *                            {@link PollSchedule#failuresAfter} so failures in downtime do not count
     * @param at                  when the failure happened
     * @param retry               what the WFM asked for: its {@code Retry-After} and {@code backoffStrategy}
     */
    record Failed(int consecutiveFailures, Instant at, Retry retry) implements Outcome {
        public Failed {
            if (consecutiveFailures < 1) {
                throw new IllegalArgumentException("consecutiveFailures must be at least 1 but is "
                        + consecutiveFailures);
            }
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(retry, "retry");
        }

        /** A failure the WFM said nothing about: the configured backoff ({@link Retry#configured()}). */
        public Failed(int consecutiveFailures, Instant at) {
            this(consecutiveFailures, at, Retry.configured());
        }
    }
}
