package org.openmargo.wfm.rollout;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A rollout's progress: counts of devices by {@link DeviceProgress.State} for the whole rollout and per wave, how
 * many are stale, and every device's detail.
 *
 * @param rollout the rollout
 * @param counts  devices per state (every state present, zeros included)
 * @param stale   devices that have not polled recently
 * @param waves   the same per wave, in order
 * @param devices every device, ordered by wave, client and device
 */
public record Progress(Rollout rollout, Map<DeviceProgress.State, Integer> counts, int stale, List<Wave> waves,
                       List<DeviceProgress> devices) {

    /**
     * @param index  the wave's index
     * @param size   its devices
     * @param counts its devices per state
     * @param stale  its stale devices
     */
    public record Wave(int index, int size, Map<DeviceProgress.State, Integer> counts, int stale) {
    }

    static Progress of(Rollout rollout, List<DeviceProgress> devices) {
        List<Wave> waves = new ArrayList<>();
        for (int i = 0; i < rollout.waves().size(); i++) {
            int index = i;
            List<DeviceProgress> in = devices.stream().filter(d -> d.wave() == index).toList();
            waves.add(new Wave(i, in.size(), counts(in), (int) in.stream().filter(DeviceProgress::stale).count()));
        }
        return new Progress(rollout, counts(devices), (int) devices.stream().filter(DeviceProgress::stale).count(),
                waves, devices);
    }

    private static Map<DeviceProgress.State, Integer> counts(List<DeviceProgress> devices) {
        Map<DeviceProgress.State, Integer> counts = new EnumMap<>(DeviceProgress.State.class);
        for (DeviceProgress.State s : DeviceProgress.State.values()) {
            counts.put(s, 0);
        }
        devices.forEach(d -> counts.merge(d.state(), 1, Integer::sum));
        return counts;
    }

    /**
     * What the started waves say: the devices that count (started, not excluded, still members), how many are
     * installed, how many failed or are not placeable.
     */
    record Tally(int counted, int installed, int failed) {
        static Tally of(Rollout rollout, List<DeviceProgress> devices) {
            int counted = 0;
            int installed = 0;
            int failed = 0;
            for (DeviceProgress d : devices) {
                if (d.wave() > rollout.currentWave() || d.state() == DeviceProgress.State.EXCLUDED
                        || d.state() == DeviceProgress.State.LEFT) {
                    continue;
                }
                counted++;
                installed += d.state() == DeviceProgress.State.INSTALLED || rollout.toVersion().equals(Rollout.NONE)
                        && d.state() == DeviceProgress.State.REMOVED ? 1 : 0;
                failed += d.state().failure() ? 1 : 0;
            }
            return new Tally(counted, installed, failed);
        }

        boolean tooManyFailures(double errorThreshold) {
            return counted > 0 && failed > 0 && (double) failed / counted > errorThreshold;
        }

        boolean succeeded(double successThreshold) {
            return counted == 0 || (double) installed / counted >= successThreshold - 1e-9;
        }
    }
}
