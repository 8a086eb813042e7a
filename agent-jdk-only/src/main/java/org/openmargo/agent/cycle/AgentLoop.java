package org.openmargo.agent.cycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs an {@link AgentCycle} on one thread: each pass returns the next run time and the loop re-arms a one-shot task
 * for it (never a fixed-rate task: a pass that throws must not stop the agent). Hooks that must run between passes
 * (configuration reload, trust bundle refresh) are given as {@code beforePass}. Thread safe.
 */
public final class AgentLoop implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AgentLoop.class.getName());
    private static final Duration AFTER_CRASH = Duration.ofSeconds(30);
    private final AgentCycle cycle;
    private final Runnable beforePass;
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "agent-cycle");
        t.setDaemon(false);
        return t;
    });

    public AgentLoop(AgentCycle cycle, Runnable beforePass, Clock clock) {
        this.cycle = cycle;
        this.beforePass = beforePass;
        this.clock = clock;
    }

    /** Starts the first pass now. */
    public void start() {
        executor.execute(this::pass);
    }

    private void pass() {
        Instant next;
        try {
            beforePass.run();
            next = cycle.runDue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "agent pass failed; retrying in " + AFTER_CRASH.toSeconds() + " s", e);
            next = clock.instant().plus(AFTER_CRASH);
        }
        long delay = Math.max(0, Duration.between(clock.instant(), next).toMillis());
        if (!executor.isShutdown()) {
            executor.schedule(this::pass, delay, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops after the pass in progress (its writes are atomic, so nothing is left half-written). */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
