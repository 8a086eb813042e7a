package org.openmargo.agent.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.openmargo.agent.schedule.ScheduleSettings;

/**
 * Notices edits of the configuration file so schedule changes apply without a restart. It has no thread: the agent
 * calls {@link #check()} every second. Each check reads the file and compares its bytes with the last seen ones:
 * the file is small (reading it once a second costs next to nothing), and modification times are not trusted because
 * their resolution is coarse on some file systems and tools such as {@code cp -p} or configuration managers restore
 * old ones. Not thread-safe: one caller.
 */
public final class ConfigWatcher {
    private final Path file;
    private final Map<String, String> environment;
    private AgentConfig current;
    private byte[] lastContent;

    private ConfigWatcher(Path file, Map<String, String> environment, AgentConfig current, byte[] content) {
        this.file = file;
        this.environment = Map.copyOf(environment);
        this.current = current;
        this.lastContent = content;
    }

    /**
     * Loads {@code file} and starts watching it.
     *
     * @throws ConfigException when the file is invalid now
     */
    public static ConfigWatcher start(Path file, Map<String, String> environment) {
        byte[] content = AgentConfigLoader.read(file);
        return new ConfigWatcher(file, environment, AgentConfigLoader.parse(file, content, environment), content);
    }

    /**
     * The last valid configuration read. Its schedule parts are in force; after a {@link Change.RestartNeeded} its
     * other parts take effect only when the agent restarts.
     */
    public AgentConfig current() {
        return current;
    }

    /** Compares the file with what was seen last; each change is reported once. */
    public Change check() {
        byte[] content;
        try {
            content = AgentConfigLoader.read(file);
        } catch (ConfigException e) {
            return new Change.Invalid(e.problems());
        }
        if (Arrays.equals(content, lastContent)) {
            return new Change.Unchanged();
        }
        lastContent = content;
        return apply(content);
    }

    private Change apply(byte[] content) {
        AgentConfig next;
        try {
            next = AgentConfigLoader.parse(file, content, environment);
        } catch (ConfigException e) {
            return new Change.Invalid(e.problems());
        }
        AgentConfig previous = current;
        current = next;
        if (!next.withoutSchedule().equals(previous.withoutSchedule())) {
            return new Change.RestartNeeded(next, changedOutsideSchedule(previous, next));
        }
        return next.equals(previous) ? new Change.Unchanged() : new Change.ScheduleChanged(next);
    }

    /** The key groups that differ, in file order, for the restart message. */
    static List<String> changedOutsideSchedule(AgentConfig a, AgentConfig b) {
        List<String> changed = new ArrayList<>();
        addIf(changed, !a.wfmUrl().equals(b.wfmUrl()), "wfm.url");
        addIf(changed, !a.trust().equals(b.trust()), "trust.*");
        addIf(changed, !a.identity().equals(b.identity()), "identity.*");
        addIf(changed, !a.stateDir().equals(b.stateDir()), "state.dir");
        addIf(changed, a.runtime() != b.runtime(), "runtime");
        addIf(changed, !a.runtimes().helm().equals(b.runtimes().helm()), "helm.*");
        addIf(changed, !a.runtimes().compose().equals(b.runtimes().compose()), "compose.*");
        addIf(changed, !a.runtimes().simulated().equals(b.runtimes().simulated()), "simulated.*");
        addIf(changed, !a.device().equals(b.device()), "device.*");
        addIf(changed, !a.metricsTextfile().equals(b.metricsTextfile()), "metrics.textfile");
        return List.copyOf(changed);
    }

    private static void addIf(List<String> list, boolean condition, String value) {
        if (condition) {
            list.add(value);
        }
    }

    /** What a {@link #check()} found. */
    public sealed interface Change {
        /** Nothing new (or a rewrite with identical content). */
        record Unchanged() implements Change {
        }

        /** Only schedule keys changed: use {@link AgentConfig#schedule()} and {@code statusSchedule()} from now on. */
        record ScheduleChanged(AgentConfig config) implements Change {
            /** The new desired-state poll schedule. */
            public ScheduleSettings schedule() {
                return config.schedule();
            }
        }

        /**
         * Keys other than the schedule keys changed. The new schedule applies at once like {@link ScheduleChanged};
         * the rest takes effect only after a restart, which the agent should say in its log.
         */
        record RestartNeeded(AgentConfig config, List<String> changedKeys) implements Change {
            public RestartNeeded {
                Objects.requireNonNull(config, "config");
                changedKeys = List.copyOf(changedKeys);
            }

            /** A line for the log, for example {@code "wfm.url, device.* changed: restart the agent to apply"}. */
            public String message() {
                return String.join(", ", changedKeys) + " changed: restart the agent to apply (schedule changes"
                        + " are already in force)";
            }
        }

        /** The new content is invalid; the previous configuration stays in force. */
        record Invalid(List<String> problems) implements Change {
            public Invalid {
                problems = List.copyOf(problems);
            }
        }
    }
}
