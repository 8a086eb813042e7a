package org.openmargo.wfm.rollout;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The rollout engine: ONE scheduled task per WFM instance that, every interval, runs {@link Rollouts#advance} on each
 * running rollout. Several instances on one database are safe: each step locks the rollout row first and decides on
 * what it then reads, so a step taken by another instance is seen, never repeated. The task re-arms itself after
 * each run; a failing rollout is logged and the others still advance.
 */
public final class RolloutEngine {
    private static final Logger LOG = Logger.getLogger(RolloutEngine.class.getName());

    private final Rollouts rollouts;
    private final RolloutRows rows;
    private final RolloutGauges gauges;

    public RolloutEngine(Rollouts rollouts, RolloutRows rows) {
        this(rollouts, rows, new RolloutGauges());
    }

    /** @param gauges refreshed after every run, for the metrics (a scrape reads them, never the database) */
    public RolloutEngine(Rollouts rollouts, RolloutRows rows, RolloutGauges gauges) {
        this.rollouts = rollouts;
        this.rows = rows;
        this.gauges = gauges;
    }

    /** Starts the task on {@code executor}, first run one {@code interval} from now. */
    public void start(ScheduledExecutorService executor, Duration interval) {
        executor.schedule(() -> run(executor, interval), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Advances every running rollout once. @return how many were advanced without a failure */
    public int tick() {
        int done = 0;
        for (String id : rows.running()) {
            try {
                rollouts.advance(id);
                done++;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "advancing rollout " + id + " failed; the next run retries", e);
            }
        }
        return done;
    }

    private void run(ScheduledExecutorService executor, Duration interval) {
        try {
            tick();
            gauges.refresh(rollouts);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the rollout engine failed; it runs again in " + interval, e);
        } finally {
            executor.schedule(() -> run(executor, interval), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
