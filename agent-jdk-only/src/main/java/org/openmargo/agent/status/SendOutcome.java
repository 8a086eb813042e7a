package org.openmargo.agent.status;

import java.io.IOException;
import java.util.Objects;

import org.openmargo.agent.transport.RetryHint;

/** What one {@link StatusSender#sendDue()} run achieved; the scheduler turns it into the next run time. */
public sealed interface SendOutcome {

    /**
     * Nothing is pending any more.
     *
     * @param delivered reports the WFM accepted in this run
     * @param dropped reports the WFM refused for good (400/422) in this run
     */
    record AllDelivered(int delivered, int dropped) implements SendOutcome {
    }

    /**
     * Reports are still pending: retry later with backoff (and jitter), as {@code hint} asks.
     *
     * @param remaining reports still due
     * @param cause why sending stopped, for example {@code HTTP 503} or the transport error
     * @param hint what the WFM's answer said about retrying; {@link RetryHint#silent()} without an answer
     */
    record Pending(int remaining, String cause, RetryHint hint) implements SendOutcome {
        public Pending {
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(hint, "hint");
        }

        /** Pending without an answer from the WFM ({@link RetryHint#silent()}). */
        public Pending(int remaining, String cause) {
            this(remaining, cause, RetryHint.silent());
        }
    }

    /**
     * The outbox itself could not be updated after a delivery; the report is sent again on the next run.
     *
     * @param cause the file-system failure
     */
    record Failed(IOException cause) implements SendOutcome {
        public Failed {
            Objects.requireNonNull(cause, "cause");
        }
    }
}
