package org.openmargo.wfm.rollout;

import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The rollout figures a metrics scrape reads: devices of the active (running or paused) rollouts by state, summed over
 * those rollouts, and how many rollouts are running and paused. The rollout engine refreshes them after each of its
 * runs ({@link RolloutEngine}), so a scrape reads memory only and never the database.
 *
 * <p>No rollout id appears: the label set stays bounded whatever the number of rollouts. Every instance of a
 * multi-instance WFM computes the same figures from the shared database; aggregate them with {@code max}, not
 * {@code sum}. Thread safe.
 */
public final class RolloutGauges {
    private static final Logger LOG = Logger.getLogger(RolloutGauges.class.getName());

    /**
     * One refresh's figures.
     *
     * @param devices devices of the active rollouts by state, every state present (zero when none)
     * @param running rollouts running
     * @param paused  rollouts paused (by an operator, or automatically at a threshold or wave timeout)
     */
    public record Snapshot(Map<DeviceProgress.State, Integer> devices, int running, int paused) {
        public Snapshot {
            devices = Map.copyOf(devices);
        }

        static Snapshot empty() {
            Map<DeviceProgress.State, Integer> zero = new EnumMap<>(DeviceProgress.State.class);
            for (DeviceProgress.State s : DeviceProgress.State.values()) {
                zero.put(s, 0);
            }
            return new Snapshot(zero, 0, 0);
        }
    }

    private volatile Snapshot current = Snapshot.empty();

    /** The figures of the last refresh (all zero before the first). */
    public Snapshot current() {
        return current;
    }

    /** Recomputes the figures from the rollouts' progress; a failure keeps the previous figures and is logged. */
    void refresh(Rollouts rollouts) {
        try {
            Map<DeviceProgress.State, Integer> devices = new EnumMap<>(Snapshot.empty().devices());
            int running = 0;
            int paused = 0;
            for (Rollout r : rollouts.list()) {
                if (!r.state().active()) {
                    continue;
                }
                if (r.state() == Rollout.State.RUNNING) {
                    running++;
                } else {
                    paused++;
                }
                rollouts.progress(r.id()).counts().forEach((state, n) -> devices.merge(state, n, Integer::sum));
            }
            current = new Snapshot(devices, running, paused);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "refreshing the rollout gauges failed; the previous figures stay", e);
        }
    }
}
