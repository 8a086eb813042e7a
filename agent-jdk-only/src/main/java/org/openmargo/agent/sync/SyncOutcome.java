package org.openmargo.agent.sync;

import java.time.Duration;
import java.util.Optional;

import org.openmargo.agent.state.AgentState;

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
     * The WFM answered, but what it served cannot be accepted (rollback, bad digest, malformed document). Retried on
     * the normal schedule; nothing is deleted.
     *
     * @param reason what was wrong, for the log
     */
    record Rejected(String reason) implements SyncOutcome {
    }

    /**
     * The WFM could not be reached or asked to come back later (I/O error, 404 on an artifact, 429, 5xx).
     *
     * @param reason     what happened, for the log
     * @param retryAfter the server's {@code Retry-After}, when it gave one
     */
    record Unavailable(String reason, Optional<Duration> retryAfter) implements SyncOutcome {
    }
}
