package org.openmargo.agent.status;

import java.io.IOException;
import java.util.Objects;

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
     * Reports are still pending: retry later with backoff (and jitter).
     *
     * @param remaining reports still due
     * @param cause why sending stopped, for example {@code HTTP 503} or the transport error
     */
    record Pending(int remaining, String cause) implements SendOutcome {
        public Pending {
            Objects.requireNonNull(cause, "cause");
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
