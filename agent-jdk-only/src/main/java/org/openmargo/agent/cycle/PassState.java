package org.openmargo.agent.cycle;

import java.time.Instant;
import java.util.Optional;

import org.openmargo.agent.state.AgentState;

/**
 * What the steps of one agent share between them: the current state (the poll step replaces it with an accepted
 * manifest, the reconcile step with what it applied) and what the last sync found, for {@code agent status}. Not thread
 * safe: the agent loop's one thread.
 */
final class PassState {
    AgentState state;
    Optional<Instant> lastSync = Optional.empty();
    String lastSyncResult = "none yet";

    PassState(AgentState state) {
        this.state = state;
    }
}
