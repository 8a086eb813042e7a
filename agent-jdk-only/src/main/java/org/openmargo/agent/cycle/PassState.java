package org.openmargo.agent.cycle;

import java.time.Instant;
import java.util.Optional;

import org.openmargo.agent.observe.PollCounts;
import org.openmargo.agent.state.AgentState;

/**
 * What the steps of one agent share between them: the current state (the poll step replaces it with an accepted
 * manifest, the reconcile step with what it applied) and what the syncs found, for {@code agent status}. Not thread
 * safe: the agent loop's one thread.
 */
final class PassState {
    AgentState state;
    Optional<Instant> lastSync = Optional.empty();
    String lastSyncResult = "none yet";
    /** The end of the last sync that succeeded, carried over a restart from the previous status file. */
    Optional<Instant> lastSuccessfulSync = Optional.empty();
    /** Polls of this run by result, for {@code agent status} and the metrics textfile. */
    PollCounts polls = PollCounts.none();

    PassState(AgentState state) {
        this.state = state;
    }
}
