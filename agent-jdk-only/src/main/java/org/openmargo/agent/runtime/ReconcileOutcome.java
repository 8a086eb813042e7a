package org.openmargo.agent.runtime;

import java.util.List;
import java.util.Objects;

import org.openmargo.agent.state.AgentState;

/**
 * What one {@link Reconciler#reconcile} run achieved; the scheduler turns it into the next run time. Every outcome
 * carries the state reached, which is also what was last committed.
 */
public sealed interface ReconcileOutcome {

    /** Returns the state after the run. */
    AgentState state();

    /** Every desired deployment is installed and every other one is removed. */
    record Converged(AgentState state) implements ReconcileOutcome {
    }

    /**
     * Nothing failed, but components applied with {@code wait: false} are not yet ready: run again soon to settle them.
     *
     * @param deploymentIds the deployments still installing, sorted
     */
    record Unsettled(AgentState state, List<String> deploymentIds) implements ReconcileOutcome {
        public Unsettled {
            deploymentIds = List.copyOf(deploymentIds);
        }
    }

    /**
     * Some deployments failed (reported with errors); retry them with backoff.
     *
     * @param deploymentIds the failed deployments, sorted
     */
    record Degraded(AgentState state, List<String> deploymentIds) implements ReconcileOutcome {
        public Degraded {
            deploymentIds = List.copyOf(deploymentIds);
        }
    }

    /**
     * The run stopped: a state or status write failed, or a needed YAML is not available (refetch it first).
     *
     * @param reason what stopped it
     */
    record Stalled(AgentState state, String reason) implements ReconcileOutcome {
        public Stalled {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
