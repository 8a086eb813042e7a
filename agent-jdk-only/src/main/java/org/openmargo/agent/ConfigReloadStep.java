package org.openmargo.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

import org.openmargo.agent.config.AgentConfig;
import org.openmargo.agent.config.ConfigWatcher;
import org.openmargo.agent.cycle.Step;
import org.openmargo.agent.schedule.Next;

/**
 * Reads the configuration file every {@link #INTERVAL} and puts a changed schedule in force at once: the next decision
 * of the wake-up time already uses it. Other changes need a restart and are logged once.
 */
public final class ConfigReloadStep implements Step {
    /** How often the file is compared with what was seen last (a read of a small file). */
    static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Logger LOG = Logger.getLogger(ConfigReloadStep.class.getName());

    private final ConfigWatcher watcher;
    private final AtomicReference<AgentConfig> current;
    private final Clock clock;

    /** @param current receives every valid new configuration (its schedule parts are in force at once) */
    public ConfigReloadStep(ConfigWatcher watcher, AtomicReference<AgentConfig> current, Clock clock) {
        this.watcher = watcher;
        this.current = current;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "config-reload";
    }

    @Override
    public boolean exchange() {
        return false;
    }

    @Override
    public Next initial(Instant start) {
        return new Next.At(start.plus(INTERVAL));
    }

    @Override
    public Next run(Instant now, Next previous) {
        switch (watcher.check()) {
            case ConfigWatcher.Change.Unchanged u -> { }
            case ConfigWatcher.Change.ScheduleChanged c -> {
                current.set(c.config());
                LOG.info("schedule settings reloaded");
            }
            case ConfigWatcher.Change.RestartNeeded r -> {
                current.set(r.config());
                LOG.warning(r.message());
            }
            case ConfigWatcher.Change.Invalid i -> LOG.warning("configuration change ignored: "
                    + String.join("; ", i.problems()));
        }
        return new Next.At(clock.instant().plus(INTERVAL));
    }
}
