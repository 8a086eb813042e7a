package org.openmargo.agent.sync;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.openmargo.agent.state.AgentState;
import org.openmargo.agent.transport.RetryHint;

/**
 * What one desired-state sync achieved. The caller persists {@link Accepted#state()} before reconciling; every other
 * outcome leaves the previous state untouched (spec c.7 step 8: any failure keeps the previous state).
 */
public sealed interface SyncOutcome {
    /** The WFM answered 304: the accepted manifest is still current. */
    record Unchanged() implements SyncOutcome {
    }

    /**
     * A newer manifest was accepted, every artifact verified.
     *
     * @param state   the new agent state (manifest, desired set, YAMLs)
     * @param fetched how many YAMLs were downloaded
     * @param viaBundle whether they came from the bundle
     */
    record Accepted(AgentState state, int fetched, boolean viaBundle) implements SyncOutcome {
    }

    /**
     * The WFM answered, but what it served cannot be accepted (rollback, bad digest, malformed document), or it
     * answered with an error that is not to be retried ({@code retryable: false}, {@code backoffStrategy: none}).
     * Polled again after the configured backoff, never before {@code retryAfter}; nothing is deleted.
     *
     * @param reason     what was wrong, for the log
     * @param retryAfter the wait the WFM named with its error answer, if any
     */
    record Rejected(String reason, Optional<Duration> retryAfter) implements SyncOutcome {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }

        /** A rejection of what the WFM served: no wait named. */
        public Rejected(String reason) {
            this(reason, Optional.empty());
        }
    }

    /**
     * The WFM could not be reached or asked to come back later (I/O error, 404 on an artifact, 429, 5xx, or any
     * answer whose problem says {@code retryable: true}).
     *
     * @param reason what happened, for the log
     * @param hint   what the answer said about retrying ({@link RetryHint#silent()} when there was no answer)
     */
    record Unavailable(String reason, RetryHint hint) implements SyncOutcome {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(hint, "hint");
        }
    }
}
