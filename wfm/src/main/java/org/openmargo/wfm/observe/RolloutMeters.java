package org.openmargo.wfm.observe;

import java.util.List;
import java.util.Locale;

import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import org.openmargo.wfm.rollout.DeviceProgress;
import org.openmargo.wfm.rollout.RolloutGauges;

/**
 * Rollout progress gauges (docs/observability.md): {@code openmargo_wfm_rollout_devices{state}}, the devices of the
 * active rollouts by state, and {@code openmargo_wfm_rollouts{state="running|paused"}}. Read from the
 * {@link RolloutGauges} the rollout engine refreshes, so a scrape never reaches the database.
 */
final class RolloutMeters {
    private RolloutMeters() {
    }

    static void register(MeterRegistry registry, RolloutGauges gauges) {
        for (DeviceProgress.State state : DeviceProgress.State.values()) {
            registry.getOrCreate(Gauge.builder("openmargo.wfm.rollout.devices", gauges,
                            g -> g.current().devices().getOrDefault(state, 0))
                    .tags(List.of(Tag.create("state", state.name().toLowerCase(Locale.ROOT))))
                    .description("Devices of the running and paused rollouts by state"));
        }
        registry.getOrCreate(Gauge.builder("openmargo.wfm.rollouts", gauges, g -> g.current().running())
                .tags(List.of(Tag.create("state", "running")))
                .description("Rollouts running or paused"));
        registry.getOrCreate(Gauge.builder("openmargo.wfm.rollouts", gauges, g -> g.current().paused())
                .tags(List.of(Tag.create("state", "paused")))
                .description("Rollouts running or paused"));
    }
}
