package org.openmargo.agent.cycle;

import java.time.Instant;

import org.openmargo.agent.schedule.Next;

/**
 * One step of a pass. It runs when {@link org.openmargo.agent.schedule.WakeUp} says its last {@link Next} is due,
 * does its work, and returns the {@link Next} that its outcome implies. It never sleeps, never schedules itself and
 * never throws for a failure it can describe (a failure is an outcome).
 */
public interface Step {
    /** Whether the step talks to the WFM: such steps are held in downtime and make a pass worth recording. */
    boolean exchange();

    /**
     * Runs the step.
     *
     * @param now      the instant it was found due
     * @param previous what its previous run returned (its initial {@link Next} before the first run)
     */
    Next run(Instant now, Next previous) throws InterruptedException;

    /** What the step is due on before its first run. */
    Next initial(Instant start);

    /**
     * The step's name in {@code agent status} ("next wake-up: poll"): lower case, words joined by {@code -}. The
     * agent's own steps name themselves; any other step is called {@code local}.
     */
    default String name() {
        return "local";
    }
}
