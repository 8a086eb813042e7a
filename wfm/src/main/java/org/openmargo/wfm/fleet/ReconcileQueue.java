package org.openmargo.wfm.fleet;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the {@link Reconciler} off the request threads: changes (capabilities, labels, intents, rollout waves) ask for
 * a client or for everything, and one worker drains the requests, coalescing repeats; a periodic sweep reconciles
 * everything so that a lost request (a crash after a commit) is caught up within one sweep interval. The sweep is a
 * one-shot task re-armed after each run, so a failure never stops later sweeps. Thread safe.
 */
public final class ReconcileQueue {
    private static final Logger LOG = Logger.getLogger(ReconcileQueue.class.getName());
    private static final String ALL = "";

    private final Reconciler reconciler;
    private final Map<String, Boolean> pending = new LinkedHashMap<>();
    private ScheduledExecutorService executor;
    private Duration sweep;
    private boolean draining;

    public ReconcileQueue(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    /** Starts the sweep on {@code executor} (which also runs the requests), first one {@code sweep} from now. */
    public synchronized void start(ScheduledExecutorService executor, Duration sweep) {
        this.executor = executor;
        this.sweep = sweep;
        executor.schedule(this::sweepOnce, sweep.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks for one client to be reconciled soon ({@code rerender}: render every member again). */
    public void client(String clientId, boolean rerender) {
        enqueue(clientId, rerender);
    }

    /** Asks for every client to be reconciled soon. */
    public void everything(boolean rerender) {
        enqueue(ALL, rerender);
    }

    private synchronized void enqueue(String key, boolean rerender) {
        pending.merge(key, rerender, Boolean::logicalOr);
        if (executor == null) {
            // Not started (tests that drive the reconciler themselves): run now on the caller's thread.
            drain();
            return;
        }
        if (!draining) {
            draining = true;
            executor.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            Map.Entry<String, Boolean> next;
            synchronized (this) {
                if (pending.isEmpty()) {
                    draining = false;
                    return;
                }
                var it = pending.entrySet().iterator();
                next = it.next();
                it.remove();
            }
            try {
                if (next.getKey().equals(ALL)) {
                    reconciler.everything(next.getValue());
                } else {
                    reconciler.client(next.getKey(), next.getValue());
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a fleet reconcile failed; the next sweep retries", e);
            }
        }
    }

    private void sweepOnce() {
        try {
            reconciler.everything(false);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the fleet sweep failed; it runs again in " + sweep, e);
        } finally {
            executor.schedule(this::sweepOnce, sweep.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
