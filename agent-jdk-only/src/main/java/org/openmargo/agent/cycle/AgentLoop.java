package org.openmargo.agent.cycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs an {@link AgentCycle} on one thread: each pass returns the next wake-up and the loop re-arms one one-shot task
 * for it (never a fixed-rate task: a pass that throws must not stop the agent). Thread safe.
 *
 * <p>{@link #close()} drops the armed task at once, so an idle agent stops in milliseconds, and lets a pass in progress
 * finish (its writes are atomic) for at most {@link #STOP_GRACE}; no pass starts after it.
 */
public final class AgentLoop implements AutoCloseable {
    /** How long a pass in progress may take to finish after {@link #close()}: below a container's 10 s kill. */
    static final Duration STOP_GRACE = Duration.ofSeconds(8);
    private static final Logger LOG = Logger.getLogger(AgentLoop.class.getName());
    private static final Duration AFTER_CRASH = Duration.ofSeconds(30);
    private final AgentCycle cycle;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "agent-cycle");
        t.setDaemon(false);
        return t;
    });

    public AgentLoop(AgentCycle cycle, Clock clock) {
        this.cycle = cycle;
        this.clock = clock;
        // After shutdown() the armed pass must not run (the JDK's default would still run it when due).
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
    }

    /** Starts the first pass now. */
    public void start() {
        executor.execute(this::pass);
    }

    private void pass() {
        if (executor.isShutdown()) {
            return;
        }
        Instant next;
        try {
            next = cycle.runDue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "agent pass failed; retrying in " + AFTER_CRASH.toSeconds() + " s", e);
            next = clock.instant().plus(AFTER_CRASH);
        }
        long delay = Math.max(0, Duration.between(clock.instant(), next).toMillis());
        try {
            executor.schedule(this::pass, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.fine("stopping: no further pass");
        }
    }

    /** Stops: the armed pass is dropped, a pass in progress may finish within {@link #STOP_GRACE}. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warning("the pass in progress did not finish within " + STOP_GRACE.toSeconds()
                        + " s; interrupting it");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
